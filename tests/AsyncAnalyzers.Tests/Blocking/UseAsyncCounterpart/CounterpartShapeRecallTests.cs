using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC103 recall for twins whose shape differs from the synchronous method's: a synchronous overload with an optional
    /// parameter the twin lacks (matched only where the call leaves it out), and a method returning a materialized
    /// collection whose twin streams the elements (collected with <c>ToListAsync</c>/<c>ToArrayAsync</c> when one is in scope).
    /// </summary>
    public class CounterpartShapeRecallTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>A test kit's probe: sync methods with a timeout their twins do not take.</summary>
        private const string Probe = """

            public class Probe
            {
                public Probe ExpectNext(int element, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => this;
                public Task ExpectNextAsync(int element, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public int ExpectOne(TimeSpan? timeout = null, CancellationToken cancellationToken = default) => 1;
                public Task<int> ExpectOneAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);
                public void Send(string message, int retries = 3) { }
                public Task SendAsync(string message) => Task.CompletedTask;
                public IReadOnlyCollection<object> ReceiveN(int count, TimeSpan? max = null) => new object[count];
                public async IAsyncEnumerable<object> ReceiveNAsync(int count, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default) { await Task.Yield(); yield return count; }
                public int[] Take(int count) => new int[count];
                public async IAsyncEnumerable<int> TakeAsync(int count) { await Task.Yield(); yield return count; }
            }
            """;

        /// <summary>The collectors System.Linq.Async (or .NET 10) provides, declared here as a polyfill would be.</summary>
        private const string Collectors = """

            namespace System.Linq
            {
                public static class AsyncEnumerable
                {
                    public static async ValueTask<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
                    {
                        var list = new List<T>();
                        await foreach (var item in source.WithCancellation(cancellationToken)) { list.Add(item); }
                        return list;
                    }

                    public static async ValueTask<T[]> ToArrayAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
                        => (await source.ToListAsync(cancellationToken)).ToArray();
                }
            }
            """;

        private static DiagnosticResult Advice(string call, string advice, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, owner, advice);

        private static Task VerifyFix(string source, string fixedSource, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- an optional parameter the twin lacks

        [Fact]
        public Task FluentOverloadWithATimeoutTheTwinLacks_LeftOut_IsReportedAndFixed()
            => VerifyFix(
                Usings + "class C { async Task M(Probe probe) { {|#0:probe.ExpectNext(1)|}; await Task.Yield(); } }" + Probe,
                Usings + "class C { async Task M(Probe probe) { await probe.ExpectNextAsync(1); await Task.Yield(); } }" + Probe,
                Advice("Probe.ExpectNext", "use 'await probe.ExpectNextAsync(1)'"));

        [Fact]
        public Task OverloadWithATimeoutTheTwinLacks_TakesTheTokenInScope()
            => VerifyFix(
                Usings + "class C { async Task<int> M(Probe probe, CancellationToken ct) { var x = {|#0:probe.ExpectOne()|}; return x; } }" + Probe,
                Usings + "class C { async Task<int> M(Probe probe, CancellationToken ct) { var x = await probe.ExpectOneAsync(ct); return x; } }" + Probe,
                Advice("Probe.ExpectOne", "use 'await probe.ExpectOneAsync()'"));

        [Fact]
        public Task TrailingOptionalParameterTheTwinLacks_LeftOut_IsReportedAndFixed()
            => VerifyFix(
                Usings + "class C { async Task M(Probe probe) { await Task.Yield(); {|#0:probe.Send(\"hi\")|}; } }" + Probe,
                Usings + "class C { async Task M(Probe probe) { await Task.Yield(); await probe.SendAsync(\"hi\"); } }" + Probe,
                Advice("Probe.Send", "use 'await probe.SendAsync(\"hi\")'"));

        // ---------------------------------------------------------------- a T? parameter the twin takes as T

        /// <summary>A probe whose timed twin takes a TimeSpan where the synchronous method takes a TimeSpan? (null: the default timeout).</summary>
        private const string TimedProbe = """

            public class TimedProbe
            {
                public TimedProbe ExpectNext(int element, TimeSpan? timeout = null, CancellationToken cancellationToken = default) => this;
                public Task ExpectNextAsync(int element, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public Task ExpectNextAsync(int element, TimeSpan timeout, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public void Await(TimeSpan? wait = null) { }
                public Task AwaitAsync(TimeSpan timeout) => Task.CompletedTask;
                public void Take(int? count = null) { }
                public Task TakeAsync(long count) => Task.CompletedTask;
            }
            """;

        [Fact]
        public Task NullableParameterTheTwinTakesAsItsValue_PassedANonNullValue_IsReportedAndFixed()
            => VerifyFix(
                Usings + "class C { async Task M(TimedProbe probe) { await Task.Yield(); {|#0:probe.ExpectNext(1, TimeSpan.FromSeconds(3))|}; } }" + TimedProbe,
                Usings + "class C { async Task M(TimedProbe probe) { await Task.Yield(); await probe.ExpectNextAsync(1, TimeSpan.FromSeconds(3)); } }" + TimedProbe,
                Advice("TimedProbe.ExpectNext", "use 'await probe.ExpectNextAsync(1, TimeSpan.FromSeconds(3))'"));

        [Fact]
        public Task NullableParameterTheTwinTakesAsItsValue_ByName_TakesTheTokenInScope()
            => VerifyFix(
                Usings + "class C { async Task M(TimedProbe probe, TimeSpan limit, CancellationToken ct) { await Task.Yield(); {|#0:probe.ExpectNext(1, timeout: limit)|}; } }" + TimedProbe,
                Usings + "class C { async Task M(TimedProbe probe, TimeSpan limit, CancellationToken ct) { await Task.Yield(); await probe.ExpectNextAsync(1, timeout: limit, cancellationToken: ct); } }" + TimedProbe,
                Advice("TimedProbe.ExpectNext", "use 'await probe.ExpectNextAsync(1, timeout: limit)'"));

        [Fact]
        public Task NullableParameterLeftOut_TakesTheTwinWithoutIt()
            => VerifyFix(
                Usings + "class C { async Task M(TimedProbe probe) { await Task.Yield(); {|#0:probe.ExpectNext(1)|}; } }" + TimedProbe,
                Usings + "class C { async Task M(TimedProbe probe) { await Task.Yield(); await probe.ExpectNextAsync(1); } }" + TimedProbe,
                Advice("TimedProbe.ExpectNext", "use 'await probe.ExpectNextAsync(1)'"));

        [Theory]
        [InlineData("TimeSpan? limit = null; probe.ExpectNext(1, limit);")]
        [InlineData("probe.ExpectNext(1, null);")]
        [InlineData("probe.ExpectNext(1, timeout: default);")]
        [InlineData("probe.ExpectNext(1, (TimeSpan?)TimeSpan.Zero);")]
        [InlineData("probe.Await(TimeSpan.Zero);")]
        [InlineData("probe.Take(3);")]
        public Task NullableParameterTheTwinCannotTake_IsNotReported(string statement)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task M(TimedProbe probe) { await Task.Yield(); " + statement + " } }" + TimedProbe);

        [Fact]
        public Task ArgumentsWrittenOverSeveralLines_AreNamedOnOneLineInTheMessage()
            => Verify.VerifyAnalyzerAsync(
                Usings + "class C\n{\n    async Task M(Probe probe)\n    {\n        await Task.Yield();\n        {|#0:probe.Send(\n            \"hi\")|};\n    }\n}\n" + Probe,
                Advice("Probe.Send", "use 'await probe.SendAsync(\"hi\")'"));

        [Fact]
        public Task FluentChainWrittenOverSeveralLines_IsNamedOnOneLineInTheMessage()
            => Verify.VerifyAnalyzerAsync(
                Usings + "class C\n{\n    async Task M(Probe probe)\n    {\n        await Task.Yield();\n        {|#0:probe\n            .ExpectNext(1)|}\n            .{|#1:ExpectNext(2)|};\n    }\n}\n" + Probe,
                Advice("Probe.ExpectNext", "call 'await probe.ExpectNextAsync(1)' as a statement of its own (it returns nothing to chain on)"),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithArguments("Probe.ExpectNext", "'C.M'", "use 'await probe.ExpectNext(1).ExpectNextAsync(2)'"));

        [Fact]
        public Task FluentChainOnACallResult_MarksEachCallOnItsOwnLine()
            // The chain starts with a call, so every mark would start there; each call is marked from its name instead.
            => Verify.VerifyAnalyzerAsync(
                Usings + "class C\n{\n    static Probe Make() => new Probe();\n    async Task M()\n    {\n        await Make()\n            .{|#0:ExpectNext(1)|}\n            .{|#1:ExpectNext(2)|}\n            .ExpectNextAsync(3);\n    }\n}\n" + Probe,
                Advice("Probe.ExpectNext", "call 'await Make().ExpectNextAsync(1)' as a statement of its own (it returns nothing to chain on)"),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithArguments("Probe.ExpectNext", "'C.M'", "call 'await Make().ExpectNext(1).ExpectNextAsync(2)' as a statement of its own (it returns nothing to chain on)"));

        [Theory]
        [InlineData("probe.ExpectNext(1, TimeSpan.FromSeconds(3));")]
        [InlineData("probe.ExpectNext(1, timeout: null);")]
        [InlineData("probe.ExpectOne(TimeSpan.FromSeconds(1));")]
        [InlineData("probe.Send(\"hi\", 5);")]
        [InlineData("probe.Send(\"hi\", retries: 3);")]
        [InlineData("probe.ReceiveN(2, TimeSpan.FromSeconds(1));")]
        public Task OptionalParameterTheTwinLacks_PassedExplicitly_IsNotReported(string statement)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task M(Probe probe) { await Task.Yield(); " + statement + " } }" + Probe + Collectors);

        [Theory]
        [InlineData("public void Expect(int v, TimeSpan timeout) { } public Task ExpectAsync(int v) => Task.CompletedTask;", "k.Expect(1, TimeSpan.Zero);")]
        [InlineData("public void Expect(params int[] values) { } public Task ExpectAsync(int value) => Task.CompletedTask;", "k.Expect(1);")]
        [InlineData("public void Expect(int v, params int[] more) { } public Task ExpectAsync(int v) => Task.CompletedTask;", "k.Expect(1);")]
        [InlineData("public void Wait(int n, TimeSpan? first = null, TimeSpan? second = null) { } public Task WaitAsync(int n, TimeSpan? second = null) => Task.CompletedTask;", "k.Wait(1);")]
        [InlineData("public void Wait(int n, int? times = null) { } public Task WaitAsync(int count) => Task.CompletedTask;", "k.Wait(1);")]
        public Task TwinThatDoesNotCoverTheSynchronousParameters_IsNotReported(string members, string statement)
            => Verify.VerifyAnalyzerAsync(Usings + "public class Kit { " + members + " } class C { async Task M(Kit k) { await Task.Yield(); " + statement + " } }");

        [Fact]
        public Task TwinInAnUnrelatedType_IsNotReported()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Kit { public Kit ExpectNext(int element, TimeSpan? timeout = null) => this; public IReadOnlyList<int> ReceiveN(int n) => new int[n]; }
                public class Other { public Task ExpectNextAsync(int element) => Task.CompletedTask; public IAsyncEnumerable<int> ReceiveNAsync(int n) => null!; }
                class C { async Task M(Kit k) { await Task.Yield(); k.ExpectNext(1); var all = k.ReceiveN(2); } }
                """ + Collectors);

        // ---------------------------------------------------------------- a materialized collection whose twin streams

        [Fact]
        public Task CollectionWhoseTwinStreams_IsCollectedWithToListAsync_AndAVarLocalKeepsItsType()
            => VerifyFix(
                Usings + "class C { async Task<int> M(Probe probe, IReadOnlyCollection<object> other) { var all = {|#0:probe.ReceiveN(3)|}; await Task.Yield(); all = other; return all.Count; } }" + Probe + Collectors,
                Usings + "class C { async Task<int> M(Probe probe, IReadOnlyCollection<object> other) { IReadOnlyCollection<object> all = await probe.ReceiveNAsync(3).ToListAsync(); await Task.Yield(); all = other; return all.Count; } }" + Probe + Collectors,
                Advice("Probe.ReceiveN", "use 'await probe.ReceiveNAsync(3).ToListAsync()'"));

        [Fact]
        public Task CollectionWhoseTwinStreams_AsAnArgument_IsCollectedInPlace()
            => VerifyFix(
                Usings + "class C { static int Count(IReadOnlyCollection<object> items) => items.Count; async Task<int> M(Probe probe) { await Task.Yield(); return Count({|#0:probe.ReceiveN(3)|}); } }" + Probe + Collectors,
                Usings + "class C { static int Count(IReadOnlyCollection<object> items) => items.Count; async Task<int> M(Probe probe) { await Task.Yield(); return Count(await probe.ReceiveNAsync(3).ToListAsync()); } }" + Probe + Collectors,
                Advice("Probe.ReceiveN", "use 'await probe.ReceiveNAsync(3).ToListAsync()'"));

        [Fact]
        public Task ArrayWhoseTwinStreams_IsCollectedWithToArrayAsync_AndKeepsConfigureAwait()
            => VerifyFix(
                Usings + "class C { async Task<int[]> M(Probe probe) { await Task.Delay(1).ConfigureAwait(false); int[] taken = {|#0:probe.Take(2)|}; return taken; } }" + Probe + Collectors,
                Usings + "class C { async Task<int[]> M(Probe probe) { await Task.Delay(1).ConfigureAwait(false); int[] taken = await probe.TakeAsync(2).ToArrayAsync().ConfigureAwait(false); return taken; } }" + Probe + Collectors,
                Advice("Probe.Take", "use 'await probe.TakeAsync(2).ToArrayAsync()'"));

        [Fact]
        public Task CollectionWhoseTwinStreams_InATestMethodWithAToken_PassesItToTheTwin()
            => VerifyFix(
                Usings + "class C { async Task M(Probe probe, CancellationToken ct) { foreach (var m in {|#0:probe.ReceiveN(2)|}) { } await Task.Yield(); } }" + Probe + Collectors,
                Usings + "class C { async Task M(Probe probe, CancellationToken ct) { foreach (var m in await probe.ReceiveNAsync(2, ct).ToListAsync()) { } await Task.Yield(); } }" + Probe + Collectors,
                Advice("Probe.ReceiveN", "use 'await probe.ReceiveNAsync(2, ct).ToListAsync()'"));

        [Fact]
        public Task CollectionWhoseTwinStreams_WithNoCollectorInScope_IsReportedWithNoFixAndSaysWhy()
        {
            var source = Usings + "class C { async Task M(Probe probe) { var all = {|#0:probe.ReceiveN(3)|}; await Task.Yield(); } }" + Probe;
            return VerifyFix(
                source,
                source,
                Advice("Probe.ReceiveN", "collect 'probe.ReceiveNAsync(3)' with 'await foreach' (no automatic fix: no 'ToListAsync' for async streams is in scope here; System.Linq.Async, or System.Linq.AsyncEnumerable on .NET 10, provides one)"));
        }

        [Theory]
        [InlineData("public IReadOnlyList<int> ReadAll() => new int[0]; public IAsyncEnumerable<long> ReadAllAsync() => null!;")]
        [InlineData("public IReadOnlyList<int> ReadAll() => new int[0]; public IAsyncEnumerable<IReadOnlyList<int>> ReadAllAsync() => null!;")]
        [InlineData("public Dictionary<int, int> ReadAll() => new(); public IAsyncEnumerable<KeyValuePair<int, int>> ReadAllAsync() => null!;")]
        [InlineData("public System.Collections.ArrayList ReadAll() => new(); public IAsyncEnumerable<object> ReadAllAsync() => null!;")]
        [InlineData("public IReadOnlyList<int> ReadAll() => new int[0]; public Task<IAsyncEnumerable<int>> ReadAllAsync() => null!;")]
        [InlineData("public IReadOnlyList<int> ReadAll(params int[] ids) => ids; public IAsyncEnumerable<int> ReadAllAsync(int id) => null!;")]
        public Task CollectionWhoseTwinIsNotAStreamOfTheSameElements_IsNotReported(string members)
            => Verify.VerifyAnalyzerAsync(Usings + "public class Store { " + members + " } class C { async Task M(Store s) { await Task.Yield(); var all = s.ReadAll(); } }" + Collectors);

        [Fact]
        public Task LazyEnumerableNotEnumeratedHere_IsStillNotReported()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Rows
                {
                    public IEnumerable<int> Read() { yield return 1; }
                    public async IAsyncEnumerable<int> ReadAsync() { await Task.Yield(); yield return 1; }
                }
                class C { async Task<IEnumerable<int>> M(Rows r) { await Task.Yield(); var rows = r.Read(); return rows; } }
                """ + Collectors);
    }
}
