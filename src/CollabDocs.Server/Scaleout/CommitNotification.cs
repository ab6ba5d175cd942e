using System.Globalization;

namespace CollabDocs.Server.Scaleout;

/// <summary>The commit notification's wire form: "<c>{nodeId} {revision} {documentId}</c>" (ids contain no spaces).</summary>
internal static class CommitNotification
{
    public static string Format(string nodeId, int revision, string documentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{nodeId} {revision} {documentId}");

    public static bool TryParse(string? text, out string nodeId, out int revision, out string documentId)
    {
        nodeId = documentId = string.Empty;
        revision = 0;
        if (text is null)
        {
            return false;
        }

        int first = text.IndexOf(' ', StringComparison.Ordinal);
        int second = first < 0 ? -1 : text.IndexOf(' ', first + 1);
        if (second < 0 || !int.TryParse(text.AsSpan(first + 1, second - first - 1), NumberStyles.None, CultureInfo.InvariantCulture, out revision))
        {
            return false;
        }

        nodeId = text[..first];
        documentId = text[(second + 1)..];
        return documentId.Length > 0;
    }
}
