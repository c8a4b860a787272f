using Complaints.Core.Domain.Cases;

namespace Complaints.UnitTests.Domain.Cases;

/// <summary>
/// The README shows the lifecycle as a Mermaid diagram drawn from <see cref="CaseLifecycle.Transitions"/>. These
/// tests keep that copy fresh: run with <c>UPDATE_README=1</c> to rewrite it.
/// </summary>
public sealed class MermaidTests
{
    [Fact]
    public void The_README_diagram_matches_the_lifecycle_table()
    {
        var readme = Path.Combine(ReadmeDiagram.RepositoryRoot(), "README.md");
        var update = Environment.GetEnvironmentVariable(ReadmeDiagram.UpdateVariable) == "1";
        var expected = CaseLifecycle.ToMermaid();

        Assert.True(File.Exists(readme),
            $"{readme} does not exist. Write it with a line '{ReadmeDiagram.StartMarker}' and a line '{ReadmeDiagram.EndMarker}' " +
            $"where the lifecycle diagram goes, then run this test once with {ReadmeDiagram.UpdateVariable}=1 to fill it in.");

        var text = File.ReadAllText(readme);
        var found = ReadmeDiagram.Extract(text, out var problem);
        if (update && problem is null or ReadmeDiagram.NoFence)
        {
            if (found != expected)
            {
                File.WriteAllText(readme, ReadmeDiagram.Replace(text, expected));
            }

            return;
        }

        Assert.True(problem is null, $"{readme}: {problem}");
        Assert.True(found == expected,
            $"The lifecycle diagram in {readme} is out of date with CaseLifecycle.Transitions ({ReadmeDiagram.FirstDifference(found!, expected)}). " +
            $"To fix it, run this test with the environment variable {ReadmeDiagram.UpdateVariable}=1, e.g. " +
            $"'{ReadmeDiagram.UpdateVariable}=1 dotnet test tests/Complaints.UnitTests', which rewrites the block between " +
            $"'{ReadmeDiagram.StartMarker}' and '{ReadmeDiagram.EndMarker}', and commit the README.");
    }

