using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public class UseTaskDelayTests
    {
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("async Task M() { {|#0:Thread.Sleep(100)|}; }", "'C.M'")]
        [InlineData("async Task<int> M() { {|#0:Thread.Sleep(100)|}; return 1; }", "'C.M'")]
        [InlineData("async ValueTask M() { {|#0:Thread.Sleep(100)|}; }", "'C.M'")]
        [InlineData("async ValueTask<int> M() { {|#0:Thread.Sleep(100)|}; return 1; }", "'C.M'")]
        [InlineData("async void OnClick(object sender, EventArgs e) { {|#0:Thread.Sleep(100)|}; }", "'C.OnClick'")]
        [InlineData("async System.Collections.Generic.IAsyncEnumerable<int> M() { {|#0:Thread.Sleep(100)|}; yield return 1; await Task.Yield(); }", "'C.M'")]
        [InlineData("Task M() { {|#0:Thread.Sleep(100)|}; return Task.CompletedTask; }", "'C.M'")]
        [InlineData("ValueTask<int> M() { {|#0:Thread.Sleep(100)|}; return new ValueTask<int>(1); }", "'C.M'")]
        [InlineData("void M() { Func<Task> f = async () => {|#0:Thread.Sleep(100)|}; }", "the lambda in 'C.M'")]
        [InlineData("void M() { Func<Task> f = async delegate { {|#0:Thread.Sleep(100)|}; }; }", "the lambda in 'C.M'")]
        [InlineData("void M() { async Task Local() { {|#0:Thread.Sleep(100)|}; } }", "'Local'")]
        [InlineData("void M() { Task.Run(async () => { {|#0:Thread.Sleep(100)|}; }); }", "the lambda in 'C.M'")]
        [InlineData("void M() { Func<Task> f = () => { {|#0:Thread.Sleep(100)|}; return Task.CompletedTask; }; }", "the lambda in 'C.M'")]
        [InlineData("async Task M() { {|#0:Thread.Sleep(TimeSpan.FromSeconds(1))|}; }", "'C.M'")]
        [InlineData("async Task M() { {|#0:Thread.Sleep(Timeout.Infinite)|}; }", "'C.M'")]
        [InlineData("async Task M(int ms) { {|#0:Thread.Sleep(ms)|}; }", "'C.M'")]
        [InlineData("static async Task Main() { {|#0:Thread.Sleep(1)|}; }", "'C.Main'")]
        public Task Sleep_OnAsyncPath_IsReported(string member, string owner)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments(owner, "use 'await Task.Delay' instead"));
        }

        [Fact]
        public Task InsideLock_MessageSaysToMoveItOut_AndNoFixIsOffered()
        {
            var source = Usings + "class C { async Task M(object gate) { lock (gate) { {|#0:Thread.Sleep(5)|}; } } }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0)
                .WithArguments("'C.M'", "move it out of the lock ('await' cannot be used inside 'lock'), then use 'await Task.Delay'"));
            return test.RunAsync();
        }

        [Fact]
        public Task SleepInADelegateHandedToACatchFilter_IsNotReported()
        {
            var source = Usings + "class C { async Task M() { try { await Task.Yield(); } catch (Exception e) when (Log(e, () => Thread.Sleep(5))) { } } static bool Log(Exception e, Action a) => false; }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Message_NamesTheAsyncFunction()
        {
            var source = Usings + "class Worker { async Task RunAsync() { {|#0:Thread.Sleep(5)|}; } }";
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("'Worker.RunAsync'", "use 'await Task.Delay' instead"));
        }

        [Fact]
        public Task TopLevelStatementsThatAwait_AreReported()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "{|#0:Thread.Sleep(10)|};\nawait Task.Yield();\n",
                FixedCode = Usings + "await Task.Delay(10);\nawait Task.Yield();\n",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("top-level statements", "use 'await Task.Delay' instead"));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("void M() { Thread.Sleep(100); }")]
        [InlineData("int M() { Thread.Sleep(100); return 1; }")]
        [InlineData("C() { Thread.Sleep(100); }")]
        [InlineData("static void Main() { Thread.Sleep(100); }")]
        [InlineData("async Task M() { Thread.Sleep(0); }")]
        [InlineData("async Task M() { Thread.Sleep(TimeSpan.Zero); }")]
        [InlineData("async Task M() { await Task.Run(() => Thread.Sleep(100)); }")]
        [InlineData("async Task M() { await Task.Run(() => { Thread.Sleep(100); return Task.CompletedTask; }); }")]
        [InlineData("async Task M() { await Task.Factory.StartNew(() => Thread.Sleep(100)); }")]
        [InlineData("async Task M() { new Thread(() => Thread.Sleep(100)).Start(); }")]
        [InlineData("async Task M() { ThreadPool.QueueUserWorkItem(_ => Thread.Sleep(100)); }")]
        [InlineData("async Task M() { using var t = new Timer(_ => Thread.Sleep(100)); }")]
        [InlineData("async Task M() { Action a = () => Thread.Sleep(100); }")]
        [InlineData("async Task M() { void Local() => Thread.Sleep(100); }")]
        [InlineData("async Task M() { System.Linq.Expressions.Expression<Action> e = () => Thread.Sleep(100); }")]
        [InlineData("async Task M() { var name = nameof(Thread.Sleep); }")]
        [InlineData("async Task M() { Sleep(100); } static void Sleep(int ms) { }")]
        public Task Sleep_NotOnAsyncPath_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
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
        public Task SyncTopLevelStatements_AreNotReported()
        {
            var test = new Verify.Test { TestCode = Usings + "Thread.Sleep(10);\nConsole.WriteLine();\n" };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task AUserTypeNamedThread_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                static class Thread { public static void Sleep(int ms) { } }
                class C { async Task M() { Thread.Sleep(100); } }
                """);
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("""
                // <auto-generated/>
                using System.Threading;
                using System.Threading.Tasks;
                class C { async Task M() { Thread.Sleep(100); } }
                """);
        }

        [Fact]
        public Task FileMarkedGeneratedInEditorConfig_IsNotReported()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;
                    class C { async Task M() { Thread.Sleep(100); } }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ngenerated_code = true\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task IncompleteCode_DoesNotCrash()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M() { Thread.Sleep(); Thread.Sleep(1, 2); Thread.Sleep(\"x\"); Undefined.Sleep(1); {|#0:Thread.Sleep(1|}",
            };
            // A call still being typed binds already, and is reported like a finished one.
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("'C.M'", "use 'await Task.Delay' instead"));
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- fixes

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

        [Fact]
        public Task FixAll_SeveralSleepsInOneTaskMethod_MakeItAsyncOnce()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    Task<int> M()
                    {
                        [|Thread.Sleep(1)|];
                        [|Thread.Sleep(2)|];
                        return Task.FromResult(3);
                    }

                    async Task N()
                    {
                        [|Thread.Sleep(4)|];
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task<int> M()
                    {
                        await Task.Delay(1);
                        await Task.Delay(2);
                        return 3;
                    }

                    async Task N()
                    {
                        await Task.Delay(4);
                    }
                }
                """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_AcrossDocuments()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "class A { async Task M() { [|Thread.Sleep(1)|]; } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "class B { Task M() { [|Thread.Sleep(2)|]; return Task.CompletedTask; } }"));
            test.FixedState.Sources.Add(("A.cs", Usings + "class A { async Task M() { await Task.Delay(1); } }"));
            test.FixedState.Sources.Add(("B.cs", Usings + "class B { async Task M() { await Task.Delay(2); } }"));
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_AcrossProjects_Compiles()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "public class A { public Task<int> M() { [|Thread.Sleep(1)|]; return Task.FromResult(1); } }"));
            test.TestState.AdditionalProjects["Other"].Sources.Add(("B.cs", Usings + "class B { async Task M(A a) { [|Thread.Sleep(2)|]; await a.M(); } }"));
            test.TestState.AdditionalProjects["Other"].AdditionalProjectReferences.Add("TestProject");
            test.FixedState.Sources.Add(("A.cs", Usings + "public class A { public async Task<int> M() { await Task.Delay(1); return 1; } }"));
            test.FixedState.AdditionalProjects["Other"].Sources.Add(("B.cs", Usings + "class B { async Task M(A a) { await Task.Delay(2); await a.M(); } }"));
            test.FixedState.AdditionalProjects["Other"].AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }
    }
}
