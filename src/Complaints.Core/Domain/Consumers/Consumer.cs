namespace Complaints.Core.Domain.Consumers;

/// <summary>A member of the public who files cases. Personal data under UU PDP: collect the minimum, show it
/// masked outside the regulator.</summary>
public sealed class Consumer
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Email { get; set; }

    /// <summary>Digits only, Indonesian numbers as 62..., the form WhatsApp uses.</summary>
    public string? WhatsApp { get; set; }

    /// <summary>Optional 16-digit national ID, validated on entry.</summary>
    public string? Nik { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When and to what the consumer consented (the consent text version).</summary>
    public DateTime ConsentGivenAtUtc { get; set; }
}
