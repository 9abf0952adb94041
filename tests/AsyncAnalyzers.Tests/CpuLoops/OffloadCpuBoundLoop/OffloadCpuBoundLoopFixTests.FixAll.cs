using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopFixTests
    {
        [Fact]
        public Task FixAll_MovesEveryLoopOfTheDocument()
        {
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<long> M(int n)
                    {
                        await Task.Yield();
                        long a = 0;
                        [|for|] (int i = 0; i < n; i++)
                        {
                            for (int j = 0; j < i; j++)
                            {
                                a += i ^ j;
                            }
                        }

                        long b = 0;
                        [|for|] (int i = 0; i < n; i++)
                        {
                            for (int j = 0; j < i; j++)
                            {
                                b += i & j;
                            }
                        }

                        return a + b;
                    }
                }
                """;
            var fixedSource = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<long> M(int n)
                    {
                        await Task.Yield();
                        long a = await Task.Run(() =>
                        {
                            long a = 0;
                            for (int i = 0; i < n; i++)
                            {
                                for (int j = 0; j < i; j++)
                                {
                                    a += i ^ j;
                                }
                            }

                            return a;
                        });

                        long b = await Task.Run(() =>
                        {
                            long b = 0;
                            for (int i = 0; i < n; i++)
                            {
                                for (int j = 0; j < i; j++)
                                {
                                    b += i & j;
                                }
                            }

                            return b;
                        });

                        return a + b;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, TaskRun);
        }
    }
}
