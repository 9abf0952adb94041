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

        [Fact]
        public Task TaskRun_MakesTheMethodAsync()
            => Verify.VerifyCodeFixAsync(CountPrimesSource, CountPrimesTaskRunFixed, TaskRun);

        [Fact]
        public Task TaskRun_LoopWithoutComputedLocals_MovesAsIs()
            => Verify.VerifyCodeFixAsync(MatrixSource, MatrixTaskRunFixed, TaskRun);

        [Fact]
        public async Task TaskRun_SeveralComputedLocals_ComeBackAsATuple()
        {
            var source = """
                using System.Threading.Tasks;

                public class C
                {
                    public async Task<string> StatsAsync(int[] values)
                    {
                        await Task.Yield();
                        long sum = 0;
                        int max = int.MinValue;
                        [|for|] (int i = 0; i < values.Length; i++)
                        {
                            for (int j = 0; j < values.Length; j++)
                            {
                                int product = values[i] * values[j] % 1000;
                                sum += product;
                                if (product > max)
                                {
                                    max = product;
                                }
                            }
                        }

                        return sum + "/" + max;
                    }
                }
                """;
            var fixedSource = """
                using System.Threading.Tasks;

                public class C
                {
                    public async Task<string> StatsAsync(int[] values)
                    {
                        await Task.Yield();
                        var (sum, max) = await Task.Run(() =>
                        {
                            long sum = 0;
                            int max = int.MinValue;
                            for (int i = 0; i < values.Length; i++)
                            {
                                for (int j = 0; j < values.Length; j++)
                                {
                                    int product = values[i] * values[j] % 1000;
                                    sum += product;
                                    if (product > max)
                                    {
                                        max = product;
                                    }
                                }
                            }

                            return (sum, max);
                        });

                        return sum + "/" + max;
                    }
                }
                """;
            await Verify.VerifyCodeFixAsync(source, fixedSource, TaskRun);
            const string Main = "\npublic static class Program { public static async System.Threading.Tasks.Task Main() { var values = new int[400]; for (int i = 0; i < values.Length; i++) { values[i] = i * 37 % 101; } System.Console.Write(await new C().StatsAsync(values)); } }\n";
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(source) + Main, fixedSource + Main);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        [Fact]
        public Task TaskRun_InAnAsyncLambda()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Func<int[], Task<long>> pairs = async values =>
                    {
                        await Task.Yield();
                        long same = 0;
                        [|for|] (int i = 0; i < values.Length; i++)
                        {
                            for (int j = 0; j < i; j++)
                            {
                                same += values[i] == values[j] ? 1 : 0;
                            }
                        }

                        return same;
                    };
                }
                """;
            var fixedSource = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Func<int[], Task<long>> pairs = async values =>
                    {
                        await Task.Yield();
                        long same = await Task.Run(() =>
                        {
                            long same = 0;
                            for (int i = 0; i < values.Length; i++)
                            {
                                for (int j = 0; j < i; j++)
                                {
                                    same += values[i] == values[j] ? 1 : 0;
                                }
                            }

                            return same;
                        });

                        return same;
                    };
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, TaskRun);
        }

        [Fact]
        public Task TaskRun_InTopLevelStatements()
        {
            var test = new Verify.Test
            {
                TestCode = "using System;\nusing System.Threading.Tasks;\n\nawait Task.Yield();\nvar data = new int[2000];\nlong hits = 0;\n[|for|] (int i = 0; i < data.Length; i++)\n{\n    for (int j = 0; j < i; j++)\n    {\n        hits += (i * j) % 3;\n    }\n}\n\nConsole.WriteLine(hits);\n",
                FixedCode = "using System;\nusing System.Threading.Tasks;\n\nawait Task.Yield();\nvar data = new int[2000];\nlong hits = 0;\nawait Task.Run(() =>\n{\n    for (int i = 0; i < data.Length; i++)\n    {\n        for (int j = 0; j < i; j++)\n        {\n            hits += (i * j) % 3;\n        }\n    }\n});\n\nConsole.WriteLine(hits);\n",
                CodeActionEquivalenceKey = TaskRun,
                CodeActionIndex = null,
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task TaskRun_LocalReadOnlyByALocalFunction_IsReturned()
        {
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> M(int[] a)
                    {
                        await Task.Yield();
                        long pairs = 0;
                        [|for|] (int i = 0; i < a.Length; i++)
                        {
                            for (int j = 0; j < i; j++)
                            {
                                pairs += (a[i] ^ a[j]) & 1;
                            }
                        }

                        return Report();

                        string Report() => "pairs: " + pairs;
                    }
                }
                """;
            var fixedSource = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> M(int[] a)
                    {
                        await Task.Yield();
                        long pairs = await Task.Run(() =>
                        {
                            long pairs = 0;
                            for (int i = 0; i < a.Length; i++)
                            {
                                for (int j = 0; j < i; j++)
                                {
                                    pairs += (a[i] ^ a[j]) & 1;
                                }
                            }

                            return pairs;
                        });

                        return Report();

                        string Report() => "pairs: " + pairs;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, TaskRun);
        }
    }
}
