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
        private const string TaskRun = OffloadCpuBoundLoopFixer.TaskRunKey;

        private const string Parallel = OffloadCpuBoundLoopFixer.ParallelKey;

        private const string CountPrimesSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static Task<int> CountPrimesAsync(int limit)
                {
                    int count = 0;
                    [|for|] (int i = 2; i < limit; i++)
                    {
                        if (!IsPrime(i))
                        {
                            continue;
                        }

                        count++;
                    }

                    return Task.FromResult(count);
                }

                private static bool IsPrime(int n)
                {
                    for (int d = 2; d * d <= n; d++)
                    {
                        if (n % d == 0)
                        {
                            return false;
                        }
                    }

                    return true;
                }

                public static async Task Main() => Console.Write(await CountPrimesAsync(50_000));
            }
            """;

        private const string CountPrimesTaskRunFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> CountPrimesAsync(int limit)
                {
                    int count = await Task.Run(() =>
                    {
                        int count = 0;
                        for (int i = 2; i < limit; i++)
                        {
                            if (!IsPrime(i))
                            {
                                continue;
                            }

                            count++;
                        }

                        return count;
                    });

                    return count;
                }

                private static bool IsPrime(int n)
                {
                    for (int d = 2; d * d <= n; d++)
                    {
                        if (n % d == 0)
                        {
                            return false;
                        }
                    }

                    return true;
                }

                public static async Task Main() => Console.Write(await CountPrimesAsync(50_000));
            }
            """;

        private const string MatrixSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<double[,]> MultiplyAsync(double[,] a, double[,] b, int n)
                {
                    await Task.Yield();
                    var c = new double[n, n];
                    [|for|] (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            double sum = 0;
                            for (int k = 0; k < n; k++)
                            {
                                sum += a[i, k] * b[k, j];
                            }

                            c[i, j] = sum;
                        }
                    }

                    return c;
                }

                public static async Task Main()
                {
                    const int n = 60;
                    var a = new double[n, n];
                    var b = new double[n, n];
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            a[i, j] = (i * 7 + j) % 11;
                            b[i, j] = (i + j * 3) % 5;
                        }
                    }

                    var c = await MultiplyAsync(a, b, n);
                    double trace = 0;
                    for (int i = 0; i < n; i++)
                    {
                        trace += c[i, i] * (i + 1);
                    }

                    Console.Write(trace);
                }
            }
            """;

        private const string MatrixTaskRunFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<double[,]> MultiplyAsync(double[,] a, double[,] b, int n)
                {
                    await Task.Yield();
                    var c = new double[n, n];
                    await Task.Run(() =>
                    {
                        for (int i = 0; i < n; i++)
                        {
                            for (int j = 0; j < n; j++)
                            {
                                double sum = 0;
                                for (int k = 0; k < n; k++)
                                {
                                    sum += a[i, k] * b[k, j];
                                }

                                c[i, j] = sum;
                            }
                        }
                    });

                    return c;
                }

                public static async Task Main()
                {
                    const int n = 60;
                    var a = new double[n, n];
                    var b = new double[n, n];
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            a[i, j] = (i * 7 + j) % 11;
                            b[i, j] = (i + j * 3) % 5;
                        }
                    }

                    var c = await MultiplyAsync(a, b, n);
                    double trace = 0;
                    for (int i = 0; i < n; i++)
                    {
                        trace += c[i, i] * (i + 1);
                    }

                    Console.Write(trace);
                }
            }
            """;

        [Fact]
        public Task Options_RaiseTheThreshold_LoopIsNoLongerReported()
        {
            var test = new Verify.Test
            {
                TestCode = "using System.Threading.Tasks;\nclass C { async Task<long> M(int[] a) { await Task.Yield(); long s = 0; for (int i = 0; i < a.Length; i++) { for (int j = 0; j < a.Length; j++) { s += a[i] * a[j] % 7; } } return s; } }",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.ASYNC301.quadratic_min_work = 1000\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Options_LowerTheThreshold_LoopIsReported()
        {
            var test = new Verify.Test
            {
                TestCode = "using System.Threading.Tasks;\nclass C { async Task<long> M(int[] a) { await Task.Yield(); long s = 0; {|#0:for|} (int i = 0; i < a.Length; i++) { s += a[i] % 7; } return s; } }",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.ASYNC301.linear_min_work = 2\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.M", "O(n)", "run it on the thread pool with 'await Task.Run', or parallelize it (its iterations are independent)"));
            return test.RunAsync();
        }

        private static string Markup(string source) => source.Replace("[|", string.Empty).Replace("|]", string.Empty).Replace("{|#0:", string.Empty);
    }
}
