using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseTaskDelayTests
    {
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
    }
}
