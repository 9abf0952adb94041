using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Performance
{
    /// <summary>
    /// Measures analyzer execution time (CompilationWithAnalyzers telemetry) against the compilation's own time on a
    /// generated codebase, for every AsyncAnalyzers analyzer and for the peers' blocking rules in the same run.
    /// Usage: dotnet run -c Release --project tests/AsyncAnalyzers.Performance -- [--lines 200000] [--runs 3] [--markdown file]
    /// or -- --compare Blocking (side by side with the peers on the rule tests' sources of that folder)
    /// </summary>
    internal static class Program
    {
        private static readonly (string Package, string RelativePath, string RuleId)[] Peers =
        {
            ("meziantou.analyzer/3.0.321", "analyzers/dotnet/roslyn5.0/cs", "MA0042"),
            ("microsoft.visualstudio.threading.analyzers/18.12.1", "analyzers/cs", "VSTHRD103"),
            ("asyncfixer/2.1.0", "analyzers/dotnet/cs", "AsyncFixer02"),
        };

        public static async Task<int> Main(string[] args)
        {
            if (StringOption(args, "--compare") is { } folder)
            {
                var analyzersOfOurs = Framework.OurAnalyzers();
                Console.WriteLine(await PeerComparison.RunAsync(folder, analyzersOfOurs, LoadPeers(), FrameworkReferences()));
                return 0;
            }

            if (StringOption(args, "--alloc-loop") is { } which)
            {
                // Diagnostic mode: one configuration only in this process, fresh compilations, allocated bytes per analysis.
                var loopTrees = CodebaseGenerator.Generate(IntOption(args, "--lines", 20_000)).Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)).ToArray();
                var loopReferences = Framework.References();
                var loopAnalyzers = which == "floor"
                    ? ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer())
                    : Framework.OurAnalyzers().Add(new FloorAnalyzer());
                for (var i = 0; i < 8; i++)
                {
                    var c = CSharpCompilation.Create("Loop", loopTrees, loopReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    await c.WithAnalyzers(loopAnalyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    Console.WriteLine($"{which} {i}: {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024:N1} MB");
                }

                return 0;
            }

            if (args.Contains("--setup-cost"))
            {
                return await SetupCostAsync(args.Contains("--fresh"), IntOption(args, "--lines", 0));
            }

            var lines = IntOption(args, "--lines", 200_000);
            var runs = IntOption(args, "--runs", 3);
            var markdown = StringOption(args, "--markdown");

            Console.WriteLine($"Generating about {lines:N0} lines...");
            var files = CodebaseGenerator.Generate(lines);
            var totalLines = files.Sum(f => CodebaseGenerator.CountLines(f.Text));
            var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
            var parse = Stopwatch.StartNew();
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: f.Path)).ToImmutableArray();
            parse.Stop();
            var references = FrameworkReferences();
            Console.WriteLine($"{files.Count:N0} files, {totalLines:N0} lines, parsed in {parse.ElapsedMilliseconds:N0} ms");

            var ours = Framework.OurAnalyzers()
                .Where(a => StringOption(args, "--only") is not { } only || only.Split(',').Contains(a.GetType().Name))
                .ToImmutableArray();
            var peerFilter = StringOption(args, "--peers");
            var peers = args.Contains("--no-peers") || (StringOption(args, "--only") is not null && peerFilter is null)
                ? new List<(string RuleId, DiagnosticAnalyzer Analyzer)>()
                : LoadPeers().Where(p => peerFilter is null || peerFilter.Split(',').Contains(p.RuleId)).ToList();
            var floor = new FloorAnalyzer();
            var all = ours.AddRange(peers.Select(p => p.Analyzer)).Add(floor);

            var compileTimes = new List<double>();
            var endToEnd = args.Contains("--end-to-end");
            var addedTimes = new List<double>();
            var analyzerTimes = all.ToDictionary(a => a, _ => new List<double>());
            var findings = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var run = 0; run <= runs; run++)
            {
                // Run 0 warms up the JIT and is not counted.
                var compilation = CSharpCompilation.Create("Generated", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));

                // Each timed phase starts from a collected heap, so that a full collection left over from the previous
                // phase does not land in whichever analyzer happens to be running.
                CollectGarbage();
                var compile = Stopwatch.StartNew();
                var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                using (var stream = new MemoryStream())
                {
                    compilation.Emit(stream);
                }

                compile.Stop();
                if (errors > 0)
                {
                    Console.WriteLine($"the generated code has {errors} errors: {compilation.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error)}");
                    return 1;
                }

                var analyzed = CSharpCompilation.Create("Generated", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
                var withAnalyzers = analyzed.WithAnalyzers(all, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (e, a, _) => Console.WriteLine($"{a.GetType().Name} threw {e.GetType().Name}: {e.Message}"),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true));
                CollectGarbage();
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                if (run == 0)
                {
                    foreach (var diagnostic in diagnostics)
                    {
                        findings[diagnostic.Id] = findings.TryGetValue(diagnostic.Id, out var n) ? n + 1 : 1;
                    }

                    Console.WriteLine($"warm-up done: compile {compile.ElapsedMilliseconds:N0} ms");
                    continue;
                }

                compileTimes.Add(compile.Elapsed.TotalMilliseconds);
                foreach (var analyzer in all)
                {
                    var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                    analyzerTimes[analyzer].Add(telemetry.ExecutionTime.TotalMilliseconds);
                }

                var added = string.Empty;
                if (endToEnd)
                {
                    // What the package adds to a build's analysis, whoever is charged for the binding: the wall time of
                    // analysis with the do-nothing analyzer alone (the driver binds every method for it) against the same
                    // with our analyzers added.
                    // The order alternates between runs, so that neither side always runs on a heap the other left behind.
                    double alone, withOurs;
                    if (run % 2 == 1)
                    {
                        alone = await AnalysisWallTimeAsync(trees, references, ImmutableArray.Create<DiagnosticAnalyzer>(floor));
                        withOurs = await AnalysisWallTimeAsync(trees, references, ours.Add(floor));
                    }
                    else
                    {
                        withOurs = await AnalysisWallTimeAsync(trees, references, ours.Add(floor));
                        alone = await AnalysisWallTimeAsync(trees, references, ImmutableArray.Create<DiagnosticAnalyzer>(floor));
                    }

                    addedTimes.Add(withOurs - alone);
                    added = $", end to end: analysis {alone:N0} ms alone, {withOurs:N0} ms with ours (+{withOurs - alone:N0} ms, {100 * (withOurs - alone) / compile.Elapsed.TotalMilliseconds:N2}% of compilation)";
                }

                Console.WriteLine($"run {run}: compile {compile.ElapsedMilliseconds:N0} ms, our analyzers {ours.Sum(a => analyzerTimes[a][^1]):N0} ms{added}");
            }

            var report = Report(totalLines, files.Count, parse.Elapsed.TotalMilliseconds, compileTimes, ours, peers, analyzerTimes, findings, runs, Median(analyzerTimes[floor]));
            if (endToEnd)
            {
                report += string.Format(
                    CultureInfo.InvariantCulture,
                    "\nEnd to end: our analyzers add {0:N0} ms to the analysis of the codebase (median of {1} runs: {2} ms), {3:N2}% of compilation.\n",
                    Median(addedTimes),
                    addedTimes.Count,
                    string.Join(", ", addedTimes.Select(t => t.ToString("N0", CultureInfo.InvariantCulture))),
                    100 * Median(addedTimes) / Median(compileTimes));
            }
            Console.WriteLine();
            Console.WriteLine(report);
            if (markdown is not null)
            {
                await File.WriteAllTextAsync(markdown, report);
                Console.WriteLine($"written to {markdown}");
            }

            return 0;
        }

        private static string Report(
            int totalLines,
            int fileCount,
            double parseMs,
            List<double> compileTimes,
            ImmutableArray<DiagnosticAnalyzer> ours,
            List<(string RuleId, DiagnosticAnalyzer Analyzer)> peers,
            Dictionary<DiagnosticAnalyzer, List<double>> times,
            SortedDictionary<string, int> findings,
            int runs,
            double floorMs)
        {
            var builder = new StringBuilder();
            var inv = CultureInfo.InvariantCulture;
            var compileMs = Median(compileTimes);

            // Totals are taken run by run (sum of the analyzers in that run, against that run's compilation), then the median:
            // a sum of per-analyzer medians would mix runs.
            var isBlocking = ours.Select(a => a.SupportedDiagnostics.Any(d => d.Id.StartsWith("ASYNC1", StringComparison.Ordinal))).ToArray();
            var runTotals = new List<double>();
            var runBlocking = new List<double>();
            var runShares = new List<double>();
            for (var run = 0; run < compileTimes.Count; run++)
            {
                var total = ours.Sum(a => times[a][run]);
                runTotals.Add(total);
                runBlocking.Add(ours.Where((a, i) => isBlocking[i]).Sum(a => times[a][run]));
                runShares.Add(100 * total / compileTimes[run]);
            }

            var oursTotal = Median(runTotals);
            var blockingTotal = Median(runBlocking);
            var share = Median(runShares);
            builder.AppendLine(inv, $"Generated codebase: {totalLines:N0} lines in {fileCount:N0} files; median of {runs} runs after a warm-up; {Environment.ProcessorCount} cores; sequential analysis.");
            builder.AppendLine();
            builder.AppendLine(inv, $"Compilation (bind + emit, parse excluded): **{compileMs:N0} ms** (parse: {parseMs:N0} ms)");
            builder.AppendLine();
            builder.AppendLine("| Analyzer | Rules | Execution time (ms) | % of compilation |");
            builder.AppendLine("|----------|-------|--------------------:|-----------------:|");
            foreach (var analyzer in ours)
            {
                var ms = Median(times[analyzer]);
                var ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
                builder.AppendLine(inv, $"| {analyzer.GetType().Name} | {ids} | {ms:N1} | {100 * ms / compileMs:N2}% |");
            }

            builder.AppendLine(inv, $"| **AsyncAnalyzers, all** | | **{oursTotal:N1}** | **{share:N2}%** |");
            builder.AppendLine(inv, $"| AsyncAnalyzers, blocking family (ASYNC1xx) | | {blockingTotal:N1} | {100 * blockingTotal / compileMs:N2}% |");
            double fastestPeer = double.MaxValue;
            foreach (var (ruleId, analyzer) in peers)
            {
                var ms = Median(times[analyzer]);
                fastestPeer = Math.Min(fastestPeer, ms);
                builder.AppendLine(inv, $"| {analyzer.GetType().Name} (peer) | {ruleId} | {ms:N1} | {100 * ms / compileMs:N2}% |");
            }

            builder.AppendLine();
            builder.AppendLine(inv, $"Floor: an analyzer that registers for every invocation and property reference and does nothing else takes {floorMs:N1} ms ({100 * floorMs / compileMs:N2}%): the driver's own cost of calling an operation action, which every rule above that looks at calls pays too.");
            builder.AppendLine();
            builder.AppendLine(inv, $"Target 1, whole package <= 5% of compilation: {(share <= 5 ? "met" : "NOT met")} (median {share:N2}%; runs: {string.Join(", ", runShares.Select(r => r.ToString("N2", inv) + "%"))}).");
            if (peers.Count > 0)
            {
                builder.AppendLine(inv, $"Target 2, blocking family no slower than the fastest peer blocking rule ({fastestPeer:N1} ms): {(blockingTotal <= fastestPeer ? "met" : "NOT met")} ({blockingTotal:N1} ms).");
            }

            builder.AppendLine();
            builder.AppendLine("Findings on the generated code (first run):");
            builder.AppendLine();
            builder.AppendLine("| ID | Count |");
            builder.AppendLine("|----|------:|");
            foreach (var (id, count) in findings)
            {
                builder.AppendLine(inv, $"| {id} | {count:N0} |");
            }

            return builder.ToString();
        }

        /// <summary>
        /// What each analyzer allocates on a one-file compilation, beyond the do-nothing analyzer: the fixed cost of its
        /// per-compilation setup, paid on every compilation the IDE makes (one per edit). Median of 9 fresh compilations
        /// that share their references, as the IDE's do.
        /// </summary>
        private static async Task<int> SetupCostAsync(bool fresh, int lines)
        {
            // A little of everything the rules look at, so that every lazily built per-compilation index gets built.
            var tree = CSharpSyntaxTree.ParseText("""
                using System.Collections.Generic; using System.IO; using System.Linq; using System.Text; using System.Threading; using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(List<int> list, Stream stream, Task<int> t)
                    {
                        var text = File.ReadAllText("a.txt") + new StringBuilder().Append(1).ToString();
                        stream.Flush();
                        Thread.Sleep(1);
                        using (var s = new FileStream("b", FileMode.Open)) { }
                        var count = list.Where(i => i > 0).ToList().Count + Helper() + t.Result;
                        await Task.Yield();
                        return count + text.Length;
                    }

                    int Helper() { Thread.Sleep(1); return 1; }
                }
                """);
            var references = Framework.References();

            // With --lines, the generated codebase comes along: then the figures are what each analyzer allocates in all.
            var generated = lines > 0
                ? CodebaseGenerator.Generate(lines).Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)).ToArray()
                : Array.Empty<SyntaxTree>();
            var baseCompilation = CSharpCompilation.Create("Setup", generated.Append(tree), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var ours = Framework.OurAnalyzers();

            async Task<double> AllocatedAsync(ImmutableArray<DiagnosticAnalyzer> analyzers)
            {
                var samples = new List<double>();
                for (var i = 0; i < 10; i++)
                {
                    // A new compilation that shares the reference manager, like the IDE's next one after an edit.
                    // With --fresh, a compilation created from scratch each time, as a command-line build makes one.
                    var edited = CSharpSyntaxTree.ParseText(tree.GetText().ToString() + "// " + i);
                    var compilation = fresh
                        ? CSharpCompilation.Create("Setup", generated.Append(edited), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                        : baseCompilation.ReplaceSyntaxTree(tree, edited);
                    CollectGarbage();
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                        .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                    var after = GC.GetTotalAllocatedBytes(precise: true);
                    if (i > 0)
                    {
                        samples.Add(after - before);
                    }
                }

                return Median(samples);
            }

            var floor = await AllocatedAsync(ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()));
            Console.WriteLine($"The do-nothing analyzer's analysis allocates {floor / 1024 / 1024:N1} MB.");
            Console.WriteLine();
            Console.WriteLine($"| Analyzer | Allocated per compilation beyond the do-nothing analyzer (KB) |");
            Console.WriteLine($"|----------|------:|");
            foreach (var analyzer in ours)
            {
                var bytes = await AllocatedAsync(ImmutableArray.Create(analyzer, new FloorAnalyzer()));
                Console.WriteLine($"| {analyzer.GetType().Name} | {(bytes - floor) / 1024:N0} |");
            }

            var all = await AllocatedAsync(ours.Add(new FloorAnalyzer()));
            Console.WriteLine($"| **all** | **{(all - floor) / 1024:N0}** |");
            return 0;
        }

        private static void CollectGarbage()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static async Task<double> AnalysisWallTimeAsync(ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var compilation = CSharpCompilation.Create("Generated", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            CollectGarbage();
            var stopwatch = Stopwatch.StartNew();
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        private static List<(string RuleId, DiagnosticAnalyzer Analyzer)> LoadPeers()
        {
            var root = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
            var loader = new FolderLoader();
            var result = new List<(string, DiagnosticAnalyzer)>();
            foreach (var (package, relative, ruleId) in Peers)
            {
                var folder = Path.Combine(root, package, relative);
                if (!Directory.Exists(folder))
                {
                    Console.WriteLine($"peer {package} not found in {folder}; restore the project first");
                    continue;
                }

                var dlls = Directory.GetFiles(folder, "*.dll");
                foreach (var dll in dlls)
                {
                    loader.AddDependencyLocation(dll);
                }

                foreach (var dll in dlls)
                {
                    var reference = new AnalyzerFileReference(dll, loader);
                    foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
                    {
                        if (analyzer.SupportedDiagnostics.Any(d => d.Id == ruleId))
                        {
                            result.Add((ruleId, analyzer));
                        }
                    }
                }
            }

            return result;
        }

        private static ImmutableArray<MetadataReference> FrameworkReferences() => Framework.References();

        private static double Median(List<double> values)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static int IntOption(string[] args, string name, int fallback)
            => StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        private static string? StringOption(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        /// <summary>Loads analyzer assemblies and their neighbours by path into the default context.</summary>
        private sealed class FolderLoader : IAnalyzerAssemblyLoader
        {
            private readonly ConcurrentDictionary<string, string> bySimpleName = new(StringComparer.OrdinalIgnoreCase);

            public FolderLoader()
            {
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    name.Name is not null && bySimpleName.TryGetValue(name.Name, out var path) ? context.LoadFromAssemblyPath(path) : null;
            }

            public void AddDependencyLocation(string fullPath) => bySimpleName.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

            public Assembly LoadFromPath(string fullPath)
            {
                AddDependencyLocation(fullPath);
                return AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
            }
        }
    }
}
