using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertContinueWithToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertContinueWithToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertContinueWithToAwaitTests
    {
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
    }
}
