using System.IO.Compression;
using System.Text;

namespace CollabDocs.Ot.Authorship;

public sealed partial class AuthorshipMap
{
    // Format 2 is the first one stored (with snapshots); format 1 only ever lived in memory.
    private const byte FormatVersion = 2;

    /// <summary>
    /// A compact binary form, kept with a snapshot: a format byte, then deflated: the revision; the user ids,
    /// each once; the authors of the revisions present, ascending, as (revision delta, time delta, user index);
    /// every run in text order as (length, author index delta). Integers are 7-bit encoded, signed deltas
    /// zigzag-encoded. Typing makes every keystroke its own revision, so runs are many and short: the deltas
    /// keep each run and author to a few bytes that repeat, and deflate squeezes them further.
    /// </summary>
    public byte[] ToBytes()
    {
        PruneAuthors();
        var revisions = _authors.Keys.ToArray();
        Array.Sort(revisions);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexOf = new Dictionary<int, int>(revisions.Length);
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(Revision);
            foreach (int revision in revisions)
            {
                users.TryAdd(_authors[revision].UserId, users.Count);
            }

            writer.Write7BitEncodedInt(users.Count);
            foreach (string user in users.Keys)
            {
                writer.Write(user);
            }

            writer.Write7BitEncodedInt(revisions.Length);
            int previousRevision = 0;
            long previousTime = 0;
            for (int i = 0; i < revisions.Length; i++)
            {
                var author = _authors[revisions[i]];
                writer.Write7BitEncodedInt(revisions[i] - previousRevision);
                writer.Write7BitEncodedInt64(ZigZag(author.Timestamp - previousTime));
                writer.Write7BitEncodedInt(users[author.UserId]);
                indexOf[revisions[i]] = i;
                (previousRevision, previousTime) = (revisions[i], author.Timestamp);
            }

            writer.Write7BitEncodedInt(_count);
            long previousIndex = 0;
            ForEachRun((length, revision) =>
            {
                int index = indexOf[revision];
                writer.Write7BitEncodedInt(length);
                writer.Write7BitEncodedInt64(ZigZag(index - previousIndex));
                previousIndex = index;
            });
        }

        // Deflated in one call: BinaryWriter writes byte by byte, which a DeflateStream makes slow.
        using var stream = new MemoryStream((int)(body.Length / 2) + 16);
        stream.WriteByte(FormatVersion);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(body.GetBuffer(), 0, (int)body.Length);
        }

        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an authorship map of this format.</exception>
    public static AuthorshipMap FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0 || data[0] != FormatVersion)
        {
            throw new InvalidDataException("Unknown authorship map format.");
        }

        try
        {
            using var body = new MemoryStream();
            using (var deflate = new DeflateStream(new MemoryStream(data, 1, data.Length - 1, writable: false), CompressionMode.Decompress))
            {
                deflate.CopyTo(body);
            }

            body.Position = 0;
            using var reader = new BinaryReader(body, Encoding.UTF8);
            var map = new AuthorshipMap(reader.Read7BitEncodedInt());
            var users = new string[Count(reader)];
            for (int i = 0; i < users.Length; i++)
            {
                users[i] = reader.ReadString();
            }

            var revisions = new int[Count(reader)];
            int revision = 0;
            long time = 0;
            for (int i = 0; i < revisions.Length; i++)
            {
                int delta = reader.Read7BitEncodedInt();
                time += UnZigZag(reader.Read7BitEncodedInt64());
                int user = reader.Read7BitEncodedInt();
                if ((i > 0 && delta <= 0) || delta < 0 || delta > int.MaxValue - revision || (uint)user >= (uint)users.Length)
                {
                    throw new InvalidDataException($"Author {i} is not valid.");
                }

                revision += delta;
                revisions[i] = revision;
                map._authors[revision] = new Author(users[user], time);
            }

            int runs = Count(reader);
            long index = 0;
            long length = 0;
            for (int i = 0; i < runs; i++)
            {
                int run = reader.Read7BitEncodedInt();
                index += UnZigZag(reader.Read7BitEncodedInt64());
                length += run;
                if (run <= 0 || index < 0 || index >= revisions.Length || length > int.MaxValue)
                {
                    throw new InvalidDataException($"Run {i} is not valid.");
                }

                map.AppendRun(run, revisions[index]);
            }

            return map;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The authorship map is truncated.", ex);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException("The authorship map is corrupt.", ex);
        }
    }

    private static int Count(BinaryReader reader)
    {
        int count = reader.Read7BitEncodedInt();
        return count < 0 ? throw new InvalidDataException("A count is negative.") : count;
    }

    private static long ZigZag(long value) => (value << 1) ^ (value >> 63);

    private static long UnZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);
}
