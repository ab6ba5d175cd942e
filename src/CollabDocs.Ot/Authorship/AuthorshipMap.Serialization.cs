using System.IO.Compression;
using System.Text;

namespace CollabDocs.Ot.Authorship;

public sealed partial class AuthorshipMap
{
    // Format 2 is the first one stored (with snapshots); format 1 only ever lived in memory.
    private const byte FormatVersion = 2;

    // zlib's level (1-9). On a typed paper's map, 2 writes 2 % more bytes than Optimal (6) in half the time; 1 writes 45 % more.
    private const int DeflateLevel = 2;

    /// <summary>
    /// A compact binary form, kept with a snapshot: a format byte, then deflated: the revision; the user ids,
    /// each once; the authors of the revisions present, ascending, as columns of revision deltas, time deltas and
    /// user indexes; the runs in text order as columns of lengths and author-index deltas. Integers are 7-bit
    /// encoded (as <see cref="BinaryWriter"/> writes them, strings too), signed deltas zigzag-encoded. Typing makes
    /// every keystroke its own revision, so runs are many and short: the deltas keep each run and author to a few
    /// bytes that repeat, and deflate squeezes them further.
    /// </summary>
    public byte[] ToBytes()
    {
        // Scratch columns, not pooled: a pool keeps arrays this large per thread, which cost more memory than their allocation costs time.
        var (lengths, revisions, distinct, runIndexes) = PresentRevisions();
        int runs = lengths.Length;
        var (users, userIndexes, times) = IndexUsers(revisions.AsSpan(0, distinct));

        long bound = (4 * MaxVarint32) + (distinct * (long)(MaxVarint32 + MaxVarint64 + MaxVarint32)) + (runs * (long)(MaxVarint32 + MaxVarint64));
        foreach (string user in users)
        {
            bound += MaxVarint32 + Encoding.UTF8.GetMaxByteCount(user.Length);
        }

        var body = new VarintWriter(GC.AllocateUninitializedArray<byte>(checked((int)bound)));
        body.Write((uint)Revision);
        body.Write((uint)users.Count);
        foreach (string user in users)
        {
            body.Write(user);
        }

        // Column by column (all revision deltas, then all time deltas, …): alike values side by side deflate better.
        body.Write((uint)distinct);
        for (int i = 0; i < distinct; i++)
        {
            body.Write((uint)(revisions[i] - (i == 0 ? 0 : revisions[i - 1])));
        }

        for (int i = 0; i < distinct; i++)
        {
            body.Write((ulong)ZigZag(times[i] - (i == 0 ? 0 : times[i - 1])));
        }

        for (int i = 0; i < distinct; i++)
        {
            body.Write((uint)userIndexes[i]);
        }

        body.Write((uint)runs);
        for (int i = 0; i < runs; i++)
        {
            body.Write((uint)lengths[i]);
        }

        for (int i = 0; i < runs; i++)
        {
            body.Write((ulong)ZigZag(runIndexes[i] - (i == 0 ? 0L : runIndexes[i - 1])));
        }

        using var stream = new MemoryStream((body.Position / 3) + 64);
        stream.WriteByte(FormatVersion);
        using (var deflate = new DeflateStream(stream, new ZLibCompressionOptions { CompressionLevel = DeflateLevel }, leaveOpen: true))
        {
            deflate.Write(body.Written);
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

        using var body = new MemoryStream(data.Length * 3);
        using (var deflate = new DeflateStream(new MemoryStream(data, 1, data.Length - 1, writable: false), CompressionMode.Decompress))
        {
            deflate.CopyTo(body);
        }

        var reader = new VarintReader(body.GetBuffer().AsSpan(0, (int)body.Length));
        var map = new AuthorshipMap(reader.ReadInt32());
        var users = new string[reader.ReadCount()];
        for (int i = 0; i < users.Length; i++)
        {
            users[i] = reader.ReadString();
        }

        var revisions = new int[reader.ReadCount()];
        int revision = 0;
        for (int i = 0; i < revisions.Length; i++)
        {
            int delta = reader.ReadInt32();
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
            time += UnZigZag(reader.ReadInt64());
            times[i] = time;
        }

        map._authors.EnsureCapacity(revisions.Length);
        for (int i = 0; i < revisions.Length; i++)
        {
            int user = reader.ReadInt32();
            if ((uint)user >= (uint)users.Length)
            {
                throw new InvalidDataException($"Author {i} is not valid.");
            }

            map._authors[revisions[i]] = new Author(users[user], times[i]);
        }

        var lengths = new int[reader.ReadCount()];
        long total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = reader.ReadInt32();
            total += lengths[i];
            if (lengths[i] <= 0 || total > int.MaxValue)
            {
                throw new InvalidDataException($"Run {i} is not valid.");
            }
        }

        var runRevisions = new int[lengths.Length];
        long index = 0;
        for (int i = 0; i < runRevisions.Length; i++)
        {
            index += UnZigZag(reader.ReadInt64());
            if (index < 0 || index >= revisions.Length)
            {
                throw new InvalidDataException($"Run {i} is not valid.");
            }

            runRevisions[i] = revisions[index];
        }

        map.EnsureNodes(lengths.Length);
        map.BuildRuns(lengths, runRevisions);
        return map;
    }

