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
        public Task LoopCarriedDependency_OffersOnlyTaskRun()
        {
            // Sieve: iteration i reads composite[i], which earlier iterations write.
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<bool[]> SieveAsync(int limit)
                    {
                        await Task.Yield();
                        var composite = new bool[limit + 1];
                        {|#0:for|} (int i = 2; i * i <= limit; i++)
                        {
                            if (composite[i])
                            {
                                continue;
                            }

                            for (int j = i * i; j <= limit; j += i)
                            {
                                composite[j] = true;
                            }
                        }

                        return composite;
                    }
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = Parallel,
                CodeActionIndex = null,
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.SieveAsync", "O(n²)", "run it on the thread pool with 'await Task.Run'"));
            test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.SieveAsync", "O(n²)", "run it on the thread pool with 'await Task.Run'"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("ref double[,] c", "it uses the ref parameter 'c'")]
        [InlineData("in double[,] c", "it uses the in parameter 'c'")]
        public Task CapturedRefParameter_NoFix_MessageSaysWhy(string parameter, string reason)
        {
            var source = "using System.Threading.Tasks;\nclass C { Task M(double[,] a, double[,] b, " + parameter + ", int n) { {|#0:for|} (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } return Task.CompletedTask; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("C.M", "O(n³)", "it cannot move into a 'Task.Run' lambda as written (" + reason + "); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        [Fact]
        public Task ReturnFromTheMethod_NoFix_MessageSaysWhy()
        {
            var source = "using System.Threading.Tasks;\nclass C { async Task<int> M(int[] a) { await Task.Yield(); {|#0:for|} (int i = 0; i < a.Length; i++) { for (int j = 0; j < i; j++) { if (a[i] + a[j] == 0) { return i; } } } return -1; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("C.M", "O(n²)", "it cannot move into a 'Task.Run' lambda as written (it returns from the method); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        [Fact]
        public Task StructThis_NoFix_MessageSaysWhy()
        {
            var source = "using System.Threading.Tasks;\nstruct S { int[] data; async Task<long> M() { await Task.Yield(); long s = 0; {|#0:for|} (int i = 0; i < data.Length; i++) { for (int j = 0; j < i; j++) { s += data[i] * data[j]; } } return s; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("S.M", "O(n²)", "it cannot move into a 'Task.Run' lambda as written (it uses 'this' of a struct); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        private const string AspNetFakes = """
            namespace Microsoft.AspNetCore.Mvc
            {
                public abstract class ControllerBase { }
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ApiControllerAttribute : System.Attribute { }
            }
            namespace Microsoft.AspNetCore.Builder
            {
                public interface IEndpointRouteBuilder { }
                public static class EndpointRouteBuilderExtensions
                {
                    public static object MapGet(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                }
            }
            namespace Microsoft.AspNetCore.SignalR
            {
                public abstract class Hub { }
            }

            """;

        private const string HandlerAdvice = "in a request handler 'Task.Run' only moves it to another pool thread; parallelize it or make it cheaper";

        [Theory]
        [InlineData("public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase { public async Task<double[,]> Get(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportController.Get")]
        [InlineData("[Microsoft.AspNetCore.Mvc.ApiController] public class ReportController { public async Task<double[,]> Get(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportController.Get")]
        [InlineData("public class ReportHub : Microsoft.AspNetCore.SignalR.Hub { public async Task<double[,]> Multiply(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportHub.Multiply")]
        [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app) { Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, \"/m\", async (double[,] a, double[,] b, int n) => { await Task.Yield(); BODY return c; }); } }", "lambda")]
        public Task RequestHandler_ReportsThatTaskRunDoesNotHelp_OffersOnlyParallel(string type, string owner)
        {
            const string Body = "var c = new double[n, n]; {|#0:for|} (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { double s = 0; for (int k = 0; k < n; k++) { s += a[i, k] * b[k, j]; } c[i, j] = s; } }";
            var source = "using System.Threading.Tasks;\n" + AspNetFakes + type.Replace("BODY", Body);
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = TaskRun,
                CodeActionIndex = null,
            };
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(owner, "O(n³)", HandlerAdvice);
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task RequestHandler_ParallelFix_DoesNotWrapInTaskRun()
        {
            var source = "using System.Threading.Tasks;\n" + AspNetFakes + """
                public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public async Task<int[]> Get(int[] seeds)
                    {
                        await Task.Yield();
                        var result = new int[seeds.Length];
                        [|for|] (int i = 0; i < seeds.Length; i++)
                        {
                            int x = seeds[i];
                            for (int round = 0; round < 500; round++)
                            {
                                x = (x * 1103515245 + 12345) & 0x7fffffff;
                            }

                            result[i] = x;
                        }

                        return result;
                    }
                }
                """;
            var fixedSource = "using System.Threading.Tasks;\n" + AspNetFakes + """
                public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public async Task<int[]> Get(int[] seeds)
                    {
                        await Task.Yield();
                        var result = new int[seeds.Length];
                        Parallel.For(0, seeds.Length, i =>
                        {
                            int x = seeds[i];
                            for (int round = 0; round < 500; round++)
                            {
                                x = (x * 1103515245 + 12345) & 0x7fffffff;
                            }

                            result[i] = x;
                        });

                        return result;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, Parallel);
        }

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

        private static Task VerifyNoFixAsync(string source, Microsoft.CodeAnalysis.Testing.DiagnosticResult expected)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync();
        }

        private static string Markup(string source) => source.Replace("[|", string.Empty).Replace("|]", string.Empty).Replace("{|#0:", string.Empty);
    }
}
