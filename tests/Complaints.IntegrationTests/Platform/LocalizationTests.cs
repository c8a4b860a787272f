using System.Text.RegularExpressions;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Features.Attachments;
using Complaints.Web.Localization;

namespace Complaints.IntegrationTests.Platform;

/// <summary>Indonesian first, English second, from the first string: no key may be missing in either.</summary>
public sealed partial class LocalizationTests
{
    private static readonly IReadOnlyDictionary<string, string> Indonesian = JsonStringLocalizerFactory.Load("id");
    private static readonly IReadOnlyDictionary<string, string> English = JsonStringLocalizerFactory.Load("en");

    [Fact]
    public void Indonesian_and_English_have_the_same_keys()
    {
        Assert.Empty(Indonesian.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Indonesian.Keys));
        Assert.DoesNotContain(Indonesian, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(English, kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    [Fact]
    public void Every_key_the_views_and_controllers_use_exists()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Complaints.Web");
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        AssertNoneMissing(used);
    }

    [Fact]
    public void Every_enum_value_shown_to_people_has_a_label()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetNames<CaseKind>().Select(n => $"kind.{n}"));
        keys.AddRange(Enum.GetNames<CaseKind>().Select(n => $"kind.{n}.hint"));
        keys.AddRange(Enum.GetNames<CaseKind>().Select(n => $"submitted.lead.{n}"));
        keys.AddRange(Enum.GetNames<CaseKind>().Select(n => $"submitted.next.{n}"));
        keys.AddRange(Enum.GetNames<CaseState>().Select(n => $"next.{n}"));
        keys.AddRange(Enum.GetNames<ActorRole>().Select(n => $"actor.{n}"));
        keys.AddRange(Enum.GetNames<Trigger>().Select(n => $"action.{n}"));
        keys.AddRange(Enum.GetNames<ClockKind>().Select(n => $"clock.{n}"));
        keys.AddRange(Enum.GetNames<ResponseOutcome>().Select(n => $"case.outcome.{n}"));
        keys.AddRange(Enum.GetNames<NikError>().Select(n => $"error.nik.{n}"));
        keys.AddRange(Enum.GetNames<AttachmentProblem>().Select(n => $"error.attachment.{n}"));
        keys.AddRange(new[] { "unauthorized", "forbidden", "notFound", "conflict", "tooMany", "badRequest", "serverError" }.SelectMany(k => new[] { $"status.{k}", $"status.{k}.text" }));

        AssertNoneMissing(keys);
    }

    [Fact]
    public void Every_error_code_the_use_cases_return_has_a_message()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Complaints.Core", "Features");
        var codes = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => FieldErrorCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(c => !c.Contains('{', StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(codes);
        AssertNoneMissing(codes.Select(c => $"error.{c}"));
    }

    private static void AssertNoneMissing(IEnumerable<string> keys)
    {
        var missing = keys.Where(k => !Indonesian.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing in Resources/id.json and en.json: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Complaints.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Complaints.sln not found above the test folder.");
    }

    [GeneratedRegex("""\b[lL]\[\s*"([a-zA-Z0-9.]+)"[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(""""new(?:\s*FieldError)?\(\s*"[a-zA-Z.]+",\s*\$?"([a-zA-Z.{}]+)"""")]
    private static partial Regex FieldErrorCode();
}
