using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Notifications.Channels;
using Complaints.Core.Features.WhatsApp;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Setup;

public static class NotificationsSetup
{
    /// <summary>
    /// The outbox: an interceptor writes messages with the change that causes them; the dispatcher job delivers
    /// them by email (SMTP, or .eml files under Storage:DataPath/mail when no server is configured), SMS (an HTTP
    /// gateway, when configured) and WhatsApp (templates and chatbot replies through the Cloud API).
    /// </summary>
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(NotificationOptions.Section);
        var dataPath = DatabaseSetup.DataPath(builder);
        builder.Services.Configure<NotificationOptions>(section);
        builder.Services.PostConfigure<NotificationOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.Email.Host) && string.IsNullOrWhiteSpace(o.Email.PickupDirectory))
            {
                o.Email.PickupDirectory = Path.Combine(dataPath, "mail");
            }
        });

        builder.Services.AddSingleton<NotificationTemplates>();
        builder.Services.AddSingleton<NotificationPlanner>();
        builder.Services.AddSingleton<OutboxInterceptor>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<OutboxInterceptor>());

        builder.Services.AddSingleton<INotificationSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<HttpSmsSender>();
        builder.Services.AddTransient<INotificationSender>(sp => sp.GetRequiredService<HttpSmsSender>());
        // WhatsApp goes to the Cloud API once WhatsApp:PhoneNumberId and AccessToken are set; until then it is
        // recorded (templates and replies alike), keeping the 24-hour rule either way.
        builder.Services.AddHttpClient<WhatsAppCloudApi>(c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<RecordingWhatsAppSender>();
        builder.Services.AddTransient<CloudWhatsAppTemplateSender>();
        builder.Services.AddTransient<IWhatsAppTemplateSender>(sp => sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value.SendingEnabled
            ? sp.GetRequiredService<CloudWhatsAppTemplateSender>()
            : sp.GetRequiredService<RecordingWhatsAppSender>());
        builder.Services.AddScoped<INotificationSender, WhatsAppChannel>();
    }
}
