namespace Complaints.Core.Features.Regulator;

/// <summary>How a back-office change of a case ended: <see cref="Errors"/> carry localizable codes (error.&lt;code&gt;).</summary>
public sealed record CaseChange(CaseChange.Outcome Result, IReadOnlyList<FieldError> Errors)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Invalid,
    }

    public static readonly CaseChange Done = new(Outcome.Done, []);
    public static readonly CaseChange NotFound = new(Outcome.NotFound, []);
    public static readonly CaseChange Conflict = new(Outcome.Conflict, []);

    public static CaseChange Invalid(IEnumerable<FieldError> errors) => new(Outcome.Invalid, errors.ToList());
}
