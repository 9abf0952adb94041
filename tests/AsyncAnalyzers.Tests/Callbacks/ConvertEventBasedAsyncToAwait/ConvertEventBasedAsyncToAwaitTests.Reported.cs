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
        [Theory]
        [InlineData("void M() { var f = new Fetcher(); {|#0:f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|}; f.FetchAsync(1); }", "FetchCompleted", "FetchAsync")]
        [InlineData("void M(Uri uri) { var c = new System.Net.WebClient(); {|#0:c.DownloadStringCompleted += (s, e) => Console.WriteLine(e.Result)|}; c.DownloadStringAsync(uri); }", "DownloadStringCompleted", "DownloadStringAsync")]
        public Task CompletedEventThenStart_IsReported(string member, string @event, string start)
        {
            var source = Usings + "class C { " + member + " }" + Types;
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments(@event, start));
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
        [InlineData("void M() { var f = new TaggedFetcher(); {|#0:f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|}; f.FetchAsync(1, null); }", "FetchCompleted", "FetchAsync")]
        [InlineData("void M(Uri uri) { var c = new System.Net.WebClient(); {|#0:c.DownloadStringCompleted += (s, e) => Console.WriteLine(e.Result)|}; c.DownloadStringAsync(uri, uri); }", "DownloadStringCompleted", "DownloadStringAsync")]
        [InlineData("void M(System.Net.Mail.MailMessage m) { var c = new System.Net.Mail.SmtpClient(); {|#0:c.SendCompleted += (s, e) => Console.WriteLine(\"sent\")|}; c.SendAsync(m, null); }", "SendCompleted", "SendAsync")]
        public Task TwinWithoutTheUserStateOrWithAnotherName_IsReported(string member, string @event, string start)
            => Verify.VerifyAnalyzerAsync(
                "#nullable enable\n" + Usings + "class C { " + member + " }" + Types + UserStateTypes,
                Verify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments(@event, start));
    }
}
