using System.Text.Json;
using CollabDocs.Ot.Json;

namespace CollabDocs.Client.Persistence;

/// <summary>
/// Keeps pending edits as one JSON file per document in a folder (<c>{documentId}.pending.json</c>), written
/// to a temporary file, flushed to disk and renamed over the old one. One process per folder.
/// </summary>
public sealed class FilePendingEditStore : IPendingEditStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new TextOperationJsonConverter() },
    };

    private readonly string _directory;

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public FilePendingEditStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <inheritdoc />
    public PendingEdits? Load(string documentId)
    {
        string path = PathOf(documentId);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<PendingEdits>(stream, Json);
    }

    /// <inheritdoc />
    public void Save(PendingEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        string path = PathOf(edits.DocumentId);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, edits, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <inheritdoc />
    public void Delete(string documentId) => File.Delete(PathOf(documentId));

    private string PathOf(string documentId)
    {
        if (!Ids.IsValid(documentId))
        {
            throw new ArgumentException("Document ids are 1–64 characters of [A-Za-z0-9_-].", nameof(documentId));
        }

        return Path.Combine(_directory, documentId + ".pending.json");
    }
}
