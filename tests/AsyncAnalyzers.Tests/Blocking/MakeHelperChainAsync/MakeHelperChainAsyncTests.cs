using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class MakeHelperChainAsyncTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Diagnostic(int location, string callee, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(location).WithArguments(callee, chain);
    }
}