    [Fact]
    public void The_diagram_starts_at_submission_and_draws_every_row_and_every_end()
    {
        var lines = CaseLifecycle.ToMermaid().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Equal("    [*] --> Submitted: Submit", lines[1]);
        Assert.Equal(2 + CaseLifecycle.Transitions.Count + CaseLifecycle.States.Count(s => s.IsTerminal), lines.Length);
        Assert.Contains("    WithInstitution --> WithInstitution: ExtendDeadline (Institution, if not extended before, deadline not passed)", lines);
        Assert.Contains("    Submitted --> Screening: StartScreening (Staff)", lines);
        Assert.Contains("    ClosedWithdrawn --> [*]", lines);
        Assert.DoesNotContain(lines, l => l.Contains("```", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagram_labels_hold_nothing_that_ends_a_Mermaid_description()
    {
        // Mermaid's state-diagram lexer reads a transition label as ':' followed by anything but ':', ';' and a
        // line end; after a ';' the rest of the label becomes stray states.
        var labels = CaseLifecycle.ToMermaid().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains("-->", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]);

        Assert.All(labels, label => Assert.DoesNotMatch("[:;]", label));
    }

    // ---- The README block itself ----

    private const string Mermaid = "stateDiagram-v2\n    [*] --> Submitted: Submit\n";

    [Fact]
    public void The_block_between_the_markers_is_read_from_its_mermaid_fence()
    {
        var readme = "# Complaints\n\n<!-- lifecycle:start -->\n```mermaid\n" + Mermaid + "```\n<!-- lifecycle:end -->\n\nMore.\n";

        Assert.Equal(Mermaid, ReadmeDiagram.Extract(readme, out var problem));
        Assert.Null(problem);
        Assert.Equal(Mermaid, ReadmeDiagram.Extract(readme.ReplaceLineEndings("\r\n"), out _));
    }

    [Fact]
    public void Missing_markers_or_fence_are_reported()
    {
        Assert.Null(ReadmeDiagram.Extract("# Complaints\n", out var none));
        Assert.Equal(ReadmeDiagram.NoMarkers, none);

        Assert.Null(ReadmeDiagram.Extract("<!-- lifecycle:end -->\n<!-- lifecycle:start -->\n", out var reversed));
        Assert.Equal(ReadmeDiagram.NoMarkers, reversed);

        Assert.Null(ReadmeDiagram.Extract("<!-- lifecycle:start -->\n<!-- lifecycle:end -->\n", out var empty));
        Assert.Equal(ReadmeDiagram.NoFence, empty);
    }

    [Fact]
    public void Rewriting_replaces_only_the_block_and_keeps_the_line_endings()
    {
        var readme = "# Complaints\r\n\r\n<!-- lifecycle:start -->\r\nold diagram\r\n<!-- lifecycle:end -->\r\n\r\nMore.\r\n";

        var rewritten = ReadmeDiagram.Replace(readme, Mermaid);

        Assert.Equal(
            "# Complaints\r\n\r\n<!-- lifecycle:start -->\r\n```mermaid\r\nstateDiagram-v2\r\n    [*] --> Submitted: Submit\r\n```\r\n<!-- lifecycle:end -->\r\n\r\nMore.\r\n",
            rewritten);
        Assert.Equal(Mermaid, ReadmeDiagram.Extract(rewritten, out _));
        Assert.Equal(rewritten, ReadmeDiagram.Replace(rewritten, Mermaid));
    }

    [Fact]
    public void The_failure_message_points_at_the_first_different_line()
    {
        Assert.Equal("line 2 is 'b' but should be 'c'", ReadmeDiagram.FirstDifference("a\nb\n", "a\nc\n"));
        Assert.Equal("line 3 is missing: 'c'", ReadmeDiagram.FirstDifference("a\nb\n", "a\nb\nc\n"));
        Assert.Equal("line 2 should not be there: 'b'", ReadmeDiagram.FirstDifference("a\nb\n", "a\n"));
    }
}

/// <summary>Reads and writes the Mermaid block that README.md keeps between the lifecycle markers.</summary>
internal static class ReadmeDiagram
{
    public const string StartMarker = "<!-- lifecycle:start -->";
    public const string EndMarker = "<!-- lifecycle:end -->";
    public const string UpdateVariable = "UPDATE_README";

    public const string NoMarkers = $"no '{StartMarker}' line followed by a '{EndMarker}' line; add both where the diagram belongs";
    public const string NoFence = "the markers do not hold a ```mermaid fence";

    private const string Fence = "```";
    private const string OpeningFence = "```mermaid";

    /// <summary>The folder holding Complaints.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Complaints.sln.");
    }

    /// <summary>The diagram inside the fence between the markers, with "\n" line ends; null and a
    /// <paramref name="problem"/> when the README does not have that shape.</summary>
    public static string? Extract(string readme, out string? problem)
    {
        if (!TryFindBlock(readme, out var start, out var end))
        {
            problem = NoMarkers;
            return null;
        }

        var lines = readme[start..end].ReplaceLineEndings("\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count < 2 || lines[0].Trim() != OpeningFence || lines[^1].Trim() != Fence)
        {
            problem = NoFence;
            return null;
        }

        problem = null;
        return string.Concat(lines.Skip(1).SkipLast(1).Select(l => l + "\n"));
    }

    /// <summary>The README with the block between the markers replaced by a fence holding <paramref name="mermaid"/>.</summary>
    public static string Replace(string readme, string mermaid)
    {
        if (!TryFindBlock(readme, out var start, out var end))
        {
            throw new InvalidOperationException(NoMarkers);
        }

        var newLine = readme.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var block = OpeningFence + newLine + mermaid.ReplaceLineEndings(newLine) + Fence + newLine;
        return readme[..start] + block + readme[end..];
    }

    /// <summary>Where the README and the table first disagree, for the failure message.</summary>
    public static string FirstDifference(string actual, string expected)
    {
        var have = actual.Split('\n');
        var want = expected.Split('\n');
        for (var i = 0; i < Math.Max(have.Length, want.Length); i++)
        {
            if (i >= have.Length)
            {
                return $"line {i + 1} is missing: '{want[i]}'";
            }

            if (i >= want.Length)
            {
                return $"line {i + 1} should not be there: '{have[i]}'";
            }

            if (have[i] != want[i])
            {
                return want[i].Length == 0 && i == want.Length - 1
                    ? $"line {i + 1} should not be there: '{have[i]}'"
                    : have[i].Length == 0 && i == have.Length - 1
                        ? $"line {i + 1} is missing: '{want[i]}'"
                        : $"line {i + 1} is '{have[i]}' but should be '{want[i]}'";
            }
        }

        return "they differ only in line endings";
    }

    /// <summary>The text between the end of the start-marker line and the start of the end-marker line.</summary>
    private static bool TryFindBlock(string readme, out int start, out int end)
    {
        start = end = -1;
        var startMarker = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        if (startMarker < 0)
        {
            return false;
        }

        var lineBreak = readme.IndexOf('\n', startMarker);
        if (lineBreak < 0)
        {
            return false;
        }

        var endMarker = readme.IndexOf(EndMarker, lineBreak, StringComparison.Ordinal);
        if (endMarker < 0)
        {
            return false;
        }

        start = lineBreak + 1;
        end = endMarker;
        return true;
    }
}
