using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertEventBasedAsyncToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertEventBasedAsyncToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public class ConvertEventBasedAsyncToAwaitTests
    {
        private const string Usings = "using System;\nusing System.ComponentModel;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>EAP types: Fetcher (Task&lt;int&gt; counterpart), Pinger (Task counterpart), Uploader (none), Loader (not EAP).</summary>
        private const string Types = """

            public sealed class FetchCompletedEventArgs : AsyncCompletedEventArgs
            {
                private readonly int result;
                public FetchCompletedEventArgs(int result, Exception? error, bool cancelled, object? state) : base(error, cancelled, state) => this.result = result;
                public int Result { get { RaiseExceptionIfNecessary(); return result; } }
            }

            public sealed class Fetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, null)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class BrokenFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(0, new InvalidOperationException("offline"), false, null)));
                public Task<int> FetchTaskAsync(int id) => Task.FromException<int>(new InvalidOperationException("offline"));
            }

            public sealed class CancelledFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(0, null, true, null)));
                public Task<int> FetchTaskAsync(int id) => Task.FromCanceled<int>(new CancellationToken(true));
            }

            public sealed class Pinger
            {
                public event AsyncCompletedEventHandler? PingCompleted;
                public void PingAsync() => Task.Run(() => PingCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
                public Task PingTaskAsync() => Task.Delay(1);
            }

            public sealed class Uploader
            {
                public event AsyncCompletedEventHandler? UploadCompleted;
                public void UploadAsync(string path) => Task.Run(() => UploadCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
            }

            public sealed class Loader
            {
                public event EventHandler? LoadCompleted;
                public void LoadAsync() => LoadCompleted?.Invoke(this, EventArgs.Empty);
                public Task LoadTaskAsync() => Task.CompletedTask;
            }
            """;

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("void M() { var f = new Fetcher(); {|#0:f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|}; f.FetchAsync(1); }", "FetchCompleted", "FetchAsync")]
        [InlineData("void M(Uri uri) { var c = new System.Net.WebClient(); {|#0:c.DownloadStringCompleted += (s, e) => Console.WriteLine(e.Result)|}; c.DownloadStringAsync(uri); }", "DownloadStringCompleted", "DownloadStringAsync")]
        public Task CompletedEventThenStart_IsReported(string member, string @event, string start)
        {
            var source = Usings + "class C { " + member + " }" + Types;
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments(@event, start));
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("void M() { var l = new Loader(); l.LoadCompleted += (s, e) => { }; l.LoadAsync(); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { }; }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { }; Console.WriteLine(); f.FetchAsync(1); }")]
        [InlineData("void M(Fetcher a, Fetcher b) { a.FetchCompleted += (s, e) => { }; b.FetchAsync(1); }")]
        [InlineData("void M(Fetcher f, EventHandler<FetchCompletedEventArgs> h) { f.FetchCompleted -= h; f.FetchAsync(1); }")]
        [InlineData("async Task M() { var f = new Fetcher(); Console.WriteLine(await f.FetchTaskAsync(1)); }")]
        [InlineData("void M() { var p = new Pinger(); p.PingCompleted += (s, e) => { }; p.PingTaskAsync(); }")]
        [InlineData("void M() { var f = new Fetcher(); EventHandler<FetchCompletedEventArgs> h = (s, e) => { }; f.FetchAsync(1); }")]
        [InlineData("void M() { var l = new Loader(); l.LoadAsync(); }")]
        [InlineData("void M(Fetcher f) { f.FetchAsync(1); }")]
        [InlineData("void M(Uploader u) { u.UploadCompleted += (s, e) => { }; }")]
        [InlineData("Task<int> M(Fetcher f) => f.FetchTaskAsync(1);")]
        [InlineData("string M() => nameof(Fetcher.FetchCompleted);")]
        [InlineData("async Task M(Pinger p) { await p.PingTaskAsync(); }")]
        [InlineData("void M(Fetcher f) { f.FetchCompleted += OnFetched; } void OnFetched(object? s, FetchCompletedEventArgs e) { }")]
        [InlineData("void M(Fetcher f) { Action start = () => f.FetchAsync(1); }")]
        [InlineData("void M() { var args = new AsyncCompletedEventArgs(null, false, null); }")]
        [InlineData("void M(Pinger p) { p.PingCompleted += (s, e) => { }; }")]
        public Task NotEapOrNotStarted_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }" + Types;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TaskCompletionSourceAdapter_OverApiWithoutTaskAlternative_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                static class UploaderExtensions
                {
                    public static Task UploadTaskAsync(this Uploader uploader, string path)
                    {
                        var source = new TaskCompletionSource();
                        uploader.UploadCompleted += (s, e) =>
                        {
                            if (e.Error is not null) source.TrySetException(e.Error);
                            else if (e.Cancelled) source.TrySetCanceled();
                            else source.TrySetResult();
                        };
                        uploader.UploadAsync(path);
                        return source.Task;
                    }
                }
                """ + Types);
        }

        // ---------------------------------------------------------------- TaskCompletionSource adapters over an API with a twin

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
        public Task AdapterReturningTaskWithTwin_IsReported()
        {
            return Verify.VerifyAnalyzerAsync("#nullable enable\n" + Usings + """
                class C
                {
                    Task Ping()
                    {
                        var pinger = new Pinger();
                        var done = new TaskCompletionSource<bool>();
                        {|#0:pinger.PingCompleted += (s, e) =>
                        {
                            if (e.Cancelled) done.TrySetCanceled();
                            else if (e.Error is not null) done.TrySetException(e.Error);
                            else done.TrySetResult(true);
                        }|};
                        pinger.PingAsync();
                        return done.Task;
                    }
                }
                """ + Types, Verify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments("PingCompleted", "PingAsync"));
        }

        [Theory]
        [InlineData("if (e.Error != null) source.SetException(e.Error); else source.SetResult(e.Result);", "")]
        [InlineData("if (e.Error != null) source.SetException(e.Error); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result + 1);", "")]
        [InlineData("if (e.Error != null) source.SetException(new Exception(\"wrapped\")); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result);", "")]
        [InlineData("if (e.Error != null) source.SetException(e.Error); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result);", "source.Task.ContinueWith(t => { });")]
        [InlineData("Console.WriteLine(); if (e.Error != null) source.SetException(e.Error); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result);", "")]
        public Task AdapterThatDoesNotEndAsTheTwin_IsNotReported(string handler, string before)
        {
            return Verify.VerifyAnalyzerAsync("#nullable enable\n" + Usings + """
                class C
                {
                    Task<int> Fetch(int id)
                    {
                        var source = new TaskCompletionSource<int>();
                        BEFORE
                        var fetcher = new Fetcher();
                        fetcher.FetchCompleted += (sender, e) => { HANDLER };
                        fetcher.FetchAsync(id);
                        return source.Task;
                    }
                }
                """.Replace("HANDLER", handler).Replace("BEFORE", before) + Types);
        }

        [Fact]
        public Task AdapterOverASharedClient_IsNotReported()
        {
            // The subscription stays on a client others use: dropping it changes what they see.
            return Verify.VerifyAnalyzerAsync("#nullable enable\n" + Usings + """
                class C
                {
                    Task<int> Fetch(Fetcher fetcher, int id)
                    {
                        var source = new TaskCompletionSource<int>();
                        fetcher.FetchCompleted += (sender, e) =>
                        {
                            if (e.Error != null) source.SetException(e.Error);
                            else if (e.Cancelled) source.SetCanceled();
                            else source.SetResult(e.Result);
                        };
                        fetcher.FetchAsync(id);
                        return source.Task;
                    }
                }
                """ + Types);
        }

        // ---------------------------------------------------------------- fixes

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

        /// <summary>EAP start methods with a trailing user state that the Task-based twin does not take.</summary>
        private const string UserStateTypes = """

            public sealed class TaggedFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id, object? userState) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, userState)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class LabelledFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id, string label) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, label)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class OptionalStateFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(object? userState = null) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(2, null, false, userState)));
                public Task<int> FetchTaskAsync() => Task.Run(() => 2);
            }

            public sealed class Mailer
            {
                public event AsyncCompletedEventHandler? SendCompleted;
                public void SendAsync(string to, object? userState) => Task.Run(() => SendCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, userState)));
                public Task SendMailAsync(string to) => Task.Delay(1);
            }
            """;

        [Theory]
        [InlineData("void M() { var f = new TaggedFetcher(); {|#0:f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|}; f.FetchAsync(1, null); }", "FetchCompleted", "FetchAsync")]
        [InlineData("void M(Uri uri) { var c = new System.Net.WebClient(); {|#0:c.DownloadStringCompleted += (s, e) => Console.WriteLine(e.Result)|}; c.DownloadStringAsync(uri, uri); }", "DownloadStringCompleted", "DownloadStringAsync")]
        [InlineData("void M(System.Net.Mail.MailMessage m) { var c = new System.Net.Mail.SmtpClient(); {|#0:c.SendCompleted += (s, e) => Console.WriteLine(\"sent\")|}; c.SendAsync(m, null); }", "SendCompleted", "SendAsync")]
        public Task TwinWithoutTheUserStateOrWithAnotherName_IsReported(string member, string @event, string start)
            => Verify.VerifyAnalyzerAsync(
                "#nullable enable\n" + Usings + "class C { " + member + " }" + Types + UserStateTypes,
                Verify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments(@event, start));

        [Theory]
        [InlineData("void M() { var f = new TaggedFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.UserState); f.FetchAsync(1, \"tag\"); }")]
        [InlineData("void M() { var f = new TaggedFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1, NextTag()); } object NextTag() => new object();")]
        [InlineData("void M() { var f = new LabelledFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1, \"a\"); }")]
        [InlineData("void M() { var m = new Mailer(); m.SendCompleted += (s, e) => Console.WriteLine(\"sent\"); m.SendAsync(\"a@b\", null); }")]
        [InlineData("void M() { var f = new OptionalStateFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(); }")]
        [InlineData("Task<int> M() { var source = new TaskCompletionSource<int>(); var f = new OptionalStateFetcher(); f.FetchCompleted += (s, e) => { if (e.Error != null) source.SetException(e.Error); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result); }; f.FetchAsync(); return source.Task; }")]
        public Task UserStateThatMattersOrTwinNamedOtherwise_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync("#nullable enable\n" + Usings + "class C { " + member + " }" + Types + UserStateTypes);

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

        [Fact]
        public Task FixAll_SeveralMethods()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void A() { var f = new Fetcher(); [|f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|]; f.FetchAsync(1); }

                    void B() { var g = new Fetcher(); [|g.FetchCompleted += (s, e) => Console.WriteLine(e.Result * 2)|]; g.FetchAsync(2); }
                }
                """ + Types,
                Usings + """
                class C
                {
                    async Task A() { var f = new Fetcher(); Console.WriteLine(await f.FetchTaskAsync(1)); }

                    async Task B() { var g = new Fetcher(); Console.WriteLine(await g.FetchTaskAsync(2) * 2); }
                }
                """ + Types,
                ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
        }

        // ---------------------------------------------------------------- reported without a fix

        [Theory]
        [InlineData("void M(Fetcher f) { f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1); Console.WriteLine(); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Error?.Message ?? \"\" + e.Result); f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { if (e.Cancelled) Console.WriteLine(); Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { if (e.Cancelled) return; else if (e.Cancelled) return; Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { if (e.Error != null) Console.WriteLine(); Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { if (e.Error != null) return; Console.WriteLine(); Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { if (e.Error != null) { Console.WriteLine(e.Cancelled); return; } Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(s); f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => { Console.WriteLine(); Console.WriteLine(e.Result); }; f.FetchAsync(1); }")]
        [InlineData("void M() { var f = new Fetcher(); f.FetchCompleted += OnFetched; f.FetchAsync(1); } void OnFetched(object? s, FetchCompletedEventArgs e) { }")]
        [InlineData("void M() { var u = new Uploader(); u.UploadCompleted += (s, e) => Console.WriteLine(); u.UploadAsync(\"a\"); }")]
        [InlineData("Task M() { var f = new Fetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1); return Task.CompletedTask; }")]
        [InlineData("void M() { var f = new Fetcher(); var g = f; f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1); }")]
        [InlineData("void M() { var u = new Uploader(); u.UploadCompleted += (s, e) => Console.WriteLine(e.Error); u.UploadAsync(\"a\"); }")]
        [InlineData("void M() { var p = new Pinger(); p.PingCompleted += delegate { }; p.PingAsync(); }")]
        [InlineData("void M(Fetcher f) { f.FetchCompleted += OnFetched; f.FetchAsync(1); } void OnFetched(object? s, FetchCompletedEventArgs e) { }")]
        public Task ShapeWithoutSafeRewrite_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }" + Types;
            return Verify.VerifyAnalyzerAsync(source);
        }

        // ---------------------------------------------------------------- signatures that are a contract

        private const string FetchBody = "{ var f = new Fetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1); }";

        [Theory]
        [InlineData("public class C { public void M() " + FetchBody + " }")]
        [InlineData("interface I { void M(); } class C : I { public void M() " + FetchBody + " }")]
        [InlineData("class C { Action Handler => M; void M() " + FetchBody + " }")]
        [InlineData("class C { C() " + FetchBody + " }")]
        public Task SignatureThatIsAContract_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + member + Types);
    }
}
