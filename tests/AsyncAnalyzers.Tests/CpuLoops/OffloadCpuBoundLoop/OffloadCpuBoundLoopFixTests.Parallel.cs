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

        [Fact]
        public Task Parallel_IndependentRowsBecomeParallelFor()
            => Verify.VerifyCodeFixAsync(MatrixSource, MatrixParallelFixed, Parallel);

        [Fact]
        public async Task Matrix_BothFixes_BehaveTheSame()
        {
            var original = Markup(MatrixSource);
            await ExecutionVerifier.AssertSameBehaviourAsync(original, MatrixTaskRunFixed);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(original, MatrixParallelFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        [Fact]
        public async Task Parallel_ForEachOverIndependentItemsWithIntegerSum()
        {
            var source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                public class C
                {
                    public async Task<long> ScoreAsync(List<string> words)
                    {
                        await Task.Yield();
                        long score = 0;
                        [|foreach|] (var word in words)
                        {
                            for (int round = 0; round < 200; round++)
                            {
                                score += (word.Length * 31 + round) % 7;
                            }
                        }

                        return score;
                    }
                }
                """;
            var fixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;

                public class C
                {
                    public async Task<long> ScoreAsync(List<string> words)
                    {
                        await Task.Yield();
                        long score = 0;
                        await Task.Run(() => Parallel.ForEach(words, () => 0L, (word, loopState, localScore) =>
                        {
                            for (int round = 0; round < 200; round++)
                            {
                                localScore += (word.Length * 31 + round) % 7;
                            }

                            return localScore;
                        }, localScore => Interlocked.Add(ref score, localScore)));

                        return score;
                    }
                }
                """;
            await Verify.VerifyCodeFixAsync(source, fixedSource, Parallel);
            const string Main = "\npublic static class Program { public static async System.Threading.Tasks.Task Main() { var words = new System.Collections.Generic.List<string>(); for (int i = 0; i < 3000; i++) { words.Add(new string((char)(97 + i % 26), i % 13 + 1)); } System.Console.Write(await new C().ScoreAsync(words)); } }\n";
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(source) + Main, fixedSource + Main);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        private const string MaxSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> LongestChainAsync(int limit)
                {
                    await Task.Yield();
                    int longest = 0;
                    [|for|] (int i = 1; i < limit; i++)
                    {
                        long n = i;
                        int steps = 0;
                        while (n != 1 && steps < 1000)
                        {
                            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                            steps++;
                        }

                        longest = Math.Max(longest, steps);
                    }

                    return longest;
                }

                public static async Task Main() => Console.Write(await LongestChainAsync(30_000));
            }
            """;

        private const string MaxParallelFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> LongestChainAsync(int limit)
                {
                    await Task.Yield();
                    int longest = 0;
                    var longestGate = new object();
                    await Task.Run(() => Parallel.For(1, limit, () => int.MinValue, (i, loopState, localLongest) =>
                    {
                        long n = i;
                        int steps = 0;
                        while (n != 1 && steps < 1000)
                        {
                            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                            steps++;
                        }

                        localLongest = Math.Max(localLongest, steps);
                        return localLongest;
                    }, localLongest => { lock (longestGate) { longest = Math.Max(longest, localLongest); } }));

                    return longest;
                }

                public static async Task Main() => Console.Write(await LongestChainAsync(30_000));
            }
            """;

        [Fact]
        public async Task Parallel_MaxReductionMergesPartialMaximaUnderALock()
        {
            await Verify.VerifyCodeFixAsync(MaxSource, MaxParallelFixed, Parallel);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(MaxSource), MaxParallelFixed);
            Assert.Equal("307", outcome.Output);
        }
    }
}
