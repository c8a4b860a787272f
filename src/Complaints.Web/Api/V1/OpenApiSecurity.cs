using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Web.Api.V1;

/// <summary>
/// Describes the bearer token of POST /api/v1/token in the OpenAPI document and marks the operations that
/// need it (those under <see cref="Policies.Api"/>). Registered in <see cref="PublicApiSetup"/>.
/// </summary>
public sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/token (OAuth2 client credentials: grant_type=client_credentials with client_id and client_secret, or HTTP Basic).",
        };

        var secured = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<AuthorizeAttribute>().Any(a => a.Policy == Policies.Api))
            .ToList();
        foreach (var description in secured)
        {
            if (description.RelativePath is not { } path || description.HttpMethod is not { } method
                || document.Paths.GetValueOrDefault("/" + path) is not { Operations: { } operations }
                || operations.GetValueOrDefault(new HttpMethod(method)) is not { } operation)
            {
                continue;
            }

            operation.Security ??= [];
            if (operation.Security.Any(r => r.Keys.Any(k => k.Reference.Id == SchemeName)))
            {
                continue; // registered twice (tests add it to a running setup): once is enough
            }

            // An operation that also serves anonymous callers (the consumer's GET with X-Case-Pin) keeps an
            // empty requirement: the token is one of two ways in.
            if (description.ActionDescriptor.EndpointMetadata.OfType<BearerRequestAttribute>().Any())
            {
                if (operation.Security.Count == 0)
                {
                    operation.Security.Add([]);
                }

                await DescribeBearerTwinAsync(document, operation, context, cancellationToken);
            }

            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        }

    }

    /// <summary>The document shows one operation per path and method, the consumer's; say what a token gets.</summary>
    private static async Task DescribeBearerTwinAsync(OpenApiDocument document, OpenApiOperation operation, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        const string PartyView = nameof(PartyCaseResponse);
        operation.Description = (operation.Description is { Length: > 0 } d ? d + " " : "")
            + $"With a bearer token instead of {PublicCasesController.PinHeader}: the case as the caller's party sees it ({PartyView}), with an ETag.";
        if (document.Components?.Schemas?.ContainsKey(PartyView) != true)
        {
            document.AddComponent<IOpenApiSchema>(PartyView, await context.GetOrCreateSchemaAsync(typeof(PartyCaseResponse), null, ct));
        }

        if (operation.Responses?.TryGetValue("200", out var ok) == true
            && ok.Content?.TryGetValue("application/json", out var json) == true
            && json.Schema is { } consumerView
            && consumerView is not OpenApiSchema { OneOf.Count: > 0 })
        {
            json.Schema = new OpenApiSchema { OneOf = [consumerView, new OpenApiSchemaReference(PartyView, document)] };
        }
    }
}
