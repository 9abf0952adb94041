using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class MakeHelperChainAsyncTests
    {
        [Fact]
        public Task Fix_IsNotOfferedInsideAnInlineLambda()
        {
            var source = Usings + """
                class C
                {
                    async Task RunAsync(List<int> items)
                    {
                        var lengths = items.Select(i => [|Slow(i)|]).ToList();
                        await Task.Yield();
                    }
                    int Slow(int i) { Thread.Sleep(i); return i; }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_UsesAnExistingTwinThatTakesACancellationToken_PassingTheTokenInScopeOrNone()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class Reader
                {
                    readonly System.IO.Stream stream = System.IO.Stream.Null;
                    readonly byte[] buffer = new byte[16];

                    async Task<bool> MatchAsync(char c, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return [|IsSeparator(c)|];
                    }

                    bool IsSeparator(char c)
                    {
                        if (c == '/')
                        {
                            return Fill(1) > 0;
                        }

                        return Skip(c, CancellationToken.None);
                    }

                    bool Skip(char c, CancellationToken token) => c == ' ' && Fill(2) > 0;

                    int Fill(int count) => stream.Read(buffer, 0, count);

                    async Task<int> FillAsync(int count, CancellationToken cancellationToken) => await stream.ReadAsync(buffer, 0, count, cancellationToken);
                }
                """, Usings + """
                class Reader
                {
                    readonly System.IO.Stream stream = System.IO.Stream.Null;
                    readonly byte[] buffer = new byte[16];

                    async Task<bool> MatchAsync(char c, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return await IsSeparatorAsync(c);
                    }

                    bool IsSeparator(char c)
                    {
                        if (c == '/')
                        {
                            return Fill(1) > 0;
                        }

                        return Skip(c, CancellationToken.None);
                    }

                    async Task<bool> IsSeparatorAsync(char c)
                    {
                        if (c == '/')
                        {
                            return await FillAsync(1, cancellationToken: CancellationToken.None) > 0;
                        }

                        return await SkipAsync(c, CancellationToken.None);
                    }

                    bool Skip(char c, CancellationToken token) => c == ' ' && Fill(2) > 0;

                    async Task<bool> SkipAsync(char c, CancellationToken token) => c == ' ' && await FillAsync(2, cancellationToken: token) > 0;

                    int Fill(int count) => stream.Read(buffer, 0, count);

                    async Task<int> FillAsync(int count, CancellationToken cancellationToken) => await stream.ReadAsync(buffer, 0, count, cancellationToken);
                }
                """);
        }

        [Fact]
        public Task Fix_CallSiteInAFunctionThatConfiguresEveryAwait_ConfiguresTheNewAwait()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        [|Step(2)|];
                    }

                    void Step(int n) => Thread.Sleep(n);
                }
                """, Usings + """
                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await StepAsync(2).ConfigureAwait(false);
                    }

                    void Step(int n) => Thread.Sleep(n);

                    async Task StepAsync(int n) => await Task.Delay(n);
                }
                """);
        }

        [Fact]
        public Task Fix_AddsTwinsAlongTheChain_AndAwaitsAtTheCallSite()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    public void Sync() => Step(1);

                    async Task RunAsync()
                    {
                        [|Step(2)|];
                        await Task.Yield();
                    }

                    /// <summary>Does a step.</summary>
                    void Step(int n)
                    {
                        Console.WriteLine(n);
                        Pause(n * 10);
                    }

                    static void Pause(int ms) => Thread.Sleep(ms);
                }
                """, Usings + """
                class C
                {
                    public void Sync() => Step(1);

                    async Task RunAsync()
                    {
                        await StepAsync(2);
                        await Task.Yield();
                    }

                    /// <summary>Does a step.</summary>
                    void Step(int n)
                    {
                        Console.WriteLine(n);
                        Pause(n * 10);
                    }

                    async Task StepAsync(int n)
                    {
                        Console.WriteLine(n);
                        await PauseAsync(n * 10);
                    }

                    static void Pause(int ms) => Thread.Sleep(ms);

                    static async Task PauseAsync(int ms) => await Task.Delay(ms);
                }
                """);
        }

        [Fact]
        public Task Fix_ValueReturningHelpers_BecomeGenericTasks_AndTheCallerBecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    Task<int> RunAsync()
                    {
                        var x = [|Compute(2)|] + 1;
                        return Task.FromResult(x);
                    }

                    int Compute(int n)
                    {
                        Thread.Sleep(n);
                        return n * 2;
                    }
                }
                """, Usings + """
                class C
                {
                    async Task<int> RunAsync()
                    {
                        var x = await ComputeAsync(2) + 1;
                        return x;
                    }

                    int Compute(int n)
                    {
                        Thread.Sleep(n);
                        return n * 2;
                    }

                    async Task<int> ComputeAsync(int n)
                    {
                        await Task.Delay(n);
                        return n * 2;
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ForwardsTheHelpersCancellationToken()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    async Task RunAsync(CancellationToken token)
                    {
                        [|Wait(token)|];
                        await Task.Yield();
                    }

                    void Wait(CancellationToken cancellationToken) => Thread.Sleep(100);
                }
                """, Usings + """
                class C
                {
                    async Task RunAsync(CancellationToken token)
                    {
                        await WaitAsync(token);
                        await Task.Yield();
                    }

                    void Wait(CancellationToken cancellationToken) => Thread.Sleep(100);

                    async Task WaitAsync(CancellationToken cancellationToken) => await Task.Delay(100, cancellationToken);
                }
                """);
        }

        [Fact]
        public Task Fix_BlockingWaitsInHelpers_BecomeAwaits()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    async Task<int> RunAsync(Task<string> text)
                    {
                        await Task.Yield();
                        return [|Length(text)|];
                    }

                    int Length(Task<string> text) => text.Result.Length;
                }
                """, Usings + """
                class C
                {
                    async Task<int> RunAsync(Task<string> text)
                    {
                        await Task.Yield();
                        return await LengthAsync(text);
                    }

                    int Length(Task<string> text) => text.Result.Length;

                    async Task<int> LengthAsync(Task<string> text) => (await text).Length;
                }
                """);
        }

        [Fact]
        public Task FixInPlace_ConvertsTheChain_AndUpdatesEveryAsyncCaller()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    Task OtherAsync() { [|Step()|]; return Task.CompletedTask; }
                    void Step() => Pause();
                    void Pause() => Thread.Sleep(1);
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task RunAsync() { await StepAsync(); await Task.Yield(); }
                    async Task OtherAsync() { await StepAsync(); }
                    async Task StepAsync() => await PauseAsync();
                    async Task PauseAsync() => await Task.Delay(1);
                }
                """,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
                CodeActionIndex = 1,
                NumberOfIncrementalIterations = 1,
                NumberOfFixAllIterations = 1,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixInPlace_KeepsHelpersThatSyncCodeStillUses()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    void Sync() => Pause();
                    void Step() => Pause();
                    void Pause() => Thread.Sleep(1);
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task RunAsync() { await StepAsync(); await Task.Yield(); }
                    void Sync() => Pause();
                    async Task StepAsync() => await PauseAsync();
                    void Pause() => Thread.Sleep(1);

                    async Task PauseAsync() => await Task.Delay(1);
                }
                """,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
                CodeActionIndex = 1,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixInPlace_IsNotOfferedForPublicApi()
        {
            // Callers outside the solution may use it: only the twin variant is offered.
            var source = Usings + """
                public class C
                {
                    public async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    public void Step() => Thread.Sleep(1);
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_IsNotOfferedWhenATwinNameIsTaken()
        {
            var source = Usings + """
                class C
                {
                    async Task RunAsync() { [|Pause()|]; await Task.Yield(); }
                    void Pause() => Thread.Sleep(1);
                    void PauseAsync(int unrelated) { }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_IsNotOfferedForRefParametersOrHelpersWithLocks()
        {
            var source = Usings + """
                class C
                {
                    readonly object gate = new object();
                    async Task RunAsync(int x) { [|Bump(ref x)|]; [|Guarded()|]; await Task.Yield(); }
                    void Bump(ref int x) { Thread.Sleep(1); x++; }
                    void Guarded() { lock (gate) { Thread.Sleep(1); } }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public async Task Fix_KeepsBehaviour_WhenRun()
        {
            var original = Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        var total = Sum(3);
                        await Task.Yield();
                        Console.Write("end;");
                        return total;
                    }

                    static int Sum(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += Item(i);
                        }

                        return total;
                    }

                    static int Item(int i)
                    {
                        Thread.Sleep(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }
                }
                """;
            var fixedSource = Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        var total = await SumAsync(3);
                        await Task.Yield();
                        Console.Write("end;");
                        return total;
                    }

                    static int Sum(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += Item(i);
                        }

                        return total;
                    }

                    static async Task<int> SumAsync(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += await ItemAsync(i);
                        }

                        return total;
                    }

                    static int Item(int i)
                    {
                        Thread.Sleep(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }

                    static async Task<int> ItemAsync(int i)
                    {
                        await Task.Delay(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }
                }
                """;

            await Verify.VerifyCodeFixAsync(original.Replace("var total = Sum(3);", "var total = [|Sum(3)|];"), fixedSource);
            var outcome = await AsyncAnalyzers.Tests.Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("start;item1;item2;item3;end;<returned 14>", outcome.ToString());
        }
    }
}
