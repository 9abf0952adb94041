using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertContinueWithToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertContinueWithToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public class ConvertContinueWithToAwaitTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string Helpers = """

                static Task<string> LoadAsync() => Task.Run(() => " report ");
                static async Task<string> FailAsync() { await Task.Yield(); throw new InvalidOperationException("load failed"); }
                static Task SaveAsync(string text) => Task.Run(() => Console.Write("[saved " + text.Trim() + "]"));
            """;

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ConvertContinueWithToAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("Task<int> M(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|};", "ContinueWith")]
        [InlineData("async Task M(ValueTask<int> t) { await t.AsTask().{|#0:ContinueWith(x => x.Result)|}; }", "ContinueWith")]
        [InlineData("void M() { Func<Task<int>, Task<int>> f = t => t.{|#0:ContinueWith(x => x.Result * 2)|}; }", "ContinueWith")]
        [InlineData("void M() { Task<int> Local(Task<int> t) => t.{|#0:ContinueWith(x => x.Result * 2)|}; }", "ContinueWith")]
        [InlineData("Task<int> M(Task<string> t) => t.{|#0:ContinueWith(_ => 0)|};", "ContinueWith")]
        [InlineData("Task<int> M(Task<int>[] ts) => Task.Factory.{|#0:ContinueWhenAll(ts, all => all.Length)|}.ContinueWith(x => x.Result + 1);", "ContinueWhenAll")]
        [InlineData("Task M(Task t) => t.{|#0:ContinueWith(_ => { })|};", "ContinueWith")]
        [InlineData("Task<int> M(Task<int>[] ts) => Task.Factory.{|#0:ContinueWhenAll(ts, all => all.Length)|};", "ContinueWhenAll")]
        [InlineData("Task<int> M(Task<int>[] ts) => Task.Factory.{|#0:ContinueWhenAny(ts, first => first.Result)|};", "ContinueWhenAny")]
        [InlineData("Task<int> M(Task<int>[] ts) => new TaskFactory<int>().{|#0:ContinueWhenAll(ts, all => all.Length)|};", "ContinueWhenAll")]
        [InlineData("Task<int> M(Task<string> t) => t.{|#0:ContinueWith(x => x.Result.Length, TaskContinuationOptions.DenyChildAttach)|};", "ContinueWith")]
        [InlineData("Task<int> M(Task<string> t) => t.{|#0:ContinueWith(x => x.Result.Length, TaskContinuationOptions.PreferFairness | TaskContinuationOptions.ExecuteSynchronously)|};", "ContinueWith")]
        [InlineData("Task<int> M(Task<string> t) => t.{|#0:ContinueWith(x => x.Result.Length, TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.NotOnCanceled)|};", "ContinueWith")]
        public Task Continuation_IsReported(string member, string method)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ConvertContinueWithToAwait).WithLocation(0).WithArguments(method));
        }

        [Theory]
        [InlineData("Task<int> M(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|}.ContinueWith(x => x.Result * 2).ContinueWith(x => x.Result - 3);")]
        public Task Chain_IsReportedOnceOnItsFirstCall(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ConvertContinueWithToAwait).WithLocation(0).WithArguments(member.Contains("ContinueWhenAll") ? "ContinueWhenAll" : "ContinueWith"));
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("async Task<int> M(Task<int> t) => await t + 1;")]
        [InlineData("Task<int> M(Task<int> t) => t;")]
        [InlineData("Task M(Task<Task> t) => t.Unwrap();")]
        [InlineData("Task M() => Task.Factory.StartNew(() => { });")]
        [InlineData("Task<int> M(Task<int>[] ts) => Task.WhenAny(ts).Unwrap();")]
        [InlineData("Task M(Task[] ts) => Task.WhenAll(ts);")]
        [InlineData("string M() => nameof(Task.ContinueWith);")]
        [InlineData("Task<int> M() { var source = new TaskCompletionSource<int>(); source.SetResult(1); return source.Task; }")]
        [InlineData("void M(Task t) { t.GetAwaiter().GetResult(); }")]
        [InlineData("void M(Action<Task> a) { a(Task.CompletedTask); }")]
        [InlineData("async Task M(Task t) { await t.ConfigureAwait(false); }")]
        [InlineData("void M(Task t) { t.Wait(); }")]
        [InlineData("Task M() => Task.Factory.StartNew(() => Task.Delay(1)).Unwrap();")]
        [InlineData("void M() { var task = new Task(() => { }); task.Start(); }")]
        [InlineData("Task<int> M(System.IO.Stream s, byte[] b) => Task.Factory.FromAsync(s.BeginRead, s.EndRead, b, 0, 1, null);")]
        [InlineData("Task<int> M(Task<int> t) => t.IsCompletedSuccessfully ? t : Task.FromResult(0);")]
        [InlineData("void M(Task t) { var status = t.Status; }")]
        [InlineData("Task M(Task t, CancellationToken ct) => t.WaitAsync(ct);")]
        [InlineData("void M(Func<Task, int> continuation, Task t) { var r = continuation(t); }")]
        [InlineData("Task M(Task t) => Task.WhenAny(t, Task.Delay(100));")]
        [InlineData("Task<int> M() => Task.Run(() => 1);")]
        [InlineData("async Task<int> M(Task<int> a, Task<int> b) => await a + await b;")]
        [InlineData("void M(TaskCompletionSource<int> source) { source.TrySetCanceled(); }")]
        [InlineData("Task M(Task t) => Task.WhenAll(t, Task.Delay(1));")]
        [InlineData("bool M(Task t) => t.IsFaulted || t.IsCanceled;")]
        [InlineData("Task<int> M(Task<int> t) => t.ConfigureAwait(false).GetAwaiter().IsCompleted ? t : t;")]
        [InlineData("void M(Task t) { var e = t.Exception; }")]
        [InlineData("Task M(Func<Task> f) => f();")]
        [InlineData("async Task M(Task t) { try { await t; } catch (OperationCanceledException) { } }")]
        [InlineData("Task<string> M(Task<int> t) => t.ContinueWithNothing();")]
        [InlineData("ValueTask<int> M() => new ValueTask<int>(1);")]
        [InlineData("void M(CancellationTokenSource cts) { cts.Cancel(); }")]
        [InlineData("Task M(Task t) => Task.Delay(10).WaitAsync(TimeSpan.FromSeconds(1));")]
        public Task OtherTaskCode_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }\nstatic class E { public static Task<string> ContinueWithNothing(this Task<int> t) => Task.FromResult(\"\"); }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AUserMethodNamedContinueWith_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Job { public Job ContinueWith(Func<Job, int> next) => this; }
                static class JobExtensions { public static Task ContinueWith(this Task t, Action a) => t; }
                class C
                {
                    void M(Job job, Task t)
                    {
                        job.ContinueWith(j => 1).ContinueWith(j => 2);
                        t.ContinueWith(() => { });
                    }
                }
                """);
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Usings + "class C { Task<int> M(Task<int> t) => t.ContinueWith(x => x.Result); }");
        }

        [Fact]
        public Task IncompleteCode_DoesNotCrash()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { void M(Task<int> t) { t.ContinueWith(); t.ContinueWith(x => ); Task.Factory.ContinueWhenAll(); t.ContinueWith(",
            };
            // A lambda still being typed binds already; planning its rewrite on half-typed code finds none, without crashing.
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_ReturnedContinuation_BecomesAwaitInTheExpression()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        Console.Write("start;");
                        return LoadAsync().[|ContinueWith(t => t.Result.Trim().Length)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        return (await LoadAsync()).Trim().Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ExpressionBodiedMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main() => LoadAsync().[|ContinueWith(t => t.Result.Length * 2)|];
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main() => (await LoadAsync()).Length * 2;
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_Chain_BecomesOneExpressionInOrder()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync()
                            .[|ContinueWith(t => t.Result.Trim())|]
                            .ContinueWith(t => t.Result.Length);
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        return (await LoadAsync()).Trim().Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Theory]
        [InlineData(
            "Func<Task<int>> count = () => LoadAsync().[|ContinueWith(t => t.Result.Length)|];",
            "Func<Task<int>> count = async () => (await LoadAsync()).Length;")]
        [InlineData(
            "Func<Task<int>> count = async () => await LoadAsync().[|ContinueWith(t => t.Result.Length)|];",
            "Func<Task<int>> count = async () => (await LoadAsync()).Length;")]
        [InlineData(
            "Task<int> Count() { return LoadAsync().[|ContinueWith(t => t.Result.Length)|]; } var count = Count;",
            "async Task<int> Count() { return (await LoadAsync()).Length; } var count = Count;")]
        [InlineData(
            "Func<Task<int>> count = delegate { return LoadAsync().[|ContinueWith(t => t.Result.Length)|]; };",
            "Func<Task<int>> count = async delegate { return (await LoadAsync()).Length; };")]
        public Task Fix_InLambdaAndLocalFunction(string before, string after)
        {
            const string Shell = """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        BODY
                        return count();
                    }
                """;
            return VerifyFixAndBehaviourAsync(
                Usings + Shell.Replace("BODY", before) + Helpers + "\n}\n",
                Usings + Shell.Replace("BODY", after) + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_OtherReturnsOfTheMethod_AreRewrittenToo()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<int> CountAsync(Task<string> text, bool skip)
                    {
                        if (skip)
                            return Task.FromResult(0);
                        return text.[|ContinueWith(t => t.Result.Length)|];
                    }

                    Task LogAsync(Task<string> text, bool quiet)
                    {
                        if (!quiet)
                        {
                            return text.[|ContinueWith(t =>
                            {
                                var length = t.Result.Length;
                                Console.WriteLine(length);
                            })|];
                        }

                        Console.WriteLine("quiet");
                        return Task.CompletedTask;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> CountAsync(Task<string> text, bool skip)
                    {
                        if (skip)
                            return 0;
                        return (await text).Length;
                    }

                    async Task LogAsync(Task<string> text, bool quiet)
                    {
                        if (!quiet)
                        {
                            var length = (await text).Length;
                            Console.WriteLine(length);
                            return;
                        }

                        Console.WriteLine("quiet");
                    }
                }
                """,
                ConvertContinueWithToAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_BlockContinuation_IsInlinedAfterTheAwait()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        Console.Write("loading;");
                        return LoadAsync().[|ContinueWith(t =>
                        {
                            var text = t.Result.Trim();
                            Console.Write("loaded " + text + ";");
                            return text.Length;
                        })|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("loading;");
                        var text = (await LoadAsync()).Trim();
                        Console.Write("loaded " + text + ";");
                        return text.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_SeveralResultReads_AwaitOnceIntoALocal()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<string> Main()
                    {
                        return LoadAsync().[|ContinueWith(t => t.Result.Trim() + "/" + t.Result.Length)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var result = await LoadAsync();
                        return result.Trim() + "/" + result.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_UnwrappedTaskReturningContinuation()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task Main()
                    {
                        return LoadAsync().[|ContinueWith(t => SaveAsync(t.Result))|].Unwrap();
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        await SaveAsync(await LoadAsync());
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_AsyncContinuationWithUnwrap()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync().[|ContinueWith(async t =>
                        {
                            var text = t.Result;
                            await SaveAsync(text);
                            return text.Length;
                        })|].Unwrap();
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var text = await LoadAsync();
                        await SaveAsync(text);
                        return text.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_AwaitedChainInAsyncMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var length = await LoadAsync().[|ContinueWith(t => t.Result.Length)|];
                        Console.Write(length);
                        await LoadAsync().[|ContinueWith(t => Console.Write(";" + t.Result.Trim()))|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var length = (await LoadAsync()).Length;
                        Console.Write(length);
                        Console.Write(";" + (await LoadAsync()).Trim());
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ContinuationIgnoringItsTask_WaitsWithoutThrowing()
        {
            // ContinueWith runs the continuation whatever the outcome: the save fails, "done" is printed all the same.
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        await Task.Run(() => throw new InvalidOperationException("save failed")).[|ContinueWith(_ => Console.Write("done"))|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        await Task.Run(() => throw new InvalidOperationException("save failed")).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        Console.Write("done");
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ContinuationIgnoringItsTask_NetStandard20_WaitsInTryCatch()
        {
            // No ConfigureAwaitOptions before .NET 8: the catch-all swallows exactly what the ignored outcome could be.
            var test = new Verify.Test
            {
                ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.NetStandard.NetStandard20,
                TestCode = Usings + """
                    class C
                    {
                        Task Close(Task pending) => pending.[|ContinueWith(_ => Console.Write("closed"))|];
                    }
                    """,
                FixedCode = Usings + """
                    class C
                    {
                        async Task Close(Task pending)
                        {
                            try
                            {
                                await pending;
                            }
                            catch
                            {
                            }

                            Console.Write("closed");
                        }
                    }
                    """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task LaterLinkIgnoringItsTask_NetStandard20_IsNotReported()
        {
            // Only the first link can wait without throwing: a failure of the first continuation skipped nothing before.
            var test = new Verify.Test
            {
                ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.NetStandard.NetStandard20,
                TestCode = Usings + """
                    class C
                    {
                        Task Close(Task<int> pending) => pending.ContinueWith(t => t.Result + 1).ContinueWith(_ => Console.Write("closed"));
                    }
                    """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task ContinuationIgnoringItsTaskInsideLock_NetStandard20_IsNotReported()
        {
            var test = new Verify.Test
            {
                ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.NetStandard.NetStandard20,
                TestCode = Usings + """
                    class C
                    {
                        readonly object gate = new object();

                        void Close(Task pending)
                        {
                            lock (gate)
                            {
                                pending.ContinueWith(_ => Console.Write("closed"));
                            }
                        }
                    }
                    """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_NotOnCanceledReadingResult_CancelsLikeTheAwait()
        {
            // A cancelled antecedent cancelled the continuation's task; the await throws TaskCanceledException, which
            // cancels the async method's task: the caller sees the same.
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await Measure(LoadAsync()) + ";");
                        await Measure(Task.FromCanceled<string>(new CancellationToken(true)));
                    }

                    static Task<int> Measure(Task<string> text)
                    {
                        return text.[|ContinueWith(t => t.Result.Trim().Length, TaskContinuationOptions.NotOnCanceled)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await Measure(LoadAsync()) + ";");
                        await Measure(Task.FromCanceled<string>(new CancellationToken(true)));
                    }

                    static async Task<int> Measure(Task<string> text)
                    {
                        return (await text).Trim().Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ExecuteSynchronously_IsKept()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync().[|ContinueWith(t => t.Result.Length, TaskContinuationOptions.ExecuteSynchronously)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        return (await LoadAsync()).Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ContinueWhenAll_BecomesWhenAll()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        var parts = new[] { Task.Run(() => 1), Task.Run(() => 2), Task.Run(() => 3) };
                        return Task.Factory.[|ContinueWhenAll(parts, done => done.Sum(p => p.Result))|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var parts = new[] { Task.Run(() => 1), Task.Run(() => 2), Task.Run(() => 3) };
                        await ((Task)Task.WhenAll(parts)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        return parts.Sum(p => p.Result);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ContinueWhenAny_BecomesWhenAny()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<string> Main()
                    {
                        var mirrors = new[] { LoadAsync(), Task.Run(async () => { await Task.Delay(5000); return "slow"; }) };
                        return Task.Factory.[|ContinueWhenAny(mirrors, winner => winner.Result.Trim())|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var mirrors = new[] { LoadAsync(), Task.Run(async () => { await Task.Delay(5000); return "slow"; }) };
                        var winner = await Task.WhenAny(mirrors);
                        return winner.Result.Trim();
                    }
                """ + Helpers + "\n}\n");
        }

        [Theory]
        [InlineData("LoadAsync")]
        [InlineData("FailAsync")]
        public Task Fix_IsFaultedTernary_BecomesTryCatch(string load)
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        var pending = LOAD();
                        return pending.[|ContinueWith(t => t.IsFaulted ? -1 : t.Result.Length)|];
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var pending = LOAD();
                        string result;
                        try
                        {
                            result = await pending;
                        }
                        catch (Exception exception) when (!(exception is OperationCanceledException))
                        {
                            return -1;
                        }

                        return result.Length;
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n");
        }

        [Theory]
        // A failed task: Result threw an AggregateException, await the inner one (the documented difference, see below).
        [InlineData("LoadAsync()")]
        [InlineData("Task.FromCanceled<string>(new CancellationToken(true))")]
        public Task Fix_IsCanceledTernary_CatchesOperationCanceled(string load)
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        var pending = LOAD;
                        return pending.[|ContinueWith(t => t.IsCanceled ? -1 : t.Result.Length)|];
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var pending = LOAD;
                        string result;
                        try
                        {
                            result = await pending;
                        }
                        catch (OperationCanceledException)
                        {
                            return -1;
                        }

                        return result.Length;
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n");
        }

        [Theory]
        [InlineData("LoadAsync")]
        [InlineData("FailAsync")]
        public Task Fix_IsFaultedBranch_ReadsTheInnerExceptionInTheCatch(string load)
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<string> Main()
                    {
                        var pending = LOAD();
                        return pending.[|ContinueWith(t =>
                        {
                            if (t.IsFaulted)
                            {
                                Console.Write("failed: " + t.Exception!.InnerException!.Message);
                                return "";
                            }

                            var text = t.Result.Trim();
                            Console.Write("loaded;");
                            return text;
                        })|];
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var pending = LOAD();
                        string result;
                        try
                        {
                            result = await pending;
                        }
                        catch (Exception exception) when (!(exception is OperationCanceledException))
                        {
                            Console.Write("failed: " + exception.Message);
                            return "";
                        }

                        var text = result.Trim();
                        Console.Write("loaded;");
                        return text;
                    }
                """.Replace("LOAD", load) + Helpers + "\n}\n");
        }

        [Fact]
        public async Task Fix_FaultedAntecedent_CallerSeesTheInnerException()
        {
            // Documented difference: Result wraps the failure in an AggregateException, await rethrows it as it is.
            var original = Usings + """
                public static class Program
                {
                    public static Task<int> Main() => FailAsync().ContinueWith(t => t.Result.Length);
                """ + Helpers + "\n}\n";
            var fixedSource = Usings + """
                public static class Program
                {
                    public static async Task<int> Main() => (await FailAsync()).Length;
                """ + Helpers + "\n}\n";
            await Verify.VerifyCodeFixAsync(original.Replace(".ContinueWith(t => t.Result.Length)", ".[|ContinueWith(t => t.Result.Length)|]"), fixedSource);
            var before = await ExecutionVerifier.RunAsync(original);
            var after = await ExecutionVerifier.RunAsync(fixedSource);
            Assert.Equal("System.AggregateException", before.ExceptionType);
            Assert.Equal("System.InvalidOperationException", after.ExceptionType);
            Assert.Equal("load failed", after.ExceptionMessage);
        }

        [Fact]
        public Task FixAll_TwoChainsInOneMethod_GetDistinctNames()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var a = await LoadAsync().[|ContinueWith(t => t.Result.Trim() + t.Result.Length)|];
                        var b = await LoadAsync().[|ContinueWith(t => t.Result.Length + t.Result.Trim())|];
                        return a + b;
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var result = await LoadAsync();
                        var a = result.Trim() + result.Length;
                        var result2 = await LoadAsync();
                        var b = result2.Length + result2.Trim();
                        return a + b;
                    }
                """ + Helpers + "\n}\n");
        }

        // ---------------------------------------------------------------- reported without a fix

        [Theory]
        [InlineData("void M(Task<string> t) { t.ContinueWith(x => Console.WriteLine(x.Result)); }")]
        [InlineData("Task M(Task<string> t) { var next = t.ContinueWith(x => Console.WriteLine(x.Result)); return next; }")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskContinuationOptions.OnlyOnRanToCompletion);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskContinuationOptions.NotOnFaulted);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskContinuationOptions.NotOnCanceled | TaskContinuationOptions.NotOnFaulted);")]
        [InlineData("Task M(Task t) => t.ContinueWith(_ => Console.WriteLine(), TaskContinuationOptions.NotOnCanceled);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskContinuationOptions.HideScheduler);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskContinuationOptions.RunContinuationsAsynchronously);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length, TaskScheduler.FromCurrentSynchronizationContext());")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith((x, state) => x.Result.Length + (int)state!, 1);")]
        [InlineData("Task<int> M(Task<string> t, CancellationToken c) => t.ContinueWith(x => x.Result.Length, c);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.IsFaulted ? -1 : x.Result.Length);")]
        [InlineData("Task<int> M(Task<string> t) { return t.ContinueWith(x => x.IsCanceled ? x.Status.GetHashCode() : x.Result.Length); }")]
        [InlineData("Task<int> M(Task<string> t) { return t.ContinueWith(x => x.Status == TaskStatus.Canceled ? -1 : x.Result.Length); }")]
        [InlineData("Task<int> M(Task<string> t) { return t.ContinueWith(x => x.IsFaulted ? x.Exception!.Message.Length : x.Result.Length); }")]
        [InlineData("Task<int> M(Task<string> t) { return t.ContinueWith(x => x.IsFaulted ? -1 : 0); }")]
        [InlineData("Task<int> M(Task<string> t) { return t.ContinueWith(x => { if (x.IsFaulted) Console.WriteLine(); return x.Result.Length; }); }")]
        [InlineData("Task<int> M(Func<Task<string>> load) { return load().ContinueWith(x => x.IsFaulted ? -1 : x.Result.Length); }")]
        [InlineData("Task M(Task t) { return t.ContinueWith(x => { if (x.IsFaulted) Console.WriteLine(x.Exception!.InnerException); else Console.WriteLine(); }); }")]
        [InlineData("Task<string> M(Task<string> t) => t.ContinueWith(x => x.Exception?.InnerException?.Message ?? x.Result);")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => { Console.WriteLine(\"done\"); return x.Result.Length; });")]
        [InlineData("Task<int> M(Task<string> t, bool b) => t.ContinueWith(x => b ? x.Result.Length : 0);")]
        [InlineData("Task<Task> M(Task<string> t) => t.ContinueWith(x => Task.Delay(x.Result.Length));")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(Measure); static int Measure(Task<string> x) => x.Result.Length;")]
        [InlineData("Task<int> M(Task<string> t) => t.ContinueWith(x => x.Result.Length).ContinueWith(_ => 0);")]
        [InlineData("Task<int> M(Task<string> t) { var length = 0; return t.ContinueWith(x => { var length = x.Result.Length; return length; }); }")]
        [InlineData("Task<int> M(Task<int>[] ts) => Task.Factory.ContinueWhenAll(ts.ToArray(), all => all.Length);")]
        [InlineData("Task M(Task<string> t) => t.ContinueWith(x => x.Result.Length);")]
        [InlineData("System.Collections.Generic.IEnumerable<Task<int>> M(Task<string> t) { yield return t.ContinueWith(x => x.Result.Length); }")]
        [InlineData("async Task M(Task<string> t) { lock (this) { } await t.ContinueWith(x => x.Result.Length).ConfigureAwait(false); }")]
        [InlineData("async Task M(Task<int> t) { await t.ContinueWith(x => x.Result, TaskScheduler.Default); }")]
        [InlineData("void M(Task t) { t.ContinueWith(_ => Console.WriteLine()); }")]
        [InlineData("Task M(Task<int> t) => t.ContinueWith(x => Task.Delay(x.Result)).Unwrap().ContinueWith(_ => Console.WriteLine());")]
        public Task ShapeWithoutSafeRewrite_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        // ---------------------------------------------------------------- sync contracts, fire-and-forget, schedulers

        private const string PipeTo = "static class Pipes { public static void PipeTo<T>(this Task<T> task, object target) { } }";

        [Theory]
        [InlineData("class C { void Handle(Task<int> t) { t.ContinueWith(x => x.Result + 1).PipeTo(this); } } " + PipeTo)]
        [InlineData("class C { void Handle(Task<int> t) { t.ContinueWith(x => x.Result + 1, TaskContinuationOptions.ExecuteSynchronously).PipeTo(this); } } " + PipeTo)]
        [InlineData("class C { void M(Task<int> t) { _ = t.ContinueWith(x => Console.WriteLine(x.Result)); } }")]
        [InlineData("class C { async Task M(Task<int> t) {\n#pragma warning disable CS4014\nt.ContinueWith(x => Console.WriteLine(x.Result));\n#pragma warning restore CS4014\nawait Task.Yield(); } }")]
        [InlineData("class C { Task? pending; void M(Task<int> t) { pending = t.ContinueWith(x => Console.WriteLine(x.Result)); } }")]
        [InlineData("class C { Task<int> M(Task<int> t, TaskScheduler scheduler) => t.ContinueWith(x => x.Result + 1, scheduler); }")]
        [InlineData("class C { Task<int> M(Task<int> t) => t.ContinueWith(x => x.Result + 1, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current); }")]
        [InlineData("class C { System.Collections.Generic.IEnumerable<Task<int>> M(Task<int> t) { yield return t.ContinueWith(x => x.Result + 1); } }")]
        [InlineData("class C { readonly Task<int> next; C(Task<int> t) { next = t.ContinueWith(x => x.Result + 1); } }")]
        [InlineData("abstract class B { public abstract object Start(Task<int> t); } class C : B { public override object Start(Task<int> t) { return t.ContinueWith(x => x.Result + 1); } }")]
        [InlineData("class C { event Action<Task<int>>? Tick; C() { Tick += OnTick; } void OnTick(Task<int> t) { t.ContinueWith(x => Console.WriteLine(x.Result)); } }")]
        public Task ChainWithoutAwaitRewrite_IsNotReported(string source)
            => Verify.VerifyAnalyzerAsync(Usings + source);

        // ---------------------------------------------------------------- expression bodies that need statements

        [Fact]
        public Task Fix_ExpressionBodyNeedingStatements_BecomesBlock()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await CountAsync(new[] { Task.FromResult(1), Task.Run(() => 2) }));
                    }

                    static Task<int> CountAsync(Task<int>[] tasks) => Task.Factory.[|ContinueWhenAll(tasks, all => all.Length)|];
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await CountAsync(new[] { Task.FromResult(1), Task.Run(() => 2) }));
                    }

                    static async Task<int> CountAsync(Task<int>[] tasks)
                    {
                        await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        return tasks.Length;
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_IgnoredOutcomeInAwaitedExpressionBody_BecomesBlock()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await AfterAsync(FailAsync()));
                    }

                    static async Task<int> AfterAsync(Task<string> load) => await load.[|ContinueWith(_ => 7)|];
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await AfterAsync(FailAsync()));
                    }

                    static async Task<int> AfterAsync(Task<string> load)
                    {
                        await ((Task)load).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        return 7;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_LambdaExpressionBodyNeedingStatements_BecomesAsyncBlockLambda()
        {
            var source = Usings + "class C\n{\n    void M() { Func<Task<int>, Task<int>> f = t => t.[|ContinueWith(_ => 1)|]; }\n}\n";
            var fixedSource = Usings + "class C\n{\n    void M() { Func<Task<int>, Task<int>> f = async t => { await ((Task)t).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext); return 1; }; }\n}\n";
            return Verify.VerifyCodeFixAsync(source, fixedSource, ConvertContinueWithToAwaitFixer.AwaitKey);
        }

        [Theory]
        [InlineData("Task M(Task<int> t) => t.ContinueWith(x => Task.Delay(x.Result)).Unwrap().ContinueWith(_ => Console.WriteLine());")]
        [InlineData("Task<int> M(Task<int> t) => t.ContinueWith(x => x.Result + 1).ContinueWith(_ => 0);")]
        [InlineData("Task M(Task<int>[] ts) => Task.Factory.ContinueWhenAll(ts, all => all.Length).ContinueWith(_ => { });")]
        [InlineData("int P => Task.CompletedTask.ContinueWith(_ => 1).Result;")]
        [InlineData("Task<int> this[Task<int> t] => t.ContinueWith(_ => 1);")]
        public Task ExpressionBodyWithoutSafeRewrite_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");
    }
}
