using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.IO.Compression;
using System.Text.Json;
using CollabDocs.Ot;

namespace CollabDocs.Testing;

/// <summary>
/// A recording of real typing from <c>tests/traces</c> (josephg/editing-traces): the start text, the
/// end text and every edit in between. Sequential traces (<c>automerge-paper</c>, <c>rustcode</c>,
/// <c>sveltecomponent</c>) have one author whose patches apply in order; concurrent traces
/// (<c>concurrent/friendsforever</c>) also say which author made each transaction and which
/// transactions it was typed on top of. Loaded traces are cached and immutable.
/// </summary>
public sealed class EditingTrace
{
    /// <summary>Environment variable that overrides where the traces are looked for.</summary>
    public const string DirectoryVariable = "COLLABDOCS_TRACES";

    private static readonly Lazy<string> LazyDirectory = new(FindDirectory);
    private static readonly ConcurrentDictionary<string, Lazy<EditingTrace>> Cache = new(StringComparer.Ordinal);

    private EditingTrace(string name, bool isConcurrent, string startContent, string endContent, TraceTransaction[] transactions, TracePatch[] patches)
    {
        Name = name;
        IsConcurrent = isConcurrent;
        StartContent = startContent;
        EndContent = endContent;
        Transactions = Array.AsReadOnly(transactions);
        Patches = Array.AsReadOnly(patches);
    }

    /// <summary>
    /// The folder holding the traces: <c>$COLLABDOCS_TRACES</c> when set, otherwise the first
    /// <c>tests/traces</c> found walking up from <see cref="AppContext.BaseDirectory"/> (the copy kept in
    /// the repository, see its README for sources and licences).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No traces folder was found.</exception>
    public static string TracesDirectory => LazyDirectory.Value;

    /// <summary>The name it was loaded by, e.g. <c>automerge-paper</c> or <c>concurrent/friendsforever</c>.</summary>
    public string Name { get; }

    /// <summary>True for a trace with several authors, whose patches apply to their parents' text, not in sequence.</summary>
    public bool IsConcurrent { get; }

    /// <summary>The text before the first edit (empty when the file has none).</summary>
    public string StartContent { get; }

    /// <summary>The text after the last edit.</summary>
    public string EndContent { get; }

    /// <summary>The transactions in file order (every transaction comes after its parents).</summary>
    public ReadOnlyCollection<TraceTransaction> Transactions { get; }

    /// <summary>Every patch of every transaction, flattened in apply order.</summary>
    public ReadOnlyCollection<TracePatch> Patches { get; }

    /// <summary>
    /// Loads <c>{name}.json.gz</c> from <see cref="TracesDirectory"/>, e.g. <c>Load("rustcode")</c> or
    /// <c>Load("concurrent/friendsforever")</c>. Each trace is read once per process and then cached.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such trace.</exception>
    /// <exception cref="InvalidDataException">The file is not a trace.</exception>
    public static EditingTrace Load(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Cache.GetOrAdd(name, static key => new Lazy<EditingTrace>(() => Read(key))).Value;
    }

    /// <summary>
    /// The sequential trace as operations, one <see cref="TextOperation.Splice"/> per patch, each
    /// made on the text the previous ones produced (the first on <see cref="StartContent"/>).
    /// Applying them in order to <see cref="StartContent"/> yields <see cref="EndContent"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trace is concurrent: its patches do not apply in sequence.</exception>
    public IReadOnlyList<TextOperation> ToOperations()
    {
        if (IsConcurrent)
        {
            throw new InvalidOperationException($"Trace '{Name}' is concurrent: its patches apply to their parents' text, not in sequence.");
        }

        var operations = new TextOperation[Patches.Count];
        int length = StartContent.Length;
        for (int i = 0; i < operations.Length; i++)
        {
            var patch = Patches[i];
            operations[i] = TextOperation.Splice(length, patch.Position, patch.DeleteCount, patch.Insert);
            length = operations[i].TargetLength;
        }

        return Array.AsReadOnly(operations);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Patches.Count} patches)";

    private static EditingTrace Read(string name)
    {
        string path = Path.Combine(TracesDirectory, name + ".json.gz");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No trace '{name}' in {TracesDirectory}.", path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        try
        {
            return FromJson(name, json.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"{path} is not an editing trace: {ex.Message}", ex);
        }
    }

    private static EditingTrace FromJson(string name, JsonElement root)
    {
        bool isConcurrent = root.TryGetProperty("kind", out var kind) && kind.GetString() == "concurrent";
        string startContent = root.TryGetProperty("startContent", out var start) ? start.GetString()! : string.Empty;
        string endContent = root.GetProperty("endContent").GetString()!;

        var txns = root.GetProperty("txns");
        var transactions = new TraceTransaction[txns.GetArrayLength()];
        var patches = new List<TracePatch>(transactions.Length);
        int index = 0;
        foreach (var txn in txns.EnumerateArray())
        {
            int agent = txn.TryGetProperty("agent", out var agentElement) ? agentElement.GetInt32() : 0;
            int[] parents = txn.TryGetProperty("parents", out var parentsElement)
                ? ReadInts(parentsElement)
                : [];

            var txnPatches = new TracePatch[txn.GetProperty("patches").GetArrayLength()];
            int p = 0;
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                txnPatches[p++] = new TracePatch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!);
            }

            patches.AddRange(txnPatches);
            transactions[index++] = new TraceTransaction(agent, Array.AsReadOnly(parents), Array.AsReadOnly(txnPatches));
        }

        return new EditingTrace(name, isConcurrent, startContent, endContent, transactions, [.. patches]);
    }

    private static int[] ReadInts(JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetInt32();
        }

        return values;
    }

    private static string FindDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{DirectoryVariable} is set to '{configured}', which is not a directory.");
        }

        // Walking up from the build output (tests/<project>/bin/...) reaches the repository root.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "traces");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/traces folder above {AppContext.BaseDirectory}; set {DirectoryVariable} to the traces folder.");
    }
}
