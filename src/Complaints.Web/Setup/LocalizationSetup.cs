using System.Globalization;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Setup;

public static class LocalizationSetup
{
    public static void AddLocalizationFromJson(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = JsonStringLocalizerFactory.Languages.Select(l => new CultureInfo(l)).ToList();
            options.DefaultRequestCulture = new RequestCulture(JsonStringLocalizerFactory.DefaultLanguage);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Pages are Indonesian until the person picks English (?culture=en or the language switch's
            // cookie); API clients may also ask with Accept-Language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
    }

    private sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            httpContext.Request.Path.StartsWithSegments("/api")
                ? base.DetermineProviderCultureResult(httpContext)
                : NullProviderCultureResult;
    }
}
