using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using CollabDocs.Benchmarks;

// Run everything:  dotnet run -c Release --project tests/CollabDocs.Benchmarks -- --filter '*'
// One class:       dotnet run -c Release --project tests/CollabDocs.Benchmarks -- --filter '*TraceReplay*'
// Each class picks its own short job (see the [SimpleJob] attributes), so the whole suite takes a few minutes.
var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median)
    .AddColumn(PerEditColumn.TimePerEdit, PerEditColumn.EditsPerSecond, PerEditColumn.AllocatedPerEdit);

BenchmarkSwitcher.FromAssembly(typeof(PerEditColumn).Assembly).Run(args, config);
