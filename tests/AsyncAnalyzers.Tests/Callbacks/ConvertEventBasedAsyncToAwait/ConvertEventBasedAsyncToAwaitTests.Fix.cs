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
        private const string Adapter = """
                static Task<int> Fetch(int id)
                {
                    var source = new TaskCompletionSource<int>();
                    var fetcher = new FETCHER();
                    [|fetcher.FetchCompleted += (sender, e) =>
                    {
                        if (e.Error != null) source.SetException(e.Error);
                        else if (e.Cancelled) source.SetCanceled();
                        else source.SetResult(e.Result);
                    }|];
                    fetcher.FetchAsync(id);
                    return source.Task;
                }
            """;

        [Theory]
        [InlineData("Fetcher")]
        [InlineData("BrokenFetcher")]
        [InlineData("CancelledFetcher")]
        public Task Fix_AdapterWithTaskTwin_ReturnsTheTwin(string type)
        {
            // The twin's task ends as the adapter's did: the result, the operation's error, or cancelled.
            return VerifyFixAndBehaviourAsync(
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    public static async Task Main() => Console.Write(await Fetch(21));

                """ + Adapter.Replace("FETCHER", type) + "\n}\n" + Types,
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    public static async Task Main() => Console.Write(await Fetch(21));
                    static Task<int> Fetch(int id)
                    {
                        var fetcher = new FETCHER();
                        return fetcher.FetchTaskAsync(id);
                    }
                }

                """.Replace("FETCHER", type) + Types);
        }

        [Fact]
        public Task Fix_ResultRead_BecomesAwaitOnTheTaskCounterpart()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch(21);
                        await Done.Task;
                    }

                    static void Fetch(int id)
                    {
                        var fetcher = new Fetcher();
                        [|fetcher.FetchCompleted += (sender, e) =>
                        {
                            Console.Write("fetched " + e.Result);
                            Done.SetResult();
                        }|];
                        fetcher.FetchAsync(id);
                    }
                }
                """ + Types,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch(21);
                        await Done.Task;
                    }

                    static async Task Fetch(int id)
                    {
                        var fetcher = new Fetcher();
                        Console.Write("fetched " + await fetcher.FetchTaskAsync(id));
                        Done.SetResult();
                    }
                }
                """ + Types);
        }

        [Fact]
        public Task Fix_SeveralResultReads_AwaitIntoALocal()
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
                        var fetcher = new Fetcher();
                        [|fetcher.FetchCompleted += (sender, e) => { Console.Write(e.Result + e.Result); Done.SetResult(); }|];
                        fetcher.FetchAsync(5);
                    }
                }
                """ + Types,
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
                        var fetcher = new Fetcher();
                        var result = await fetcher.FetchTaskAsync(5);
                        Console.Write(result + result); Done.SetResult();
                    }
                }
                """ + Types);
        }

        [Fact]
        public Task Fix_NoResult_WaitsWithoutThrowing()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Ping();
                        await Done.Task;
                        Console.Write("end");
                    }

                    static void Ping()
                    {
                        var pinger = new Pinger();
                        [|pinger.PingCompleted += delegate (object? sender, AsyncCompletedEventArgs e) { Console.Write("pinged;"); Done.SetResult(); }|];
                        pinger.PingAsync();
                    }
                }
                """ + Types,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Ping();
                        await Done.Task;
                        Console.Write("end");
                    }

                    static async Task Ping()
                    {
                        var pinger = new Pinger();
                        await pinger.PingTaskAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        Console.Write("pinged;"); Done.SetResult();
                    }
                }
                """ + Types);
        }

        [Fact]
        public Task Fix_UserStateDropped_AwaitsTheTwin()
        {
            return VerifyFixAndBehaviourAsync(
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                        Console.Write("end");
                    }

                    static void Fetch()
                    {
                        var fetcher = new TaggedFetcher();
                        [|fetcher.FetchCompleted += (sender, e) => { Console.Write("got " + e.Result + ";"); Done.SetResult(); }|];
                        fetcher.FetchAsync(21, null);
                    }
                }
                """ + Types + UserStateTypes,
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Fetch();
                        await Done.Task;
                        Console.Write("end");
                    }

                    static async Task Fetch()
                    {
                        var fetcher = new TaggedFetcher();
                        Console.Write("got " + await fetcher.FetchTaskAsync(21) + ";"); Done.SetResult();
                    }
                }
                """ + Types + UserStateTypes);
        }

        [Fact]
        public Task Fix_SmtpClientSendAsync_AwaitsSendMailAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                using System.Net.Mail;

                class C
                {
                    void Send(MailMessage message)
                    {
                        var client = new SmtpClient("localhost");
                        [|client.SendCompleted += (sender, e) => Console.WriteLine("sent")|];
                        client.SendAsync(message, null);
                    }
                }
                """,
                Usings + """
                using System.Net.Mail;

                class C
                {
                    async Task Send(MailMessage message)
                    {
                        var client = new SmtpClient("localhost");
                        await client.SendMailAsync(message).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        Console.WriteLine("sent");
                    }
                }
                """,
                ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
        }
    }
}
