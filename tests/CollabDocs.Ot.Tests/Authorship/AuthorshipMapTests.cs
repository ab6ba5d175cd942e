using CollabDocs.Ot.Authorship;
using CollabDocs.Ot.Tests.Properties;
using CollabDocs.Testing;
using Xunit.Abstractions;

namespace CollabDocs.Ot.Tests.Authorship;

public sealed class AuthorshipMapTests(ITestOutputHelper output)
{
    [Fact]
    public void NewMap_AttributesTheInitialTextToItsAuthor()
    {
        var map = new AuthorshipMap(5, "creator", 0, 1000);

        var range = Assert.Single(map.GetRanges());
        Assert.Equal(new AuthorshipRange(0, 5, "creator", 0, 1000), range);
    }

    [Fact]
    public void EmptyText_HasNoRanges()
    {
        Assert.Empty(new AuthorshipMap(0, "creator").GetRanges());
    }

    [Fact]
    public void InsertInTheMiddle_SplitsTheRange()
    {
        var map = new AuthorshipMap(6, "a");

        map.Apply(TextOperation.Splice(6, 3, 0, "xy"), "b", 1, 10);

        Assert.Equal(
            [new(0, 3, "a", 0, 0), new(3, 2, "b", 1, 10), new(5, 3, "a", 0, 0)],
            map.GetRanges());
    }

    [Fact]
    public void DeletingWhatSplitARange_JoinsItAgain()
    {
        var map = new AuthorshipMap(6, "a");
        map.Apply(TextOperation.Splice(6, 3, 0, "xy"), "b", 1, 10);

        map.Apply(TextOperation.Splice(8, 3, 2, string.Empty), "c", 2, 20);

        Assert.Equal([new AuthorshipRange(0, 6, "a", 0, 0)], map.GetRanges());
        Assert.Equal(1, map.RunCount);
    }

    [Fact]
    public void TypingCharacterByCharacter_InOneRevision_IsOneRun()
    {
        var map = new AuthorshipMap(0, "a");
        var op = new TextOperationBuilder().Insert("abc").Build();

        map.Apply(op, "b", 1, 10);
        map.Apply(TextOperation.Splice(3, 3, 0, "d"), "b", 2, 11);

        Assert.Equal([new(0, 3, "b", 1, 10), new(3, 1, "b", 2, 11)], map.GetRanges());
    }

    [Fact]
    public void Apply_WrongBaseLength_Throws_AndChangesNothing()
    {
        var map = new AuthorshipMap(4, "a");

        var ex = Assert.Throws<OperationException>(() => map.Apply(TextOperation.Identity(5), "b", 1, 0));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Equal(0, map.Revision);
        Assert.Equal(4, map.Length);
    }

    [Fact]
    public void Apply_RevisionNotAfterTheMap_Throws()
    {
        var map = new AuthorshipMap(4, "a", 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => map.Apply(TextOperation.Identity(4), "b", 3, 0));
    }

    [Fact]
    public void RandomOperations_MatchNaiveReplay_AtEveryRevision()
    {
        string[] users = ["ada", "bob", "cy"];
        PropertyCheck.Run(nameof(RandomOperations_MatchNaiveReplay_AtEveryRevision), 500, c =>
        {
            string text = c.Note("text", c.Generate.Text(20));
            var map = new AuthorshipMap(text.Length, "creator", 0, 5);
            var naive = new NaiveAuthorship(text.Length, "creator", 0, 5);
            for (int revision = 1; revision <= 30; revision++)
            {
                var op = c.Generate.Random.Next(3) == 0 ? c.Generate.Splice(text, 4, 4) : c.Generate.Operation(text);
                c.Note("op " + revision, op);
                string user = users[c.Generate.Random.Next(users.Length)];
                map.Apply(op, user, revision, 100 + revision);
                naive.Apply(op, user, revision, 100 + revision);
                text = op.Apply(text);

                Assert.Equal(naive.GetRanges(), map.GetRanges());
                Assert.Equal(text.Length, map.Length);
            }
        });
    }

    [Fact]
    public void Serialized_ReadsBackEqual_AndKeepsEvolvingAlike()
    {
        PropertyCheck.Run(nameof(Serialized_ReadsBackEqual_AndKeepsEvolvingAlike), 200, c =>
        {
            string text = c.Generate.Text(20);
            var map = new AuthorshipMap(text.Length, "creator", 0, 5);
            for (int revision = 1; revision <= 20; revision++)
            {
                var op = c.Generate.Operation(text);
                map.Apply(op, "u" + (revision % 3), revision, revision * 1000L);
                text = op.Apply(text);
            }

            var copy = AuthorshipMap.FromBytes(map.ToBytes());
            var clone = map.Clone();
            Assert.Equal(map.GetRanges(), copy.GetRanges());
            Assert.Equal(map.Revision, copy.Revision);

            var next = c.Generate.Operation(text);
            map.Apply(next, "z", 21, 1);
            copy.Apply(next, "z", 21, 1);
            clone.Apply(next, "z", 21, 1);
            Assert.Equal(map.GetRanges(), copy.GetRanges());
            Assert.Equal(map.GetRanges(), clone.GetRanges());
        });
    }

