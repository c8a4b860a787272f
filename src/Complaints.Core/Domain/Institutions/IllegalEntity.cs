namespace Complaints.Core.Domain.Institutions;

/// <summary>An operator stopped by the inter-agency task force (Satgas PASTI, formerly SWI).</summary>
public sealed class IllegalEntity
{
    public int Id { get; set; }

    /// <summary>The id in the task force's published list, used to refresh the list idempotently.</summary>
    public int? SourceId { get; set; }

    public required string Name { get; set; }

    /// <summary>Other names, separated by <see cref="Institution.NameSeparator"/>.</summary>
    public string? Aliases { get; set; }

    /// <summary>"Fintech Ilegal", "Investasi Ilegal", "Gadai Ilegal".</summary>
    public required string EntityType { get; set; }

    public string? ActivityTypes { get; set; }

    public string? Websites { get; set; }

    public DateOnly? ListedOn { get; set; }

    /// <summary>The task force's letter number, e.g. SP05/VII/SWI/2018.</summary>
    public string? Reference { get; set; }

    public IEnumerable<string> AllNames() =>
        new[] { Name }.Concat(Institution.SplitNames(Aliases));
}
