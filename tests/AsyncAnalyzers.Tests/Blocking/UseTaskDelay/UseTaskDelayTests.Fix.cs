using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseTaskDelayTests
    {
        [Fact]
        public Task InsideLock_MessageSaysToMoveItOut_AndNoFixIsOffered()
        {
            var source = Usings + "class C { async Task M(object gate) { lock (gate) { {|#0:Thread.Sleep(5)|}; } } }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0)
                .WithArguments("'C.M'", "move it out of the lock ('await' cannot be used inside 'lock'), then use 'await Task.Delay'"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("async Task M(List<int> delays) { delays.ForEach(d => {|#0:Thread.Sleep(d)|}); }")]
        [InlineData("async Task M(List<int> delays) { var n = delays.Count(d => { {|#0:Thread.Sleep(d)|}; return true; }); }")]
        public Task Sleep_InSyncLambdaThatRunsInline_IsReportedWithoutAFix(string member)
        {
            var source = "using System.Collections.Generic;\nusing System.Linq;\n" + Usings + "class C { " + member + " }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("'C.M'", "use 'await Task.Delay' instead"));
            test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("'C.M'", "use 'await Task.Delay' instead"));
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_IntOverload_KeepsTrivia()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M()
                    {
                        // wait for the device
                        [|Thread.Sleep(250)|]; // quarter second
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task M()
                    {
                        // wait for the device
                        await Task.Delay(250); // quarter second
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_TimeSpanOverload_NamedArgument()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M() { [|Thread.Sleep(timeout: TimeSpan.FromSeconds(2))|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task M() { await Task.Delay(TimeSpan.FromSeconds(2)); }
                }
                """);
        }

        [Fact]
        public Task Fix_AddsUsingWhenMissing()
        {
            return Verify.VerifyCodeFixAsync(
                """
                class C
                {
                    async System.Threading.Tasks.Task M() { [|System.Threading.Thread.Sleep(10)|]; }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    async System.Threading.Tasks.Task M() { await Task.Delay(10); }
                }
                """);
        }

        [Fact]
        public Task Fix_ForwardsCancellationToken_WhenChosen()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(CancellationToken cancellationToken) { [|Thread.Sleep(10)|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task M(CancellationToken cancellationToken) { await Task.Delay(10, cancellationToken); }
                }
                """,
                UseTaskDelayFixer.DelayWithTokenKey);
        }

        [Fact]
        public Task Fix_WithoutToken_WhenChosen()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(CancellationToken cancellationToken) { [|Thread.Sleep(10)|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task M(CancellationToken cancellationToken) { await Task.Delay(10); }
                }
                """,
                UseTaskDelayFixer.DelayKey);
        }

        [Fact]
        public Task Fix_SeveralTokensInScope_PrefersTheInnermostFunctionsParameter()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(CancellationToken a)
                    {
                        var b = CancellationToken.None;
                        Func<CancellationToken, Task> f = async c => { [|Thread.Sleep(10)|]; };
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task M(CancellationToken a)
                    {
                        var b = CancellationToken.None;
                        Func<CancellationToken, Task> f = async c => { await Task.Delay(10, c); };
                    }
                }
                """,
                UseTaskDelayFixer.DelayWithTokenKey);
        }

        [Fact]
        public Task Fix_AmbiguousTokens_OnlyThePlainDelayIsOffered()
        {
            // With no single token to forward, the plain delay is the one action, under the key Fix All uses.
            var source = Usings + """
                class C
                {
                    async Task M(CancellationToken a, CancellationToken b) { [|Thread.Sleep(10)|]; }
                }
                """;
            var fixedSource = Usings + """
                class C
                {
                    async Task M(CancellationToken a, CancellationToken b) { await Task.Delay(10); }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, UseTaskDelayFixer.DelayWithTokenKey);
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    public Task SaveAsync(bool skip)
                    {
                        if (skip)
                            return Task.CompletedTask;
                        [|Thread.Sleep(10)|];
                        return WriteAsync();
                    }

                    static Task WriteAsync() => Task.CompletedTask;
                }
                """,
                Usings + """
                class C
                {
                    public async Task SaveAsync(bool skip)
                    {
                        if (skip)
                            return;
                        await Task.Delay(10);
                        await WriteAsync();
                    }

                    static Task WriteAsync() => Task.CompletedTask;
                }
                """);
        }

        [Fact]
        public Task Fix_GenericTaskReturningMethod_UnwrapsFromResultAndAwaitsTasks()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<int> CountAsync(bool cached)
                    {
                        [|Thread.Sleep(10)|];
                        if (cached)
                        {
                            return Task.FromResult(1);
                        }

                        return LoadAsync();
                    }

                    static Task<int> LoadAsync() => Task.FromResult(2);
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> CountAsync(bool cached)
                    {
                        await Task.Delay(10);
                        if (cached)
                        {
                            return 1;
                        }

                        return await LoadAsync();
                    }

                    static Task<int> LoadAsync() => Task.FromResult(2);
                }
                """);
        }

        [Fact]
        public Task Fix_ReturnInTheMiddleOfATaskMethod_AwaitsThenReturns()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task RunAsync(int mode)
                    {
                        [|Thread.Sleep(10)|];
                        if (mode == 1)
                            return Task.Delay(1);
                        if (mode == 2)
                        {
                            return Task.Delay(2);
                        }
                        return Task.CompletedTask;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task RunAsync(int mode)
                    {
                        await Task.Delay(10);
                        if (mode == 1)
                        {
                            await Task.Delay(1);
                            return;
                        }
                        if (mode == 2)
                        {
                            await Task.Delay(2);
                            return;
                        }
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_TaskReturningLambda_BecomesAsyncLambda()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Func<Task> Make() => () =>
                    {
                        [|Thread.Sleep(10)|];
                        return Task.CompletedTask;
                    };
                }
                """,
                Usings + """
                class C
                {
                    Func<Task> Make() => async () =>
                    {
                        await Task.Delay(10);
                    };
                }
                """);
        }

        [Fact]
        public Task Fix_TaskReturningLocalFunction_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void M()
                    {
                        Task<string> Local()
                        {
                            [|Thread.Sleep(10)|];
                            return Task.FromResult("done");
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    void M()
                    {
                        async Task<string> Local()
                        {
                            await Task.Delay(10);
                            return "done";
                        }
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_AsyncExpressionLambda()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Func<Task> f = async () => [|Thread.Sleep(10)|];
                }
                """,
                Usings + """
                class C
                {
                    Func<Task> f = async () => await Task.Delay(10);
                }
                """);
        }

        [Fact]
        public Task Fix_NotOfferedInsideLock()
        {
            var source = Usings + """
                class C
                {
                    readonly object gate = new object();
                    async Task M()
                    {
                        lock (gate)
                        {
                            [|Thread.Sleep(10)|];
                        }
                        await Task.Yield();
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NotOfferedForTaskReturningMethodThatReturnsNull()
        {
            var source = Usings + """
                class C
                {
                    Task M()
                    {
                        [|Thread.Sleep(10)|];
                        return null;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NotOfferedForTaskReturningMethodWithSpanLocal()
        {
            var source = Usings + """
                class C
                {
                    Task M()
                    {
                        Span<int> buffer = stackalloc int[4];
                        [|Thread.Sleep(buffer[0])|];
                        return Task.CompletedTask;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }
    }
}
