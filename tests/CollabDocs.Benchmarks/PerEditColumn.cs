using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// A summary column that divides one invocation's median time or allocation by the number of edits the
/// invocation performs: the trace's patch count for a benchmark with a <c>Trace</c> parameter, or the
/// <c>Edits</c> parameter's value.
/// </summary>
public sealed class PerEditColumn : IColumn
{
    private readonly Func<BenchmarkReport, BenchmarkCase, int, string?> _value;

    private PerEditColumn(string name, string legend, int priority, Func<BenchmarkReport, BenchmarkCase, int, string?> value)
    {
        ColumnName = name;
        Legend = legend;
        PriorityInCategory = priority;
        _value = value;
    }

    /// <summary>Median time of one invocation divided by its edits, in nanoseconds.</summary>
    public static PerEditColumn TimePerEdit { get; } = new(
        "Median/edit", "Median time of one invocation divided by the edits it performs", 0,
        (report, _, edits) => report.ResultStatistics is { } stats
            ? (stats.Median / edits).ToString("N1", CultureInfo.InvariantCulture) + " ns"
            : null);

    /// <summary>Edits per second at the median.</summary>
    public static PerEditColumn EditsPerSecond { get; } = new(
        "Edits/s", "Edits performed per second at the median time", 1,
        (report, _, edits) => report.ResultStatistics is { } stats
            ? (edits / (stats.Median / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : null);

    /// <summary>Bytes allocated by one invocation divided by its edits.</summary>
    public static PerEditColumn AllocatedPerEdit { get; } = new(
        "Alloc/edit", "Bytes allocated by one invocation divided by the edits it performs", 2,
        (report, benchmarkCase, edits) => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
            ? ((double)bytes / edits).ToString("N2", CultureInfo.InvariantCulture) + " B"
            : null);

    public string Id => nameof(PerEditColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var report = summary[benchmarkCase];
        int edits = EditsOf(benchmarkCase);
        return report is null || edits <= 0 ? "-" : _value(report, benchmarkCase, edits) ?? "-";
    }

    public override string ToString() => ColumnName;

    private static int EditsOf(BenchmarkCase benchmarkCase)
    {
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Name == "Edits" && parameter.Value is int edits)
            {
                return edits;
            }

            if (parameter.Name == "Trace" && parameter.Value is string trace)
            {
                return EditingTrace.Load(trace).Patches.Count;
            }
        }

        return 0;
    }
}
