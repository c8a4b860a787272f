namespace Complaints.IntegrationTests.Jobs;

/// <summary>A clock the test sets (Microsoft.Extensions.TimeProvider.Testing is not in the package mirror).</summary>
public sealed class SettableClock(DateTime utcNow) : TimeProvider
{
    private DateTimeOffset _now = new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));

    public DateTime UtcNow
    {
        get => _now.UtcDateTime;
        set => _now = new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
