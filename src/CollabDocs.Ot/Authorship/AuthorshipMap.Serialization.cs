namespace CollabDocs.Ot.Authorship;

public sealed partial class AuthorshipMap
{
    private const byte FormatVersion = 1;

    /// <summary>
    /// A compact binary form (to keep with a snapshot): a format byte, the revision, the authors of the
    /// revisions present, then every run as (length, revision), integers 7-bit encoded.
    /// </summary>
    public byte[] ToBytes()
    {
        PruneAuthors();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(Revision);
            writer.Write7BitEncodedInt(_authors.Count);
            foreach (var (revision, author) in _authors)
            {
                writer.Write7BitEncodedInt(revision);
                writer.Write7BitEncodedInt64(author.Timestamp);
                writer.Write(author.UserId);
            }

            writer.Write7BitEncodedInt(_count);
            ForEachRun((length, revision) =>
            {
                writer.Write7BitEncodedInt(length);
                writer.Write7BitEncodedInt(revision);
            });
        }

        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an authorship map.</exception>
    public static AuthorshipMap FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, writable: false));
            if (reader.ReadByte() != FormatVersion)
            {
                throw new InvalidDataException("Unknown authorship map format.");
            }

            var map = new AuthorshipMap(reader.Read7BitEncodedInt());
            int authors = reader.Read7BitEncodedInt();
            for (int i = 0; i < authors; i++)
            {
                int revision = reader.Read7BitEncodedInt();
                long timestamp = reader.Read7BitEncodedInt64();
                map._authors[revision] = new Author(reader.ReadString(), timestamp);
            }

            int runs = reader.Read7BitEncodedInt();
            for (int i = 0; i < runs; i++)
            {
                int length = reader.Read7BitEncodedInt();
                int revision = reader.Read7BitEncodedInt();
                if (length <= 0 || !map._authors.ContainsKey(revision))
                {
                    throw new InvalidDataException($"Run {i} is not valid.");
                }

                map.AppendRun(length, revision);
            }

            return map;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The authorship map is truncated.", ex);
        }
    }
}
