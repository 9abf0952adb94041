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
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";
    }
}
