using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Notifications.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Complaints.Web.Setup;

public static class NotificationsSetup
{
    /// <summary>
    /// The outbox: an interceptor writes messages with the change that causes them; the dispatcher job delivers
    /// them by email (SMTP, or .eml files under Storage:DataPath/mail when no server is configured), SMS (an HTTP
    /// gateway, when configured) and WhatsApp templates (recorded until the WhatsApp channel replaces the sender).
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

        builder.Services.AddSingleton<INotificationSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<HttpSmsSender>();
        builder.Services.AddTransient<INotificationSender>(sp => sp.GetRequiredService<HttpSmsSender>());
        builder.Services.TryAddSingleton<IWhatsAppTemplateSender, RecordingWhatsAppSender>();
        builder.Services.AddTransient<INotificationSender, WhatsAppTemplateChannel>();
    }
}
