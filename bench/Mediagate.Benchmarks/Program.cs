using BenchmarkDotNet.Running;
using Mediagate.Benchmarks;

// dotnet run -c Release --project bench/Mediagate.Benchmarks -- accuracy     alignment accuracy table
// dotnet run -c Release --project bench/Mediagate.Benchmarks -- text N       print an N-word narration text
// dotnet run -c Release --project bench/Mediagate.Benchmarks -- client-allocations   bytes allocated per client step, against bare HttpClient
// dotnet run -c Release --project bench/Mediagate.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter *Synthesis*]
if (args is ["accuracy"])
{
    AlignmentAccuracy.Run();
    return;
}
if (args is ["text", var count])
{
    Console.WriteLine(Texts.Words(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}
if (args is ["client-allocations"])
{
    await ClientBenchmarks.PrintAllocationsAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SynthesisBenchmarks).Assembly).Run(args);
