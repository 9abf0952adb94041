using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC105 and iterator methods: calling one runs none of its body, which runs when the result is enumerated. The call
    /// blocks the async path only when the same function enumerates the result (found on Dapper, whose unbuffered QueryAsync
    /// hands back a deferred reader loop).
    /// </summary>
    public class DeferredIteratorTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string Rows = "IEnumerable<int> Rows() { Thread.Sleep(1); yield return 1; } IEnumerable<int> _kept = Enumerable.Empty<int>(); void Keep(IEnumerable<int> rows) => _kept = rows;";

        [Theory]
        [InlineData("async Task<IEnumerable<int>> M() { await Task.Yield(); return Rows(); }")]
        [InlineData("async Task M() { await Task.Yield(); _kept = Rows(); }")]
        [InlineData("async Task<IEnumerable<int>> M() { await Task.Yield(); var r = Rows(); return r; }")]
        [InlineData("async Task M() { await Task.Yield(); Keep(Rows().Where(x => x > 0)); }")]
        [InlineData("async Task M() { await Task.Yield(); Stash(); } void Stash() { var r = Rows(); _kept = r; }")]
        public Task IteratorWhoseResultIsNotEnumeratedHere_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + Rows + " " + member + " }");

        [Theory]
        [InlineData("async Task M() { await Task.Yield(); foreach (var x in {|#0:Rows()|}) { } }", "Rows", "Rows -> Thread.Sleep")]
        [InlineData("async Task<List<int>> M() { await Task.Yield(); return {|#0:Rows()|}.ToList(); }", "Rows", "Rows -> Thread.Sleep")]
        [InlineData("async Task<List<int>> M(bool all) { await Task.Yield(); var r = {|#0:Rows()|}; return all ? r.ToList() : new List<int>(); }", "Rows", "Rows -> Thread.Sleep")]
        [InlineData("async Task M() { await Task.Yield(); {|#0:Count()|}; } int Count() { var n = 0; foreach (var x in Rows()) n++; return n; }", "Count", "Count -> Rows -> Thread.Sleep")]
        [InlineData("async Task<IEnumerable<int>> M() { await Task.Yield(); return {|#0:Eager()|}; } IEnumerable<int> Eager() { Thread.Sleep(1); return new List<int>(); }", "Eager", "Eager -> Thread.Sleep")]
        public Task IteratorEnumeratedHere_OrABodyThatRunsAtTheCall_IsReported(string member, string callee, string chain)
            => Verify.VerifyAnalyzerAsync(
                Usings + "class C { " + Rows + " " + member + " }",
                Verify.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments(callee, chain));
    }
}
