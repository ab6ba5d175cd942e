using System.IO.Compression;
using System.Text;

namespace CollabDocs.Ot.Authorship;

public sealed partial class AuthorshipMap
{
    // Format 2 is the first one stored (with snapshots); format 1 only ever lived in memory.
    private const byte FormatVersion = 2;

    /// <summary>
    /// A compact binary form, kept with a snapshot: a format byte, then deflated: the revision; the user ids,
    /// each once; the authors of the revisions present, ascending, as columns of revision deltas, time deltas and
    /// user indexes; the runs in text order as columns of lengths and author-index deltas. Integers are 7-bit
    /// encoded, signed deltas zigzag-encoded. Typing makes every keystroke its own revision, so runs are many and
    /// short: the deltas keep each run and author to a few bytes that repeat, and deflate squeezes them further.
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

            // Column by column (all revision deltas, then all time deltas, …): alike values side by side deflate better.
            writer.Write7BitEncodedInt(revisions.Length);
            for (int i = 0; i < revisions.Length; i++)
            {
                writer.Write7BitEncodedInt(revisions[i] - (i == 0 ? 0 : revisions[i - 1]));
                indexOf[revisions[i]] = i;
            }

            long previousTime = 0;
            foreach (int revision in revisions)
            {
                long time = _authors[revision].Timestamp;
                writer.Write7BitEncodedInt64(ZigZag(time - previousTime));
                previousTime = time;
            }

            foreach (int revision in revisions)
            {
                writer.Write7BitEncodedInt(users[_authors[revision].UserId]);
            }

            var lengths = new List<int>(_count);
            var indexes = new List<int>(_count);
            ForEachRun((length, revision) =>
            {
                lengths.Add(length);
                indexes.Add(indexOf[revision]);
            });
            writer.Write7BitEncodedInt(lengths.Count);
            foreach (int length in lengths)
            {
                writer.Write7BitEncodedInt(length);
            }

            for (int i = 0; i < indexes.Count; i++)
            {
                writer.Write7BitEncodedInt64(ZigZag(indexes[i] - (i == 0 ? 0L : indexes[i - 1])));
            }
        }

        // Deflated in one call: BinaryWriter writes byte by byte, which a DeflateStream makes slow.
        using var stream = new MemoryStream((int)(body.Length / 2) + 16);
        stream.WriteByte(FormatVersion);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true))
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
            for (int i = 0; i < revisions.Length; i++)
            {
                int delta = reader.Read7BitEncodedInt();
                if ((i > 0 && delta <= 0) || delta < 0 || delta > int.MaxValue - revision)
                {
                    throw new InvalidDataException($"Author {i} is not valid.");
                }

                revision += delta;
                revisions[i] = revision;
            }

            var times = new long[revisions.Length];
            long time = 0;
            for (int i = 0; i < times.Length; i++)
            {
                time += UnZigZag(reader.Read7BitEncodedInt64());
                times[i] = time;
            }

            for (int i = 0; i < revisions.Length; i++)
            {
                int user = reader.Read7BitEncodedInt();
                if ((uint)user >= (uint)users.Length)
                {
                    throw new InvalidDataException($"Author {i} is not valid.");
                }

                map._authors[revisions[i]] = new Author(users[user], times[i]);
            }

            var lengths = new int[Count(reader)];
            long total = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                lengths[i] = reader.Read7BitEncodedInt();
                total += lengths[i];
                if (lengths[i] <= 0 || total > int.MaxValue)
                {
                    throw new InvalidDataException($"Run {i} is not valid.");
                }
            }

            long index = 0;
            for (int i = 0; i < lengths.Length; i++)
            {
                index += UnZigZag(reader.Read7BitEncodedInt64());
                if (index < 0 || index >= revisions.Length)
                {
                    throw new InvalidDataException($"Run {i} is not valid.");
                }

                map.AppendRun(lengths[i], revisions[index]);
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
