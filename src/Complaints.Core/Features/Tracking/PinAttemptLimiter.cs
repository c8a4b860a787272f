using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Tracking;

public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>Wrong PINs allowed for one tracking number in the window before lookups of it are refused.</summary>
    public int MaxFailuresPerNumber { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed lookups per tracking number, whether or not the number exists, so the limit itself never
/// tells a guesser which numbers are real. Per node (memory); the per-address rate limit of the web layer
/// sits in front of it.
/// </summary>
public sealed class PinAttemptLimiter(IMemoryCache cache, IOptions<TrackingOptions> options)
{
    private sealed class Counter
    {
        public int Failures;
    }

    public bool IsBlocked(string trackingKey) =>
        cache.TryGetValue(Key(trackingKey), out Counter? counter) && counter!.Failures >= options.Value.MaxFailuresPerNumber;

    public void RecordFailure(string trackingKey)
    {
        var counter = cache.GetOrCreate(Key(trackingKey), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.FailureWindow;
            entry.Size = 1;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Failures);
    }

    public void Reset(string trackingKey) => cache.Remove(Key(trackingKey));

    /// <summary>One key for every way of typing a number (case, dashes, spaces), valid or not.</summary>
    public static string KeyOf(string? trackingNumber) =>
        Domain.Cases.TrackingNumber.TryNormalize(trackingNumber, out var formatted)
            ? formatted
            : new string((trackingNumber ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string Key(string trackingKey) => "pin-failures:" + trackingKey;
}
