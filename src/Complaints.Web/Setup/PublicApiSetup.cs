using Complaints.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Setup;

public static class PublicApiSetup
{
    public static void AddPublicApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.CorrelationId());
        builder.Services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<Api.V1.OpenApiSecurity>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Complaints API";
                document.Info.Description = "Consumer complaints and disputes: intake, tracking and (for signed-in parties) case work.";
                return Task.CompletedTask;
            });
        });
        builder.Services.AddOptions<ApiBehaviorOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            // Body that cannot be read as the contract (bad JSON, an unknown enum value): a localized field
            // error in the same problem+json shape as the use cases' own validation.
            options.InvalidModelStateResponseFactory = context =>
            {
                var errors = context.ModelState
                    .Where(e => e.Value?.Errors.Count > 0)
                    .ToDictionary(
                        e => ApiField(e.Key),
                        e => new[] { l["error.valueInvalid", context.ModelState[e.Key]?.AttemptedValue ?? ""].Value });
                var problem = new ValidationProblemDetails(errors)
                {
                    Title = l["problem.validation"],
                    Status = StatusCodes.Status400BadRequest,
                };
                problem.Extensions["correlationId"] = context.HttpContext.CorrelationId();
                return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
            };
        });
    }

    /// <summary>"$.consumer.nik" or "Consumer.Nik" as the contract names it: "consumer.nik".</summary>
    private static string ApiField(string key)
    {
        var trimmed = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;
        return string.Join('.', trimmed.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
    }

    public static void MapPublicApi(this WebApplication app) => app.MapOpenApi("/openapi/{documentName}.json");
}
