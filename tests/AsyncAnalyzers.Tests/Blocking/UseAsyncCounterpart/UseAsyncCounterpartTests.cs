using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseAsyncCounterpartTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Linq;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static DiagnosticResult Diagnostic(string call, string replacement, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, owner, "use 'await " + replacement + "'");

        private const string Probe = """

            public class Probe
            {
                public Probe Request(int n) => this;
                public Probe ExpectNext(int value) => this;
                public Task ExpectNextAsync(int value) => Task.CompletedTask;
            }
            public class Rows
            {
                public System.Collections.Generic.IEnumerable<int> Read() { yield return 1; }
                public async System.Collections.Generic.IAsyncEnumerable<int> ReadAsync() { await Task.Yield(); yield return 1; }
            }
            """;

        private static DiagnosticResult Advice(string call, string advice, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, owner, advice);
    }
}
