using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopWorkFixTests
    {
        [Fact]
        public Task LoopInNestedLocks_MessageSaysToExtractIt()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object outer = new object(), inner = new object();

                    async Task<double> SpreadAsync(double[] xs)
                    {
                        await Task.Yield();
                        double total = 0;
                        lock (outer)
                        {
                            lock (inner)
                            {
                                {|#0:for|} (int i = 0; i < xs.Length; i++)
                                    for (int j = i + 1; j < xs.Length; j++)
                                        total += Math.Abs(xs[i] - xs[j]);
                            }
                        }

                        return total;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(
                        "C.SpreadAsync",
                        "O(n²)",
                        "it cannot move into a 'Task.Run' lambda as written (it is inside nested locks, where 'await' is not allowed); extract it into a method and run that with 'await Task.Run'"));
        }

        [Fact]
        public Task LockThatReturns_MessageSaysToExtractIt()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object gate = new object();

                    async Task<double> SpreadAsync(double[] xs)
                    {
                        await Task.Yield();
                        double total = 0;
                        lock (gate)
                        {
                            if (xs.Length == 0)
                            {
                                return 0;
                            }

                            {|#0:for|} (int i = 0; i < xs.Length; i++)
                                for (int j = i + 1; j < xs.Length; j++)
                                    total += Math.Abs(xs[i] - xs[j]);
                        }

                        return total;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(
                        "C.SpreadAsync",
                        "O(n²)",
                        "it cannot move into a 'Task.Run' lambda as written (the lock around it returns from the method); extract it into a method and run that with 'await Task.Run'"));
        }

        [Fact]
        public Task SpanUsedAfterTheLoop_MessageSaysToExtractIt()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task<int> CountAsync(int[] values)
                    {
                        Span<int> buckets = stackalloc int[16];
                        {|#0:for|} (int i = 0; i < values.Length; i++)
                            for (int j = i + 1; j < values.Length; j++)
                                buckets[(values[i] ^ values[j]) & 15] += values[i] % 7 - values[j] % 5;
                        return Task.FromResult(buckets[0]);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(
                        "C.CountAsync",
                        "O(n²)",
                        "it cannot move into a 'Task.Run' lambda as written (it uses the Span local 'buckets'); extract it into a method and run that with 'await Task.Run'"));
        }
    }
}
