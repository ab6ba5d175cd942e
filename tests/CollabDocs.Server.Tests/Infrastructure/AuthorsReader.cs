using System.Net;
using System.Text.Json;
using CollabDocs.Ot.Authorship;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary><c>GET /api/documents/{id}/authors</c> read into <see cref="AuthorshipRange"/>s, to compare with <see cref="NaiveAuthorship"/>.</summary>
internal static class AuthorsReader
{
    public static async Task<IReadOnlyList<AuthorshipRange>> GetAuthorsAsync(this DocumentsApi api, string id, int? revision)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.Http.GetAsync(AuthorsUri(id, revision)).DefaultTimeout();
        string text = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET authors at {revision}: {(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        if (revision is not null)
        {
            Assert.Equal(revision, body.RootElement.GetProperty("revision").GetInt32());
        }

        return body.RootElement.GetProperty("ranges").EnumerateArray()
            .Select(r => new AuthorshipRange(r.GetProperty("start").GetInt32(), r.GetProperty("length").GetInt32(), r.GetProperty("userId").GetString()!, r.GetProperty("revision").GetInt32(), r.GetProperty("timestamp").GetInt64()))
            .ToList();
    }

    public static Uri AuthorsUri(string id, int? revision) =>
        new($"/api/documents/{id}/authors{(revision is null ? string.Empty : $"?revision={revision}")}", UriKind.Relative);
}
