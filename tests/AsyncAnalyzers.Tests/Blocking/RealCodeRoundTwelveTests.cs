using System.Threading.Tasks;
using Xunit;
using Verify101 = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Session 20's review: how a field is written. <c>!f</c> and <c>f!</c> read it; <c>out f!</c>, <c>(f, n) = ...</c>
    /// and <c>&amp;f</c> write it (<c>TypeReferences.AssignmentTo</c>, used by every analysis that asks who writes a field).
    /// </summary>
    public class RealCodeRoundTwelveTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\n";

        [Theory]
        [InlineData("public void Pick(Dictionary<string, Task<int>> pending, string k) { pending.TryGetValue(k, out last!); }")]
        [InlineData("public void Pick(Task<int> next) { (last, count) = (next, 1); }")]
        public Task FieldWrittenThroughOutOrATuple_IsNotKnownComplete(string writer)
        {
            return Verify101.VerifyAnalyzerAsync(Usings + "#nullable enable\nclass Cache\n{\n    private Task<int>? last = Task.FromResult(0);\n    private int count;\n    " + writer + """

                    public async Task<int> ReadAsync() { await Task.Yield(); return {|#0:last!.Result|} + count; }
                }
                """, Verify101.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
        }

        [Theory]
        // Reads: a negation, a null-forgiving read.
        [InlineData("public bool IsIdle => !busy && last! != null;")]
        public Task FieldOnlyReadElsewhere_StaysKnownComplete(string reader)
        {
            // Every write is a completed task, and '!busy' and 'last!' only read: '.Result' does not block.
            return Verify101.VerifyAnalyzerAsync(Usings + "#nullable enable\nclass Cache\n{\n    private bool busy;\n    private Task<int>? last = Task.FromResult(0);\n    " + reader + """

                    public async Task<int> ReadAsync() { await Task.Yield(); return last!.Result; }
                }
                """);
        }
    }
}
