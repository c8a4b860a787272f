namespace Complaints.Core.Features;

/// <summary>A validation failure on one input field. <see cref="Code"/> is a stable key that the web layer
/// localizes (Resources/*.json, "error.&lt;code&gt;"); <see cref="Field"/> names the input (camelCase, as in
/// the API contract).</summary>
public sealed record FieldError(string Field, string Code, params object[] Arguments)
{
    /// <summary>The trimmed text, adding "required" when it is empty and "tooLong" when it has more than
    /// <paramref name="max"/> characters.</summary>
    public static string? RequiredText(string? value, string field, int max, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new FieldError(field, "required"));
        }
        else if (trimmed.Length > max)
        {
            errors.Add(new FieldError(field, "tooLong", max));
        }

        return trimmed;
    }
}
