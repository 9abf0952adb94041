using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using Xunit;
using ApmVerify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Callbacks.ConvertBeginEndToAwaitAnalyzer>;
using AwaiterVerify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Callbacks.ReplaceAwaiterCallbackWithAwaitAnalyzer>;
using ContinueWithVerify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Callbacks.ConvertContinueWithToAwaitAnalyzer>;
using EapVerify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Callbacks.ConvertEventBasedAsyncToAwaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    /// <summary>
    /// Test code whose subject is the callback API itself (a test actor that checks where a ContinueWith continuation runs)
    /// is left alone: rewriting it to await removes what the test checks. Other test code, and library code with such names,
    /// is still reported.
    /// </summary>
    public class CallbackUnderTestTests
    {
        private const string Usings = "#nullable enable\nusing System;\nusing System.ComponentModel;\nusing System.IO;\nusing System.Threading.Tasks;\n";

        /// <summary>What makes the compilation a test project: the xUnit attribute type.</summary>
        private const string XunitStub = "\nnamespace Xunit { public sealed class FactAttribute : System.Attribute { } }\n";

        private const string Actor = """

            public abstract class ActorBase
            {
                protected void RunTask(Func<Task> work) => work();
                protected void Reply(string message) => Console.Write(message);
            }
            """;

        // ---------------------------------------------------------------- left alone

        [Theory]
        [InlineData("public class AsyncTplActor : ActorBase { public AsyncTplActor() { RunTask(async () => { await Task.Delay(1).{|#0:ContinueWith(_ => { Reply(\"done\"); })|}; }); } }")]
        [InlineData("public class SchedulerSpec : ActorBase { public async Task ContinueWith_runs_after_a_failed_task() { await Task.Delay(1).{|#0:ContinueWith(_ => Reply(\"done\"))|}; } }")]
        [InlineData("public class TaskContinuationSpec : ActorBase { public Task<int> Next(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|}; }")]
        [InlineData("public class SchedulerSpec : ActorBase { public async Task Run() { async Task CheckCallbackOrder() { await Task.Delay(1).{|#0:ContinueWith(_ => Reply(\"done\"))|}; } await CheckCallbackOrder(); } }")]
        [InlineData("public class TPLActor : ActorBase { public Task<int> Next(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|}; }")]
        public async Task ContinueWithInTestOfTheContinuation_IsNotReported(string code)
        {
            await ContinueWithVerify.VerifyAnalyzerAsync(Usings + CallbackTestSources.WithoutMarkup(code) + Actor + XunitStub);

            // The same code outside a test project is a finding: the name alone is no reason.
            await ContinueWithVerify.VerifyAnalyzerAsync(Usings + code + Actor, ContinueWithVerify.Diagnostic(DiagnosticIds.ConvertContinueWithToAwait).WithLocation(0).WithArguments("ContinueWith"));
        }

        [Fact]
        public async Task BeginEndInTestOfApm_IsNotReported()
        {
            var code = Usings + """
                public class ApmReadTests
                {
                    void Read(Stream stream, byte[] buffer)
                    {
                        stream.{|#0:BeginRead(buffer, 0, buffer.Length, ar => { var read = stream.EndRead(ar); Console.Write(read); }, null)|};
                    }
                }
                """;
            await ApmVerify.VerifyAnalyzerAsync(CallbackTestSources.WithoutMarkup(code) + XunitStub);
            await ApmVerify.VerifyAnalyzerAsync(code, ApmVerify.Diagnostic(DiagnosticIds.ConvertBeginEndToAwait).WithLocation(0).WithArguments("BeginRead", "EndRead"));
        }

        [Fact]
        public async Task EventInTestOfEap_IsNotReported()
        {
            var code = Usings + """
                public class EapPingTests
                {
                    void Ping()
                    {
                        var pinger = new Pinger();
                        {|#0:pinger.PingCompleted += (sender, e) => Console.Write("pinged")|};
                        pinger.PingAsync();
                    }
                }
                """ + Pinger;
            await EapVerify.VerifyAnalyzerAsync(CallbackTestSources.WithoutMarkup(code) + XunitStub);
            await EapVerify.VerifyAnalyzerAsync(code, EapVerify.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments("PingCompleted", "PingAsync"));
        }

        [Fact]
        public async Task AwaiterCallbackInTestOfAwaiter_IsNotReported()
        {
            var code = Usings + """
                public class AwaiterSpec
                {
                    void Start(Task loading)
                    {
                        loading.GetAwaiter().{|#0:OnCompleted(() => Console.Write("loaded"))|};
                    }
                }
                """;
            await AwaiterVerify.VerifyAnalyzerAsync(CallbackTestSources.WithoutMarkup(code) + XunitStub);
            await AwaiterVerify.VerifyAnalyzerAsync(code, AwaiterVerify.Diagnostic(DiagnosticIds.ReplaceAwaiterCallbackWithAwait).WithLocation(0).WithArguments("OnCompleted"));
        }

        // ---------------------------------------------------------------- still reported

        [Theory]
        [InlineData("OrderServiceTests")]
        [InlineData("HeapTests")]
        [InlineData("TemplateRendererSpec")]
        public Task ContinueWithInOtherTestCode_IsReported(string type)
            => ContinueWithVerify.VerifyAnalyzerAsync(
                Usings + "public class " + type + " { public Task<int> Next(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|}; }" + XunitStub,
                ContinueWithVerify.Diagnostic(DiagnosticIds.ConvertContinueWithToAwait).WithLocation(0).WithArguments("ContinueWith"));

        [Fact]
        public Task ContinueWithInLibraryTypeNamedAfterTheApi_IsReported()
            => ContinueWithVerify.VerifyAnalyzerAsync(
                Usings + "public class TplHelper { public Task<int> Next(Task<int> t) => t.{|#0:ContinueWith(x => x.Result + 1)|}; }",
                ContinueWithVerify.Diagnostic(DiagnosticIds.ConvertContinueWithToAwait).WithLocation(0).WithArguments("ContinueWith"));

        [Fact]
        public Task BeginEndInOtherTestCode_IsReported()
            => ApmVerify.VerifyAnalyzerAsync(
                Usings + """
                public class ParserTests
                {
                    void Read(Stream stream, byte[] buffer)
                    {
                        stream.{|#0:BeginRead(buffer, 0, buffer.Length, ar => { var read = stream.EndRead(ar); Console.Write(read); }, null)|};
                    }
                }
                """ + XunitStub,
                ApmVerify.Diagnostic(DiagnosticIds.ConvertBeginEndToAwait).WithLocation(0).WithArguments("BeginRead", "EndRead"));

        // ---------------------------------------------------------------- the words

        [Theory]
        [InlineData("AsyncTplActor", true)]
        [InlineData("TPLActor", true)]
        [InlineData("ContinueWith_should_run_on_scheduler", true)]
        [InlineData("ContinueWhenAllSpec", true)]
        [InlineData("BeginEndReadTests", true)]
        [InlineData("AwaiterTests", true)]
        [InlineData("callbacks_are_invoked", true)]
        [InlineData("HeapTests", false)]
        [InlineData("ReaperSpec", false)]
        [InlineData("ContinueReadingTests", false)]
        [InlineData("BeginningOfEndTests", false)]
        [InlineData("TemplateTests", false)]
        public void NamesCallbackConstruct_ComparesWholeWords(string name, bool expected)
            => Assert.Equal(expected, CallbackUnderTest.NamesCallbackConstruct(name));

        private const string Pinger = """

            public sealed class Pinger
            {
                public event AsyncCompletedEventHandler? PingCompleted;
                public void PingAsync() => Task.Run(() => PingCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
                public Task PingTaskAsync() => Task.Delay(1);
            }
            """;
    }
}