    [Fact]
    public void FromBytes_Garbage_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => AuthorshipMap.FromBytes([7, 1, 2]));
        Assert.Throws<InvalidDataException>(() => AuthorshipMap.FromBytes([1, 1]));
    }

    [Fact]
    public void FromBytes_ACountBeyondTheData_ThrowsInvalidData()
    {
        // Revision 1, then 2^28 users in a body of a few bytes: refused before anything that size is allocated.
        byte[] bytes = Stored([1, 0x80, 0x80, 0x80, 0x80, 0x01]);
        Assert.Throws<InvalidDataException>(() => AuthorshipMap.FromBytes(bytes));
    }

    [Fact]
    public void FromBytes_AdjacentRunsOfOneRevision_JoinIntoOne()
    {
        // Revision 5; user "a"; one author (revision 5, time 7, user 0); runs of 2 and 3 characters, both revision 5.
        byte[] bytes = Stored([5, 1, 1, (byte)'a', 1, 5, 14, 0, 2, 2, 3, 0, 0]);

        var map = AuthorshipMap.FromBytes(bytes);

        Assert.Equal([new AuthorshipRange(0, 5, "a", 5, 7)], map.GetRanges());
        Assert.Equal(1, map.RunCount);
        map.Apply(TextOperation.Parse("[2, \"x\", 3]"), "b", 6, 8);
        Assert.Equal(3, map.RunCount);
    }

    [Fact]
    public void Serialized_SparseRevisions_ReadBackEqual()
    {
        // Revisions far apart (a long-lived document typed in now and then) take the sorting path, not the counting table.
        var map = new AuthorshipMap(3, "creator", 0, 1);
        string text = "abc";
        int revision = 0;
        for (int i = 1; i <= 40; i++)
        {
            revision += 1_000_003;
            var op = TextOperation.Parse($"[{i % (text.Length + 1)}, \"{(char)('a' + (i % 26))}\", {text.Length - (i % (text.Length + 1))}]");
            map.Apply(op, "u" + (i % 4), revision, i * 100L);
            text = op.Apply(text);
        }

        var copy = AuthorshipMap.FromBytes(map.ToBytes());

        Assert.Equal(map.GetRanges(), copy.GetRanges());
        Assert.Equal(map.Revision, copy.Revision);
    }

    private static byte[] Stored(byte[] body)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(2);
        using (var deflate = new System.IO.Compression.DeflateStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(body);
        }

        return stream.ToArray();
    }

    [Fact]
    public void TracePrefix_MatchesNaiveReplay_AtSeveralRevisions()
    {
        var operations = EditingTrace.Load("automerge-paper").ToOperations();
        var map = new AuthorshipMap(0, "creator");
        var naive = new NaiveAuthorship(0, "creator");
        for (int i = 0; i < 6000; i++)
        {
            string user = "user" + (i / 37 % 3);
            map.Apply(operations[i], user, i + 1, i);
            naive.Apply(operations[i], user, i + 1, i);
            if ((i + 1) % 1500 == 0)
            {
                Assert.Equal(naive.GetRanges(), map.GetRanges());
            }
        }
    }

    [Fact]
    public void WholeTrace_EndsWithTheTextsLength_AndOneRangePerRun()
    {
        var trace = EditingTrace.Load("automerge-paper");
        var map = new AuthorshipMap(trace.StartContent.Length, "creator");
        int revision = 0;
        foreach (var operation in trace.ToOperations())
        {
            map.Apply(operation, "user" + (revision % 2), ++revision, revision);
        }

        var ranges = map.GetRanges();
        Assert.Equal(trace.EndContent.Length, map.Length);
        Assert.Equal(map.RunCount, ranges.Count);
        Assert.Equal(trace.EndContent.Length, ranges.Sum(r => r.Length));
    }

    [Fact]
    public void WholeTrace_SerializedAsKeptWithASnapshot_ReadsBackEqual_InAFewBytesPerRun()
    {
        // Three users in turns of 1,000 edits, one keystroke every 120–250 ms: the stored form of the final document.
        var trace = EditingTrace.Load("automerge-paper");
        var random = new Random(20261130);
        var map = new AuthorshipMap(trace.StartContent.Length, "creator", 0, 1_764_480_000_000);
        long time = 1_764_480_000_000;
        int revision = 0;
        foreach (var operation in trace.ToOperations())
        {
            time += 120 + random.Next(131);
            map.Apply(operation, "user-" + (revision / 1000 % 3), ++revision, time);
        }

        byte[] bytes = map.ToBytes();
        var copy = AuthorshipMap.FromBytes(bytes);

        output.WriteLine($"{trace.EndContent.Length} characters, {map.RunCount} runs: {bytes.Length} bytes ({(double)bytes.Length / map.RunCount:0.00} per run)");
        Assert.Equal(map.GetRanges(), copy.GetRanges());
        Assert.Equal(map.Revision, copy.Revision);
        Assert.True(bytes.Length < 2 * map.RunCount, $"{bytes.Length} bytes for {map.RunCount} runs");
    }
}
