using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopWorkTests
    {
        [Theory]
        [InlineData("async Task<double[,]> M(double[,] block) { await Task.Yield(); var o = new double[8, 8]; for (int u = 0; u < 8; u++) { for (int v = 0; v < 8; v++) { double s = 0; for (int x = 0; x < 8; x++) { for (int y = 0; y < 8; y++) { s += block[x, y] * Math.Cos((2 * x + 1) * u * Math.PI / 16) * Math.Cos((2 * y + 1) * v * Math.PI / 16); } } o[u, v] = s / 4; } } return o; }")]
        [InlineData("async Task<int> M(int[,,] cube) { await Task.Yield(); int s = 0; for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++) s += cube[i, j, k] * (i + j + k); return s; }")]
        [InlineData("async Task<int[,]> M(int[] hits) { await Task.Yield(); var grid = new int[7, 24]; for (int d = 0; d < 7; d++) { for (int h = 0; h < 24; h++) { grid[d, h] = hits[d * 24 + h] * 100 / (hits[0] + 1); } } return grid; }")]
        [InlineData("async Task<uint[]> M() { await Task.Yield(); var table = new uint[256]; for (uint n = 0; n < 256; n++) { uint c = n; for (int k = 0; k < 8; k++) { c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1; } table[n] = c; } return table; }")]
        public Task SmallFixedNests_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");

        [Fact]
        public Task Options_FixedPointIterationsLowered_RelaxationIsNotReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { async Task M(double[] v) { await Task.Yield(); bool changed; do { changed = false; for (int i = 0; i < 50; i++) { for (int j = 0; j < 100; j++) { for (int k = 0; k < 100; k++) { double x = v[i] * 0.5 + v[j] * 0.25 + v[k] * 0.25; if (x > v[i] + 1e-9) { v[i] = x; changed = true; } } } } } while (changed); } }",
                "async_analyzers.ASYNC301.fixed_point_iterations = 1");

        [Fact]
        public Task FixedPointOverConstantNest_IsReportedWithDefaults() => Verify.VerifyAnalyzerAsync(
            "using System.Threading.Tasks;\nclass C { async Task M(double[] v) { await Task.Yield(); bool changed; [|do|] { changed = false; for (int i = 0; i < 50; i++) { for (int j = 0; j < 100; j++) { for (int k = 0; k < 100; k++) { double x = v[i] * 0.5 + v[j] * 0.25 + v[k] * 0.25; if (x > v[i] + 1e-9) { v[i] = x; changed = true; } } } } } while (changed); } }");
    }
}
