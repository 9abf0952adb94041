using System.Collections.Immutable;
using AsyncAnalyzers.Performance;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Benchmarks;

/// <summary>
/// Time and memory the package adds to the analysis of a generated 20,000-line async codebase (the generator of
/// tests/AsyncAnalyzers.Performance): analysis with a do-nothing analyzer (the driver still binds every method body for
/// it) against the same with every AsyncAnalyzers analyzer added. A fresh compilation each time: analysis results are
/// cached per compilation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AnalyzerCost
{
    private ImmutableArray<SyntaxTree> trees;
    private ImmutableArray<MetadataReference> references;
    private ImmutableArray<DiagnosticAnalyzer> floorOnly;
    private ImmutableArray<DiagnosticAnalyzer> withOurs;
    private ImmutableArray<DiagnosticAnalyzer> withoutHelperChains;

    /// <summary>20,000 lines unless ASYNC_BENCH_LINES says otherwise (docs/performance.md uses 200,000).</summary>
    [ParamsSource(nameof(LineCounts))]
    public int Lines { get; set; }

    public static IEnumerable<int> LineCounts() =>
        new[] { int.TryParse(Environment.GetEnvironmentVariable("ASYNC_BENCH_LINES"), out var lines) ? lines : 20_000 };

    [GlobalSetup]
    public void Setup()
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        trees = CodebaseGenerator.Generate(Lines).Select(f => CSharpSyntaxTree.ParseText(f.Text, options, path: f.Path)).ToImmutableArray();
        references = Framework.References();
        var ours = Framework.OurAnalyzers();
        floorOnly = ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer());
        withOurs = ours.Add(new FloorAnalyzer());
        withoutHelperChains = ours.Where(a => a is not Blocking.MakeHelperChainAsyncAnalyzer).ToImmutableArray().Add(new FloorAnalyzer());
    }

    [Benchmark(Baseline = true, Description = "Analysis, do-nothing analyzer only")]
    public Task<ImmutableArray<Diagnostic>> FloorOnly() => AnalyzeAsync(floorOnly);

    [Benchmark(Description = "Analysis, with every AsyncAnalyzers analyzer")]
    public Task<ImmutableArray<Diagnostic>> WithAsyncAnalyzers() => AnalyzeAsync(withOurs);

    [Benchmark(Description = "Analysis, with every AsyncAnalyzers analyzer but ASYNC105")]
    public Task<ImmutableArray<Diagnostic>> WithoutHelperChains() => AnalyzeAsync(withoutHelperChains);

    private Task<ImmutableArray<Diagnostic>> AnalyzeAsync(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = CSharpCompilation.Create("Generated", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
        return compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }
}
