namespace Complaints.Web.Setup;

public static class ErrorHandlingSetup
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// Every request gets a correlation id (the caller's, if it sent a sane one): it is in every log line of
    /// the request, in the response header, and on the error page, so a person can quote it to support.
    /// Unhandled errors become a localized page or a problem+json, never a stack trace.
    /// </summary>
    public static void UseErrorHandling(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[CorrelationHeader].ToString();
            if (incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                context.TraceIdentifier = incoming;
            }

            context.Response.Headers[CorrelationHeader] = context.TraceIdentifier;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = context.TraceIdentifier }))
            {
                await next();
            }
        });

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
    }

    /// <summary>The id shown to people and written to the log for the current request.</summary>
    public static string CorrelationId(this HttpContext context) => context.TraceIdentifier;
}