    /// <summary>
    /// The runs in text order; the distinct revisions among them, ascending (the first <c>Distinct</c> entries of
    /// <c>Revisions</c>), and each run's index there. Authors of revisions no longer present are dropped on the way.
    /// Counted in a table when the revisions are dense enough, sorted otherwise.
    /// </summary>
    private (int[] Lengths, int[] Revisions, int Distinct, int[] RunIndexes) PresentRevisions()
    {
        var (lengths, runRevisions) = Runs();
        int[] revisions = GC.AllocateUninitializedArray<int>(runRevisions.Length);
        int[] runIndexes = GC.AllocateUninitializedArray<int>(runRevisions.Length);
        int max = 0;
        foreach (int revision in runRevisions)
        {
            max = Math.Max(max, revision);
        }

        int distinct = 0;
        if (max < (8L * runRevisions.Length) + 4096)
        {
            int[] slots = new int[max + 1];
            foreach (int revision in runRevisions)
            {
                slots[revision] = 1;
            }

            for (int revision = 0; revision <= max; revision++)
            {
                if (slots[revision] != 0)
                {
                    slots[revision] = distinct;
                    revisions[distinct++] = revision;
                }
            }

            for (int i = 0; i < runRevisions.Length; i++)
            {
                runIndexes[i] = slots[runRevisions[i]];
            }
        }
        else
        {
            int[] order = GC.AllocateUninitializedArray<int>(runRevisions.Length);
            runRevisions.CopyTo(revisions, 0);
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(revisions, order);
            for (int i = 0; i < revisions.Length; i++)
            {
                if (distinct == 0 || revisions[i] != revisions[distinct - 1])
                {
                    revisions[distinct++] = revisions[i];
                }

                runIndexes[order[i]] = distinct - 1;
            }
        }

        ForgetAuthorsNotIn(revisions.AsSpan(0, distinct));
        return (lengths, revisions, distinct, runIndexes);
    }

    /// <summary>The user ids of <paramref name="revisions"/>' authors, each once; each author's user index and time.</summary>
    private (List<string> Users, int[] UserIndexes, long[] Times) IndexUsers(ReadOnlySpan<int> revisions)
    {
        var users = new List<string>();
        var userIndexes = GC.AllocateUninitializedArray<int>(revisions.Length);
        var times = GC.AllocateUninitializedArray<long>(revisions.Length);
        var userIds = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previousUser = null;
        int userIndex = 0;
        for (int i = 0; i < revisions.Length; i++)
        {
            var author = _authors[revisions[i]];
            times[i] = author.Timestamp;
            if (!ReferenceEquals(author.UserId, previousUser))
            {
                if (!userIds.TryGetValue(author.UserId, out userIndex))
                {
                    userIndex = users.Count;
                    userIds.Add(author.UserId, userIndex);
                    users.Add(author.UserId);
                }

                previousUser = author.UserId;
            }

            userIndexes[i] = userIndex;
        }

        return (users, userIndexes, times);
    }

    private const int MaxVarint32 = 5;
    private const int MaxVarint64 = 10;

    private static long ZigZag(long value) => (value << 1) ^ (value >> 63);

    private static long UnZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);

    /// <summary>7-bit encoded integers and strings into a buffer sized for the worst case.</summary>
    private ref struct VarintWriter(byte[] buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

        public void Write(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer[Position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[Position++] = (byte)value;
        }

        public void Write(string value)
        {
            Write((uint)Encoding.UTF8.GetByteCount(value));
            Position += Encoding.UTF8.GetBytes(value, _buffer[Position..]);
        }
    }

    /// <summary>Reads what <see cref="VarintWriter"/> wrote, as <see cref="BinaryReader"/> would; anything malformed is invalid data.</summary>
    private ref struct VarintReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public int ReadInt32() => (int)Read(MaxVarint32);

        public long ReadInt64() => (long)Read(MaxVarint64);

        /// <summary>A count of entries that take at least a byte each: never more than the bytes left.</summary>
        public int ReadCount()
        {
            int count = ReadInt32();
            return count < 0 || count > _data.Length - _position ? throw new InvalidDataException("A count is not valid.") : count;
        }

        public string ReadString()
        {
            int length = ReadCount();
            string value = Encoding.UTF8.GetString(_data.Slice(_position, length));
            _position += length;
            return value;
        }

        private ulong Read(int maxBytes)
        {
            ulong value = 0;
            for (int shift = 0, i = 0; i < maxBytes; i++, shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new InvalidDataException("The authorship map is truncated.");
                }

                byte b = _data[_position++];
                if (i == MaxVarint64 - 1 && b > 1)
                {
                    throw Corrupt();
                }

                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return maxBytes == MaxVarint32 && value > uint.MaxValue ? throw Corrupt() : value;
                }
            }

            throw Corrupt();
        }

        private static InvalidDataException Corrupt() => new("The authorship map is corrupt.");
    }
}
