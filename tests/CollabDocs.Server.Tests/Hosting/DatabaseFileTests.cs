using System.Runtime.Versioning;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hosting;

/// <summary>docs/security.md: the SQLite database and its WAL are readable by the server's user only (Unix).</summary>
public sealed class DatabaseFileTests(ITestOutputHelper output) : ServerTest(output)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    [Trait("Promise", "security.sqlite-files-owner-only")]
    public async Task TheDatabaseFiles_AreCreatedReadableByTheOwnerOnly()
    {
        string id = await CreateDocumentAsync("secret").DefaultTimeout();
        Assert.Equal("secret", (await GetDocumentAsync(id).DefaultTimeout()).Text);

        var files = Directory.GetFiles(Data.Path, "collabdocs.db*");
        Assert.Contains(Data.DatabaseFile, files);
        Assert.All(files, file => Assert.Equal(OwnerOnly, File.GetUnixFileMode(file)));
    }
}
