using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    /// <summary>ASYNC301's cost model on the work a loop does: products of trip counts, work loops that are not <c>for</c>, and what is not CPU work.</summary>
    public partial class OffloadCpuBoundLoopWorkTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string CrcLoop = "using System.Threading.Tasks;\nclass C { async Task<uint> M(byte[] data) { await Task.Yield(); uint crc = 0; [|foreach|] (var b in data) { crc ^= b; for (int k = 0; k < 8; k++) { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1; } } return crc; } }";

        private static Task WithOptions(string source, string options)
        {
            var test = new Verify.Test { TestCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + options + "\n"));
            return test.RunAsync();
        }
    }
}
