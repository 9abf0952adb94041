using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertEventBasedAsyncToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertEventBasedAsyncToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertEventBasedAsyncToAwaitTests
    {
        private const string NetStandardPinger = """

            public sealed class Pinger
            {
                public event AsyncCompletedEventHandler? PingCompleted;
                public void PingAsync() => Task.Run(() => PingCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
                public Task PingTaskAsync() => Task.Delay(1);
            }
            """;

        [Fact]
        public Task Fix_HandlerIgnoringTheOutcome_NetStandard20_WaitsInTryCatch()
        {
            // No ConfigureAwaitOptions: the task is started outside the try (a synchronous throw still propagates) and the
            // catch-all swallows the outcome the handler ignored.
            var test = new Verify.Test
            {
                ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.NetStandard.NetStandard20,
                TestCode = "#nullable enable\n" + Usings + """
                    class C
                    {
                        void Ping()
                        {
                            var pinger = new Pinger();
                            [|pinger.PingCompleted += (sender, e) => Console.Write("pinged")|];
                            pinger.PingAsync();
                        }
                    }
                    """ + NetStandardPinger,
                FixedCode = "#nullable enable\n" + Usings + """
                    class C
                    {
                        async Task Ping()
                        {
                            var pinger = new Pinger();
                            var task = pinger.PingTaskAsync();
                            try
                            {
                                await task;
                            }
                            catch
                            {
                            }

                            Console.Write("pinged");
                        }
                    }
                    """ + NetStandardPinger,
            };
            return test.RunAsync();
        }

        [Theory]
        [InlineData("Fetcher")]
        [InlineData("BrokenFetcher")]
        public Task Fix_ErrorBranch_BecomesCatch(string type)
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                    }

                    static void Fetch()
                    {
                        var fetcher = new TYPE();
                        [|fetcher.FetchCompleted += (sender, e) =>
                        {
                            if (e.Error != null)
                            {
                                Console.Write("failed: " + e.Error.Message);
                                Done.SetResult();
                                return;
                            }

                            Console.Write("fetched " + e.Result);
                            Done.SetResult();
                        }|];
                        fetcher.FetchAsync(4);
                    }
                }
                """.Replace("TYPE", type) + Types,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                    }

                    static async Task Fetch()
                    {
                        var fetcher = new TYPE();
                        int result;
                        try
                        {
                            result = await fetcher.FetchTaskAsync(4);
                        }
                        catch (Exception exception) when (!(exception is OperationCanceledException))
                        {
                            Console.Write("failed: " + exception.Message);
                            Done.SetResult();
                            return;
                        }

                        Console.Write("fetched " + result);
                        Done.SetResult();
                    }
                }
                """.Replace("TYPE", type) + Types);
        }

        [Theory]
        [InlineData("Fetcher")]
        [InlineData("BrokenFetcher")]
        [InlineData("CancelledFetcher")]
        public Task Fix_CancelledAndErrorBranches_BecomeCatches(string type)
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                    }

                    static void Fetch()
                    {
                        var fetcher = new TYPE();
                        [|fetcher.FetchCompleted += (sender, e) =>
                        {
                            if (e.Cancelled)
                            {
                                Console.Write("cancelled");
                                Done.SetResult();
                            }
                            else if (e.Error is not null)
                            {
                                Console.Write("failed: " + e.Error.Message);
                                Done.SetResult();
                            }
                            else
                            {
                                Console.Write("fetched " + e.Result);
                                Done.SetResult();
                            }
                        }|];
                        fetcher.FetchAsync(4);
                    }
                }
                """.Replace("TYPE", type) + Types,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                    }

                    static async Task Fetch()
                    {
                        var fetcher = new TYPE();
                        int result;
                        try
                        {
                            result = await fetcher.FetchTaskAsync(4);
                        }
                        catch (OperationCanceledException)
                        {
                            Console.Write("cancelled");
                            Done.SetResult();
                            return;
                        }
                        catch (Exception exception)
                        {
                            Console.Write("failed: " + exception.Message);
                            Done.SetResult();
                            return;
                        }

                        Console.Write("fetched " + result);
                        Done.SetResult();
                    }
                }
                """.Replace("TYPE", type) + Types);
        }

        [Fact]
        public Task Fix_ErrorBranchWithElse_BecomesCatch()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void M()
                    {
                        var fetcher = new Fetcher();
                        [|fetcher.FetchCompleted += (sender, e) =>
                        {
                            if (e.Error is not null)
                                Console.WriteLine(e.Error);
                            else
                                Console.WriteLine(e.Result);
                        }|];
                        fetcher.FetchAsync(4);
                    }
                }
                """ + Types,
                Usings + """
                class C
                {
                    async Task M()
                    {
                        var fetcher = new Fetcher();
                        int result;
                        try
                        {
                            result = await fetcher.FetchTaskAsync(4);
                        }
                        catch (Exception exception) when (!(exception is OperationCanceledException))
                        {
                            Console.WriteLine(exception);
                            return;
                        }

                        Console.WriteLine(result);
                    }
                }
                """ + Types,
                ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
        }
    }
}
