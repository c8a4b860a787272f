namespace Complaints.Core.Features;

/// <summary>A validation failure on one input field. <see cref="Code"/> is a stable key that the web layer
/// localizes (Resources/*.json, "error.&lt;code&gt;"); <see cref="Field"/> names the input (camelCase, as in
/// the API contract).</summary>
public sealed record FieldError(string Field, string Code, params object[] Arguments);
