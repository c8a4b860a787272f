using Complaints.Core.Features.WhatsApp;
using Complaints.Web.WhatsApp;

namespace Complaints.Web.Setup;

public static class WhatsAppSetup
{
    /// <summary>
    /// The WhatsApp channel: the verified webhook and its inbox, the Cloud API sender, the chatbot, and the live
    /// agent console (SignalR).
    /// </summary>
    public static void AddWhatsApp(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WhatsAppOptions>(builder.Configuration.GetSection(WhatsAppOptions.Section));
        builder.Services.AddScoped<WhatsAppReplies>();
        builder.Services.AddSingleton<WhatsAppInboxTrigger>();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<IConversationEvents, SignalRConversationEvents>();
        builder.Services.AddSingleton<AgentPresence>();

        // Development's simulator (/regulator/dev/whatsapp) and its stand-in Graph API (/dev/graph).
        builder.Services.AddSingleton<DevGraphApi>();
        builder.Services.AddSingleton<DevWhatsAppSimulator>();
        builder.Services.AddHttpClient(DevWhatsAppSimulator.ClientName);
    }

    public static void MapWhatsApp(this WebApplication app)
    {
        app.MapHub<AgentConsoleHub>(AgentConsoleHub.Path);
        if (app.Environment.IsDevelopment())
        {
            DevGraphApi.Map(app);
        }
    }
}
