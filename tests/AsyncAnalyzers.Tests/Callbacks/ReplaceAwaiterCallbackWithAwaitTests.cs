using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ReplaceAwaiterCallbackWithAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ReplaceAwaiterCallbackWithAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public class ReplaceAwaiterCallbackWithAwaitTests
    {
        private const string Usings = "using System;\nusing System.Runtime.CompilerServices;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("void M(Task t) { t.GetAwaiter().{|#0:OnCompleted(() => { })|}; }", "OnCompleted")]
        [InlineData("void M(Task<int> t) { t.GetAwaiter().{|#0:OnCompleted(() => { })|}; }", "OnCompleted")]
        [InlineData("void M(Task t) { t.GetAwaiter().{|#0:UnsafeOnCompleted(() => { })|}; }", "UnsafeOnCompleted")]
        [InlineData("void M(Task t) { t.ConfigureAwait(false).GetAwaiter().{|#0:OnCompleted(() => { })|}; }", "OnCompleted")]
        [InlineData("void M(Task<int> t) { t.ConfigureAwait(true).GetAwaiter().{|#0:UnsafeOnCompleted(delegate { })|}; }", "UnsafeOnCompleted")]
        [InlineData("void M(ValueTask t) { t.GetAwaiter().{|#0:OnCompleted(() => { })|}; }", "OnCompleted")]
        [InlineData("void M(ValueTask<int> t) { t.ConfigureAwait(false).GetAwaiter().{|#0:OnCompleted(() => { })|}; }", "OnCompleted")]
        [InlineData("void M(Task t) { var awaiter = t.GetAwaiter(); awaiter.{|#0:OnCompleted(Done)|}; } void Done() { }", "OnCompleted")]
        [InlineData("async Task M(Task t) { t.GetAwaiter().{|#0:OnCompleted(() => { })|}; await t; }", "OnCompleted")]
        public Task AwaiterCallback_IsReported(string member, string method)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.AwaiterCallback).WithLocation(0).WithArguments(method));
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("async Task M(Task t) { await t; }")]
        [InlineData("int M(Task<int> t) => t.GetAwaiter().GetResult();")]
        [InlineData("bool M(Task t) => t.GetAwaiter().IsCompleted;")]
        [InlineData("void M(Task t, Action continuation) { t.GetAwaiter().OnCompleted(continuation); }")]
        [InlineData("void M(Task t) { INotifyCompletion awaiter = t.GetAwaiter(); awaiter.OnCompleted(() => { }); }")]
        [InlineData("void M() { Task.Yield().GetAwaiter().OnCompleted(() => { }); }")]
        [InlineData("void M(Task t) { var awaiter = t.ConfigureAwait(false).GetAwaiter(); }")]
        [InlineData("async Task<int> M(Task<int> t) { var x = await t; return x; }")]
        [InlineData("bool M(ValueTask t) => t.IsCompleted;")]
        [InlineData("void M(TaskCompletionSource tcs) { tcs.SetResult(); }")]
        [InlineData("string M() => nameof(TaskAwaiter.OnCompleted);")]
        [InlineData("void M(Task t) { t.ContinueWith(_ => { }); }")]
        [InlineData("int M(ValueTask<int> t) => t.GetAwaiter().GetResult();")]
        [InlineData("void M(Task t) { Action a = () => t.Wait(); }")]
        [InlineData("TaskAwaiter M(Task t) => t.GetAwaiter();")]
        [InlineData("void M(Task t) { var done = t.GetAwaiter().IsCompleted && t.IsCompletedSuccessfully; }")]
        [InlineData("async Task M() { await Task.Yield(); }")]
        [InlineData("void M(Task t, Action k) { if (!t.IsCompleted) { k(); } }")]
        public Task OtherAwaiterUse_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task CustomAwaiterForwardingTheContinuation_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                readonly struct LoggedAwaiter : ICriticalNotifyCompletion
                {
                    private readonly TaskAwaiter inner;
                    public LoggedAwaiter(Task task) => inner = task.GetAwaiter();
                    public bool IsCompleted => inner.IsCompleted;
                    public void GetResult() => inner.GetResult();
                    public void OnCompleted(Action continuation) => inner.OnCompleted(continuation);
                    public void UnsafeOnCompleted(Action continuation) => inner.UnsafeOnCompleted(continuation);
                }

                class Awaiter { public void OnCompleted(Action a) { } }
                class C { void M(Awaiter a) { a.OnCompleted(() => { }); } }
                """);
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Usings + "class C { void M(Task t) { t.GetAwaiter().OnCompleted(() => { }); } }");
        }

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_LastStatementOfVoidMethod_AwaitsThenRunsTheCallbackBody()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var source = new TaskCompletionSource<int>();
                        var done = new TaskCompletionSource();
                        Watch(source.Task, done);
                        Console.Write("caller;");
                        source.SetResult(42);
                        Console.Write("set;");
                        await done.Task;
                    }

                    static void Watch(Task<int> task, TaskCompletionSource done)
                    {
                        var awaiter = task.GetAwaiter();
                        // report when the download is in
                        awaiter.[|OnCompleted(() =>
                        {
                            Console.Write("result " + awaiter.GetResult() + ";");
                            done.SetResult();
                        })|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var source = new TaskCompletionSource<int>();
                        var done = new TaskCompletionSource();
                        Watch(source.Task, done);
                        Console.Write("caller;");
                        source.SetResult(42);
                        Console.Write("set;");
                        await done.Task;
                    }

                    static async Task Watch(Task<int> task, TaskCompletionSource done)
                    {
                        var awaiter = task.GetAwaiter();
                        // report when the download is in
                        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
                        Console.Write("result " + awaiter.GetResult() + ";");
                        done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_CompletedTask_CallbackStillRunsLater()
        {
            // OnCompleted on a finished task still queues the callback: ForceYielding keeps that order.
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var done = new TaskCompletionSource();
                        Watch(Task.CompletedTask, done);
                        Console.Write("caller;");
                        await done.Task;
                    }

                    static void Watch(Task task, TaskCompletionSource done)
                    {
                        task.ConfigureAwait(false).GetAwaiter().[|OnCompleted(() => { Thread.Sleep(50); Console.Write("callback;"); done.SetResult(); })|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var done = new TaskCompletionSource();
                        Watch(Task.CompletedTask, done);
                        Console.Write("caller;");
                        await done.Task;
                    }

                    static async Task Watch(Task task, TaskCompletionSource done)
                    {
                        await task.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
                        Thread.Sleep(50); Console.Write("callback;"); done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_FaultedTask_CallbackStillRuns()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var done = new TaskCompletionSource();
                        Watch(Task.FromException(new InvalidOperationException("lost")), done);
                        await done.Task;
                    }

                    static void Watch(Task task, TaskCompletionSource done)
                    {
                        task.GetAwaiter().[|OnCompleted(() => { Console.Write(task.Status); done.SetResult(); })|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var done = new TaskCompletionSource();
                        Watch(Task.FromException(new InvalidOperationException("lost")), done);
                        await done.Task;
                    }

                    static async Task Watch(Task task, TaskCompletionSource done)
                    {
                        await task.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
                        Console.Write(task.Status); done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_EventHandler_StaysAsyncVoid()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Form
                {
                    Task loading = Task.CompletedTask;

                    void OnLoaded(object sender, EventArgs e)
                    {
                        loading.GetAwaiter().[|OnCompleted(() => Console.WriteLine("ready"))|];
                    }
                }
                """,
                Usings + """
                class Form
                {
                    Task loading = Task.CompletedTask;

                    async void OnLoaded(object sender, EventArgs e)
                    {
                        await loading.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
                        Console.WriteLine("ready");
                    }
                }
                """,
                ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_LocalFunction_BecomesAsyncTask()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void M(Task<int> t)
                    {
                        void Watch()
                        {
                            t.GetAwaiter().[|OnCompleted(() => Console.WriteLine("done"))|];
                        }

                        Watch();
                    }
                }
                """,
                Usings + """
                class C
                {
                    void M(Task<int> t)
                    {
                        async Task Watch()
                        {
                            await ((Task)t).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
                            Console.WriteLine("done");
                        }

                        Watch();
                    }
                }
                """,
                ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task FixAll_SeveralMethods()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void A(Task t) { t.GetAwaiter().[|OnCompleted(() => Console.WriteLine("a"))|]; }

                    void B(Task t) { t.GetAwaiter().[|UnsafeOnCompleted(() => Console.WriteLine("b"))|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task A(Task t) { await t.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing); Console.WriteLine("a"); }

                    async Task B(Task t) { await t.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing); Console.WriteLine("b"); }
                }
                """,
                ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey);
        }

        // ---------------------------------------------------------------- reported without a fix

        [Theory]
        [InlineData("void M(Task t) { t.GetAwaiter().[|OnCompleted(() => { })|]; Console.WriteLine(); }")]
        [InlineData("Task M(Task t) { t.GetAwaiter().[|OnCompleted(() => { })|]; return Task.CompletedTask; }")]
        [InlineData("async Task M(Task t) { await Task.Yield(); t.GetAwaiter().[|OnCompleted(() => { })|]; }")]
        [InlineData("void M(ValueTask t) { t.GetAwaiter().[|OnCompleted(() => { })|]; }")]
        [InlineData("void M(Task t) { Action a = () => t.GetAwaiter().[|OnCompleted(() => { })|]; }")]
        [InlineData("void M(Func<Task> f) { var awaiter = f().GetAwaiter(); awaiter.[|OnCompleted(() => awaiter.GetResult())|]; }")]
        [InlineData("void M(Task t) { t.GetAwaiter().[|OnCompleted(Done)|]; } void Done() { }")]
        [InlineData("void M(Task t) { t.GetAwaiter().[|OnCompleted(async () => await Task.Yield())|]; }")]
        [InlineData("void M(Task t) { var x = 1; t.GetAwaiter().[|OnCompleted(() => { var x = 2; Console.WriteLine(x); })|]; }")]
        [InlineData("void M(Task t, bool b) { t.ConfigureAwait(b).GetAwaiter().[|OnCompleted(() => { })|]; }")]
        [InlineData("void M(Task t, ref int r) { t.GetAwaiter().[|OnCompleted(() => { })|]; }")]
        [InlineData("public override string ToString() { Task.CompletedTask.GetAwaiter().[|OnCompleted(() => { })|]; return \"\"; }")]
        public Task ShapeWithoutSafeRewrite_IsReportedWithoutFix(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyCodeFixAsync(source, source, ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey);
        }
    }
}
