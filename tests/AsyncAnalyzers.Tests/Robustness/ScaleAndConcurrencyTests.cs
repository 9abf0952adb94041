using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Pathological sizes finish (no unbounded recursion, no quadratic blow-up that never ends), cancellation is honoured,
    /// and analysis is deterministic under concurrency. The time limits here are hang guards, not performance targets:
    /// speed is measured by the benchmark project.
    /// </summary>
    public class ScaleAndConcurrencyTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

        [Fact]
        public async Task TenThousandStatementMethod_IsAnalyzed()
        {
            var body = new StringBuilder();
            for (var i = 0; i < 10_000; i++)
            {
                body.Append(i % 1000 == 0 ? "        Thread.Sleep(1);\n" : $"        x += {i % 7};\n");
            }

            var source = Usings + "class Big\n{\n    async Task M()\n    {\n        var x = 0;\n" + body + "        await Task.Yield();\n    }\n}\n";
            var diagnostics = await AnalyzeWithGuardAsync(source);
            Assert.Equal(10, diagnostics.Count(d => d.Id == DiagnosticIds.UseTaskDelay));
        }

        [Fact]
        public async Task TenThousandStatementMethod_WithEveryKindOfFinding_IsAnalyzed()
        {
            // The rules that look back or around (known-complete tasks, loop cost and independence, helper summaries) must
            // stay linear: every kind of finding, 1,000 times each, in one method.
            var body = new StringBuilder();
            for (var i = 0; i < 1_000; i++)
            {
                body.Append("        total += Fetch().Result;\n");
                body.Append("        Thread.Sleep(1);\n");
                body.Append("        text = File.ReadAllText(path);\n");
                body.Append("        using (var s = new FileStream(path, FileMode.Open)) { s.WriteByte(1); }\n");
                body.Append("        total += Helper(i0);\n");
                body.Append("        var c" + i + " = await t.ContinueWith(x => x.Result + 1);\n");
                body.Append("        for (var i = 0; i < xs.Length; i++) { for (var j = i + 1; j < xs.Length; j++) { d += Math.Sqrt((xs[i] - xs[j]) * (xs[i] - xs[j])); } }\n");
                body.Append("        total += i0 * 3;\n");
                body.Append("        text += total.ToString();\n");
                body.Append("        await Task.Yield();\n");
            }

            var source = Usings + "using System.IO;\nclass Big\n{\n    static int Helper(int x) { Thread.Sleep(1); return x; }\n    static Task<int> Fetch() => Task.FromResult(1);\n"
                + "    async Task M(Task<int> t, double[] xs, string path, int i0)\n    {\n        var total = 0;\n        double d = 0;\n        var text = \"\";\n" + body + "    }\n}\n";
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var diagnostics = await AnalyzeWithGuardAsync(source);
            foreach (var id in new[] { DiagnosticIds.AwaitInsteadOfBlocking, DiagnosticIds.UseTaskDelay, DiagnosticIds.UseAsyncCounterpart, DiagnosticIds.UseAwaitUsing, DiagnosticIds.MakeHelperChainAsync, DiagnosticIds.ConvertContinueWithToAwait, DiagnosticIds.OffloadCpuBoundLoop })
            {
                Assert.True(diagnostics.Count(d => d.Id == id) >= 1_000, $"{id}: {diagnostics.Count(d => d.Id == id)}");
            }
        }

        [Fact]
        public async Task FiveThousandHelperChain_IsSummarizedWithoutRecursion()
        {
            var builder = new StringBuilder(Usings + "class Chain\n{\n    async Task M() { Step0(1); await Task.Yield(); }\n");
            for (var k = 0; k < 5_000; k++)
            {
                builder.Append(k + 1 < 5_000 ? $"    int Step{k}(int x) => Step{k + 1}(x + 1);\n" : $"    int Step{k}(int x) {{ Thread.Sleep(1); return x; }}\n");
            }

            builder.Append("}\n");
            var diagnostics = await AnalyzeWithGuardAsync(builder.ToString());
            var chain = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.MakeHelperChainAsync);
            Assert.Contains("Thread.Sleep", chain.GetMessage(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task DeeplyNestedExpression_DoesNotOverflowTheStack()
        {
            // 2,000 nested parenthesized additions and a 2,000-deep lambda chain.
            var expression = new StringBuilder();
            for (var i = 0; i < 2_000; i++)
            {
                expression.Append("(1 + ");
            }

            expression.Append('1').Append(')', 2_000);

            // A 2,000-call fluent chain of lambdas: what LINQ-heavy code looks like, taken to the extreme.
            var lambdas = new StringBuilder("var q = new[] { 1 }.AsEnumerable()");
            for (var i = 0; i < 2_000; i++)
            {
                lambdas.Append($".Select(a{i} => a{i} + 1)");
            }

            lambdas.Append(".ToList();");

            var source = Usings + "class Deep\n{\n    async Task M()\n    {\n        var x = " + expression + ";\n        " + lambdas + "\n        Thread.Sleep(1);\n        await Task.Yield();\n    }\n}\n";
            // Roslyn's own binder needs a deep stack for 2,000-deep code; run on a thread that has one, as the compiler does.
            var diagnostics = await AnalyzerHarness.RunOnStackAsync(64 * 1024 * 1024, () => AnalyzeWithGuardAsync(source, requireCleanCompile: false).GetAwaiter().GetResult());
            Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.UseTaskDelay);
        }

        [Fact]
        public async Task FiftyThousandLineFile_IsAnalyzed()
        {
            var builder = new StringBuilder(Usings);
            var methods = 0;
            while (CountLines(builder) < 50_000)
            {
                builder.Append($"class C{methods}\n{{\n");
                for (var m = 0; m < 20; m++, methods++)
                {
                    builder.Append($"    public async Task<int> M{m}(int x)\n    {{\n        var y = x * {m};\n");
                    builder.Append(m % 5 == 0 ? "        Thread.Sleep(1);\n" : "        await Task.Delay(1);\n");
                    builder.Append("        return y;\n    }\n");
                    builder.Append($"    public int S{m}(int x)\n    {{\n        Thread.Sleep(1);\n        return x;\n    }}\n");
                }

                builder.Append("}\n");
            }

            var diagnostics = await AnalyzeWithGuardAsync(builder.ToString());
            Assert.Equal(methods / 5, diagnostics.Count(d => d.Id == DiagnosticIds.UseTaskDelay));
        }

        [Fact]
        public async Task Cancellation_StopsALongAnalysis()
        {
            var builder = new StringBuilder(Usings);
            for (var c = 0; c < 400; c++)
            {
                builder.Append($"class C{c} {{ ");
                for (var m = 0; m < 50; m++)
                {
                    builder.Append($"async Task M{m}() {{ Thread.Sleep({m}); S{m}(); await Task.Yield(); }} void S{m}() {{ Thread.Sleep(1); }} ");
                }

                builder.Append("}\n");
            }

            // Cancelled while running (a full analysis of these 40,000 methods takes several seconds). The cancellation comes
            // from a thread of its own: a CancellationTokenSource timer runs on the thread pool, which the analysis and the
            // other tests running in parallel can keep busy past the end of the analysis.
            var compilation = await AnalyzerHarness.CompileAsync(new[] { builder.ToString() });
            using var cancellation = new CancellationTokenSource();
            var canceller = new Thread(() =>
            {
                Thread.Sleep(300);
                cancellation.Cancel();
            })
            { IsBackground = true };
            canceller.Start();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: cancellation.Token));
            canceller.Join();
        }

        [Fact]
        public async Task Cancellation_IsCheckedInsideTheCrossMethodWalk()
        {
            // The helper summary walks any number of methods from one call site: it must stop when asked, not only between
            // the driver's callbacks.
            var builder = new StringBuilder(Usings + "class Chain\n{\n");
            for (var k = 0; k < 2_000; k++)
            {
                builder.Append(k + 1 < 2_000 ? $"    int Step{k}(int x) => Step{k + 1}(x + 1);\n" : $"    int Step{k}(int x) {{ Thread.Sleep(1); return x; }}\n");
            }

            var compilation = await AnalyzerHarness.CompileAsync(new[] { builder.Append("}\n").ToString() });
            var types = KnownTypes.Create(compilation);
            var summary = new AsyncAnalyzers.Blocking.BlockingSummary(compilation, types, AsyncAnalyzers.Blocking.BlockingDetectors.Create(types, null));
            var first = (IMethodSymbol)compilation.GetTypeByMetadataName("Chain")!.GetMembers("Step0").Single();
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => summary.GetChain(first, cancelled.Token));

            // Not poisoned by the cancelled attempt: asked again, it answers.
            var chain = summary.GetChain(first, CancellationToken.None);
            Assert.NotNull(chain);
            Assert.Equal("Thread.Sleep", chain!.Leaf.Display);
        }

        [Fact]
        public async Task HelperSummary_DoesNotDependOnTheOrderOfQuestions()
        {
            // WriteTo hands a MemoryStream to Escape, which writes only to its parameter and then calls a four-step chain that
            // blocks nowhere. Whether WriteTo blocks must not depend on whether that chain was summarized first: under
            // concurrent analysis the order of questions differs from run to run.
            const string Source = Usings + @"using System.IO;
static class Text
{
    public static void Escape(Stream w, byte[] s) { w.Write(s, 0, s.Length); Step1(); }
    static void Step1() => Step2();
    static void Step2() => Step3();
    static void Step3() => Step4();
    static void Step4() { }
    public static void WriteTo(MemoryStream w) { Escape(w, new byte[1]); }
    public static void Read(Stream s) { s.Read(new byte[1], 0, 1); Step1(); }
}
";
            var compilation = await AnalyzerHarness.CompileAsync(new[] { Source });
            var types = KnownTypes.Create(compilation);
            var text = compilation.GetTypeByMetadataName("Text")!;
            IMethodSymbol Method(string name) => (IMethodSymbol)text.GetMembers(name).Single();
            string? Answer(AsyncAnalyzers.Blocking.BlockingSummary summary, string name)
                => summary.GetChain(Method(name), CancellationToken.None)?.Describe() ?? "does not block";

            var askedDirectly = new AsyncAnalyzers.Blocking.BlockingSummary(compilation, types, AsyncAnalyzers.Blocking.BlockingDetectors.Create(types, null));
            var direct = Answer(askedDirectly, "WriteTo");

            var askedAfterTheChain = new AsyncAnalyzers.Blocking.BlockingSummary(compilation, types, AsyncAnalyzers.Blocking.BlockingDetectors.Create(types, null));
            Assert.Equal("does not block", Answer(askedAfterTheChain, "Step1"));
            var afterTheChain = Answer(askedAfterTheChain, "WriteTo");

            Assert.Equal(direct, afterTheChain);
            Assert.Equal("does not block", direct);

            // The chain itself is still followed where it matters: Read blocks on its stream parameter.
            Assert.Equal("Read -> Stream.Read", Answer(askedDirectly, "Read"));
        }

        [Fact]
        public async Task StreamClassJudgement_LeavesNoAssumptionBehind()
        {
            // Judging whether Sink is memory reaches Push(this), whose parameter is memory only if Sink is: while Sink is being
            // judged, that is assumed. Sink's Write goes to a file, so Sink is not memory, and nothing may remember Push's
            // parameter as memory from that assumption: Flush blocks, whichever question comes first.
            const string Source = Usings + @"using System.IO;
class Sink : Stream
{
    private readonly FileStream file = new FileStream(""f"", FileMode.Create);
    public override void Flush() => Push(this);
    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
    private static void Push(Stream s) { s.Flush(); }
    public override int Read(byte[] buffer, int offset, int count) => 0;
    public override long Seek(long offset, SeekOrigin origin) => 0;
    public override void SetLength(long value) { }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => 0;
    public override long Position { get => 0; set { } }
}
";
            async Task<string> Answer(bool judgeTheClassFirst)
            {
                // A compilation of its own each time: the judgements are remembered per compilation.
                var compilation = await AnalyzerHarness.CompileAsync(new[] { Source });
                var types = KnownTypes.Create(compilation);
                var summary = AsyncAnalyzers.Blocking.BlockingSummary.For(compilation, types, null)!;
                var sink = compilation.GetTypeByMetadataName("Sink")!;
                if (judgeTheClassFirst)
                {
                    Assert.False(summary.IsMemorySink(sink, CancellationToken.None));
                }

                var flush = (IMethodSymbol)sink.GetMembers("Flush").Single();
                return summary.GetChain(flush, CancellationToken.None)?.Describe() ?? "does not block";
            }

            Assert.Equal("Flush -> Push -> Stream.Flush", await Answer(judgeTheClassFirst: false));
            Assert.Equal("Flush -> Push -> Stream.Flush", await Answer(judgeTheClassFirst: true));
        }

        [Fact]
        public async Task ConcurrentAnalysis_GivesTheSameDiagnosticsAsSequential()
        {
            var sources = TestSourceCorpus.Files.SelectMany(TestSourceCorpus.SourcesOf)
                // Usings inside a namespace block are fine for these sources.
                .Select((s, i) => "namespace N" + i + " {\n" + s + "\n}")
                .ToList();
            var compilation = await AnalyzerHarness.CompileAsync(sources, outputKind: OutputKind.DynamicallyLinkedLibrary);

            var sequential = Describe(await AnalyzerHarness.AnalyzeAsync(compilation, concurrent: false));
            for (var run = 0; run < 3; run++)
            {
                var concurrent = Describe(await AnalyzerHarness.AnalyzeAsync(compilation, concurrent: true));
                Assert.Equal(sequential, concurrent);
            }

            Assert.NotEmpty(sequential);
        }

        [Fact]
        public void AnalyzersAndFixers_HoldNoMutableStaticState()
        {
            var offenders = new List<string>();
            foreach (var assembly in new[] { RuleCatalog.AnalyzerAssembly, RuleCatalog.CodeFixAssembly })
            {
                foreach (var type in assembly.GetTypes())
                {
                    if (type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
                    {
                        continue;
                    }

                    foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (field.IsLiteral || field.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
                        {
                            continue;
                        }

                        if (!field.IsInitOnly || !IsImmutable(field.FieldType))
                        {
                            offenders.Add($"{type.FullName}.{field.Name} ({field.FieldType.Name})");
                        }
                    }
                }
            }

            Assert.Empty(offenders);
        }

        private static bool IsImmutable(Type type) => IsImmutable(type, new HashSet<Type>());

        private static bool IsImmutable(Type type, HashSet<Type> visiting)
        {
            // A plain object has no state: sentinels are fine.
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Type) || type == typeof(object))
            {
                return true;
            }

            // Our own sealed types count when every instance field is readonly and itself immutable.
            if ((type.Assembly == RuleCatalog.AnalyzerAssembly || type.Assembly == RuleCatalog.CodeFixAssembly) && (type.IsSealed || type.IsValueType))
            {
                if (!visiting.Add(type))
                {
                    return true;
                }

                return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .All(f => f.IsInitOnly && IsImmutable(f.FieldType, visiting));
            }

            var name = type.IsGenericType ? type.GetGenericTypeDefinition().FullName! : type.FullName!;
            return name.StartsWith("System.Collections.Immutable.", StringComparison.Ordinal)
                || name == "Microsoft.CodeAnalysis.DiagnosticDescriptor"
                || name == "Microsoft.CodeAnalysis.SymbolDisplayFormat"
                || name == "Microsoft.CodeAnalysis.LocalizableString"
                || name == "System.Text.RegularExpressions.Regex"
                || name == "Microsoft.CodeAnalysis.SyntaxAnnotation"
                || name == "System.Func`2" || name == "System.Func`3" || name == "System.Action`1"
                // Weak caches keyed by immutable symbols (facts about referenced assemblies, shared between compilations).
                || name == "System.Runtime.CompilerServices.ConditionalWeakTable`2";
        }

        private static async Task<List<Diagnostic>> AnalyzeWithGuardAsync(string source, bool requireCleanCompile = true)
        {
            using var guard = new CancellationTokenSource(HangGuard);
            var compilation = await AnalyzerHarness.CompileAsync(new[] { source });
            if (requireCleanCompile)
            {
                Assert.Empty(compilation.GetDiagnostics(guard.Token).Where(d => d.Severity == DiagnosticSeverity.Error));
            }

            return (await AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: guard.Token)).ToList();
        }

        private static List<string> Describe(IEnumerable<Diagnostic> diagnostics)
            => diagnostics.Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan} {d.GetMessage()}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();

        private static int CountLines(StringBuilder builder)
        {
            var lines = 0;
            for (var i = 0; i < builder.Length; i++)
            {
                if (builder[i] == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }
    }
}
