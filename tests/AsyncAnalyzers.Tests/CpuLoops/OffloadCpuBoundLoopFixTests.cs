using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public class OffloadCpuBoundLoopFixTests
    {
        private const string TaskRun = OffloadCpuBoundLoopFixer.TaskRunKey;
        private const string Parallel = OffloadCpuBoundLoopFixer.ParallelKey;

        private const string PairwiseSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<double> TotalDistanceAsync(double[] xs, double[] ys)
                {
                    await Task.Yield();
                    double total = 0;
                    [|for|] (int i = 0; i < xs.Length; i++)
                    {
                        for (int j = i + 1; j < xs.Length; j++)
                        {
                            total += Math.Sqrt((xs[i] - xs[j]) * (xs[i] - xs[j]) + (ys[i] - ys[j]) * (ys[i] - ys[j]));
                        }
                    }

                    return Math.Round(total, 6);
                }

                public static async Task Main()
                {
                    var xs = new double[300];
                    var ys = new double[300];
                    for (int i = 0; i < xs.Length; i++)
                    {
                        xs[i] = i % 17;
                        ys[i] = i % 23;
                    }

                    Console.Write(await TotalDistanceAsync(xs, ys));
                }
            }
            """;

        private const string PairwiseFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<double> TotalDistanceAsync(double[] xs, double[] ys)
                {
                    await Task.Yield();
                    double total = await Task.Run(() =>
                    {
                        double total = 0;
                        for (int i = 0; i < xs.Length; i++)
                        {
                            for (int j = i + 1; j < xs.Length; j++)
                            {
                                total += Math.Sqrt((xs[i] - xs[j]) * (xs[i] - xs[j]) + (ys[i] - ys[j]) * (ys[i] - ys[j]));
                            }
                        }

                        return total;
                    });

                    return Math.Round(total, 6);
                }

                public static async Task Main()
                {
                    var xs = new double[300];
                    var ys = new double[300];
                    for (int i = 0; i < xs.Length; i++)
                    {
                        xs[i] = i % 17;
                        ys[i] = i % 23;
                    }

                    Console.Write(await TotalDistanceAsync(xs, ys));
                }
            }
            """;

        [Fact]
        public Task TaskRun_ReturnsTheComputedLocalThroughTheLambda()
            => Verify.VerifyCodeFixAsync(PairwiseSource, PairwiseFixed, TaskRun);

        [Fact]
        public async Task TaskRun_ReturnsTheComputedLocal_BehavesTheSame()
        {
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(PairwiseSource), PairwiseFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }


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

        private const string CountPrimesParallelFixed = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> CountPrimesAsync(int limit)
                {
                    int count = 0;
                    await Task.Run(() => Parallel.For(2, limit, () => 0, (i, loopState, localCount) =>
                    {
                        if (!IsPrime(i))
                        {
                            return localCount;
                        }

                        localCount++;
                        return localCount;
                    }, localCount => Interlocked.Add(ref count, localCount)));

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

        [Fact]
        public Task TaskRun_MakesTheMethodAsync()
            => Verify.VerifyCodeFixAsync(CountPrimesSource, CountPrimesTaskRunFixed, TaskRun);

        [Fact]
        public Task Parallel_ReductionUsesThreadLocalPartialSums()
            => Verify.VerifyCodeFixAsync(CountPrimesSource, CountPrimesParallelFixed, Parallel);

        [Fact]
        public async Task CountPrimes_BothFixes_BehaveTheSame()
        {
            var original = Markup(CountPrimesSource);
            var viaTaskRun = await ExecutionVerifier.AssertSameBehaviourAsync(original, CountPrimesTaskRunFixed);
            var viaParallel = await ExecutionVerifier.AssertSameBehaviourAsync(original, CountPrimesParallelFixed);
            Assert.Equal("5133<returned >", viaTaskRun.ToString() + "<returned >");
            Assert.Equal(viaTaskRun.Output, viaParallel.Output);
        }

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

        private const string MatrixParallelFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<double[,]> MultiplyAsync(double[,] a, double[,] b, int n)
                {
                    await Task.Yield();
                    var c = new double[n, n];
                    await Task.Run(() => Parallel.For(0, n, i =>
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
                    }));

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
        public Task Parallel_IndependentRowsBecomeParallelFor()
            => Verify.VerifyCodeFixAsync(MatrixSource, MatrixParallelFixed, Parallel);

        [Fact]
        public Task TaskRun_LoopWithoutComputedLocals_MovesAsIs()
            => Verify.VerifyCodeFixAsync(MatrixSource, MatrixTaskRunFixed, TaskRun);

        [Fact]
        public async Task Matrix_BothFixes_BehaveTheSame()
        {
            var original = Markup(MatrixSource);
            await ExecutionVerifier.AssertSameBehaviourAsync(original, MatrixTaskRunFixed);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(original, MatrixParallelFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        private static string Markup(string source) => source.Replace("[|", string.Empty).Replace("|]", string.Empty).Replace("{|#0:", string.Empty);
    }
}
