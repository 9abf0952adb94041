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

        [Theory]
        [InlineData("void M() { var f = new TaggedFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.UserState); f.FetchAsync(1, \"tag\"); }")]
        [InlineData("void M() { var f = new TaggedFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1, NextTag()); } object NextTag() => new object();")]
        [InlineData("void M() { var f = new LabelledFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(1, \"a\"); }")]
        [InlineData("void M() { var m = new Mailer(); m.SendCompleted += (s, e) => Console.WriteLine(\"sent\"); m.SendAsync(\"a@b\", null); }")]
        [InlineData("void M() { var f = new OptionalStateFetcher(); f.FetchCompleted += (s, e) => Console.WriteLine(e.Result); f.FetchAsync(); }")]
        [InlineData("Task<int> M() { var source = new TaskCompletionSource<int>(); var f = new OptionalStateFetcher(); f.FetchCompleted += (s, e) => { if (e.Error != null) source.SetException(e.Error); else if (e.Cancelled) source.SetCanceled(); else source.SetResult(e.Result); }; f.FetchAsync(); return source.Task; }")]
        public Task UserStateThatMattersOrTwinNamedOtherwise_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync("#nullable enable\n" + Usings + "class C { " + member + " }" + Types + UserStateTypes);

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
