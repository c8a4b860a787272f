namespace Complaints.Core.Domain.Cases;

/// <summary>A move the lifecycle refuses. <see cref="Code"/> is a stable key the web layer localizes.</summary>
public sealed class CaseRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
