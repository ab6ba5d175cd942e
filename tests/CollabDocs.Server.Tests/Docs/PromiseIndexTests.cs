using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Docs;

/// <summary>
/// Every promise marked in docs/*.md is named by at least one test, and every test names a promise that
/// exists (docs/architecture.md, "Promises and the tests that name them").
/// </summary>
public sealed class PromiseIndexTests(ITestOutputHelper output)
{
    private static readonly string[] PromiseDocs = ["protocol", "security", "cluster"];

    private readonly PromiseIndex index = PromiseIndex.Load();

    [Fact]
    public void TheThreeDocs_MarkPromises()
    {
        foreach (string doc in PromiseDocs)
        {
            Assert.Contains(index.Markers, marker => marker.File == $"docs/{doc}.md");
        }
    }

    [Fact]
    public void EveryPromise_IsNamedByATest()
    {
        var named = index.References.Select(reference => reference.Id).ToHashSet(StringComparer.Ordinal);
        var missing = index.Markers.Where(marker => !named.Contains(marker.Id))
            .Select(marker => $"{marker.Id} ({marker.File})").ToList();
        Report("promises no test names", missing);
        Assert.True(missing.Count == 0, $"{missing.Count} promise(s) without a test:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void EveryNamedPromise_ExistsInADoc()
    {
        var marked = index.Markers.Select(marker => marker.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = index.References.Where(reference => !marked.Contains(reference.Id))
            .Select(reference => $"{reference.Id} ({reference.Where})").ToList();
        Report("tests naming unknown promises", unknown);
        Assert.True(unknown.Count == 0, $"{unknown.Count} reference(s) to no promise:\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public void PromiseIds_AreUniqueAndPrefixedWithTheirDoc()
    {
        var duplicates = index.Markers.GroupBy(marker => marker.Id, StringComparer.Ordinal)
            .Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        var misfiled = index.Markers.Where(marker => marker.File != $"docs/{marker.Id.Split('.')[0]}.md")
            .Select(marker => $"{marker.Id} ({marker.File})").ToList();
        Report("duplicate ids", duplicates);
        Report("ids whose prefix is not their doc", misfiled);
        Assert.True(duplicates.Count == 0, $"duplicate promise ids:\n{string.Join('\n', duplicates)}");
        Assert.True(misfiled.Count == 0, $"promise ids not prefixed with their doc:\n{string.Join('\n', misfiled)}");
    }

    [Fact]
    public void PromiseComments_StandDirectlyAboveATest()
    {
        Report("promise comments not above a test", index.MisplacedComments);
        Assert.True(index.MisplacedComments.Count == 0,
            $"'// promise:' comments not directly above it(…)/test(…):\n{string.Join('\n', index.MisplacedComments)}");
    }

    private void Report(string what, IReadOnlyCollection<string> items)
    {
        output.WriteLine($"{index.Markers.Count} promises marked, {index.References.Count} test references; {what}: {items.Count}");
        foreach (string item in items)
        {
            output.WriteLine("  " + item);
        }
    }
}
