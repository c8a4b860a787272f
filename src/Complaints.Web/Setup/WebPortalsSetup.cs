using System.Text.Json.Serialization;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Setup;

public static class WebPortalsSetup
{
    public static void AddWebPortals(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddControllersWithViews(options =>
            {
                // Every form posts with an antiforgery token; API controllers opt out explicitly.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
            LocalizeBindingMessages(options.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));
        // Keys beside the data, so antiforgery tokens and kept-file tokens survive restarts (share the folder
        // between nodes, or move it with Storage:DataPath).
        builder.Services.AddDataProtection()
            .SetApplicationName("Complaints")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DatabaseSetup.DataPath(builder), "keys")));
        builder.Services.AddSingleton<Areas.Consumer.Models.KeptFileTokens>();
    }

    /// <summary>Messages the model binder writes itself ("the value 'x' is not valid") in the person's language.</summary>
    private static void LocalizeBindingMessages(DefaultModelBindingMessageProvider messages, IStringLocalizer l)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["error.valueInvalid", value]);
        messages.SetValueIsInvalidAccessor(value => l["error.valueInvalid", value]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["error.required"]);
        messages.SetValueMustNotBeNullAccessor(_ => l["error.required"]);
        messages.SetMissingKeyOrValueAccessor(() => l["error.required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["error.required"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["error.valueInvalid", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["error.valueInvalid", ""]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["error.valueInvalid", ""]);
        messages.SetValueMustBeANumberAccessor(_ => l["error.notANumber"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["error.notANumber"]);
    }

    public static void MapPortals(this WebApplication app)
    {
        app.MapControllers();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Home}/{action=Index}/{id?}");
    }
}
