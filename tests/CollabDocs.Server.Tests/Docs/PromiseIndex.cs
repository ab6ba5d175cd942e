using System.Text.RegularExpressions;

namespace CollabDocs.Server.Tests.Docs;

/// <summary>
/// The promises marked in docs/*.md and the tests that name them, .NET tests by a trait "Promise", Node and
/// TypeScript tests by a comment above the test (docs/architecture.md, "Promises and the tests that name them").
/// A marker quoted in backticks is an example, not a promise.
/// </summary>
internal sealed partial class PromiseIndex
{
    private static readonly string[] ScriptRoots = ["web-demo/e2e", "src/collabdocs-client/test", "tests/interop"];
    private static readonly string[] ScriptExtensions = [".ts", ".mjs", ".js"];

    public required string Root { get; init; }

    /// <summary>Each marker found in the docs: (id, file).</summary>
    public required IReadOnlyList<(string Id, string File)> Markers { get; init; }

    /// <summary>Each reference found in the tests: (id, file:line).</summary>
    public required IReadOnlyList<(string Id, string Where)> References { get; init; }

    /// <summary>Comment references not directly above a <c>test(</c> or <c>it(</c> call: file:line.</summary>
    public required IReadOnlyList<string> MisplacedComments { get; init; }

    public static PromiseIndex Load()
    {
        string root = FindRoot();
        var markers = new List<(string, string)>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
        {
            foreach (Match match in MarkerPattern().Matches(File.ReadAllText(file)))
            {
                markers.Add((match.Groups[1].Value, Relative(root, file)));
            }
        }

        var references = new List<(string, string)>();
        var misplaced = new List<string>();
        foreach (string file in SourceFiles(Path.Combine(root, "tests"), [".cs"]))
        {
            ScanLines(root, file, TraitPattern(), references);
        }

        foreach (string folder in ScriptRoots)
        {
            foreach (string file in SourceFiles(Path.Combine(root, folder), ScriptExtensions))
            {
                misplaced.AddRange(ScanComments(root, file, references));
            }
        }

        return new PromiseIndex { Root = root, Markers = markers, References = references, MisplacedComments = misplaced };
    }

    private static void ScanLines(string root, string file, Regex pattern, List<(string, string)> references)
    {
        string[] lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (Match match in pattern.Matches(lines[i]))
            {
                references.Add((match.Groups[1].Value, $"{Relative(root, file)}:{i + 1}"));
            }
        }
    }

    private static List<string> ScanComments(string root, string file, List<(string, string)> references)
    {
        var misplaced = new List<string>();
        string[] lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            Match match = CommentPattern().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            string where = $"{Relative(root, file)}:{i + 1}";
            references.Add((match.Groups[1].Value, where));
            int next = i + 1;
            while (next < lines.Length && CommentPattern().IsMatch(lines[next]))
            {
                next++;
            }

            if (next >= lines.Length || !TestCallPattern().IsMatch(lines[next]))
            {
                misplaced.Add(where);
            }
        }

        return misplaced;
    }

    private static IEnumerable<string> SourceFiles(string folder, string[] extensions) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal))
                .Where(file => !file.Split(Path.DirectorySeparatorChar)
                    .Any(part => part is "bin" or "obj" or "node_modules"))
                .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        DirectoryInfo? folder = new(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CollabDocs.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("CollabDocs.sln not found above the test folder.");
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    [GeneratedRegex(@"(?<!`)<!--\s*promise:\s*([a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*)\s*-->")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"Trait\(\s*""Promise""\s*,\s*""([^""]+)""\s*\)")]
    private static partial Regex TraitPattern();

    [GeneratedRegex(@"^\s*//\s*promise:\s*(\S+)\s*$")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^\s*(?:await\s+)?(?:it|test|t\.test)(?:\.only|\.skip)?\(")]
    private static partial Regex TestCallPattern();
}
