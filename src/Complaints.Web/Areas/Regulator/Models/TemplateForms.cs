using Complaints.Core.Features.Notifications;

namespace Complaints.Web.Areas.Regulator.Models;

/// <summary>A template's three texts as typed, kept when the form is refused.</summary>
public sealed class TemplateForm
{
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? ShortText { get; set; }
}

public sealed record TemplatesIndexPage(IReadOnlyList<TemplateListRow> Rows, string? Done);

/// <param name="PreviewOfTyped">The preview shows text typed but not saved (the Preview button, or a refused save).</param>
public sealed record TemplateEditPage(TemplateEditView Template, TemplateForm Form, TemplatePreview Preview, bool PreviewOfTyped, string? Done);
