using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// docs/security.md, before going to production: the server creates its data folder 0700 (Unix). In Development the
/// signing key is written there before the store opens the database, so either may create the folder.
/// </summary>
public sealed class DataFolderTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    [Trait("Promise", "security.sqlite-files-owner-only")]
    public async Task ANewDataFolder_IsPrivate_WhenTheDevelopmentSigningKeyIsWrittenThereFirst()
    {
        string parent = Directory.CreateTempSubdirectory("collabdocs-data-folder-").FullName;
        string folder = Path.Combine(parent, "data");
        try
        {
            // No configured key: Development generates one in the data folder.
            await using (var host = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:SigningKey"] = string.Empty }, dataDirectory: folder))
            {
                using var anonymous = host.ApiAs(token: null);
                using var issued = await anonymous.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada" }).DefaultTimeout();
                Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
                string token = (await issued.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("token").GetString()!;
                using var api = host.ApiAs(token);
                await api.CreateOkAsync("private", "secret").DefaultTimeout();
            }

            Assert.True(File.Exists(Path.Combine(folder, "dev-signing-key.txt")), "The development signing key was not written to the data folder.");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
