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
    }
}
