using System;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopTests
    {
        private const string MatrixMultiply = """
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
            """;

        [Theory]
        [InlineData("async Task M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY }", "C.M")]
        [InlineData("async Task<int> M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY return 1; }", "C.M")]
        [InlineData("async ValueTask M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY }", "C.M")]
        [InlineData("async ValueTask<int> M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY return 1; }", "C.M")]
        [InlineData("Task M(double[,] a, double[,] b, double[,] c, int n) { BODY return Task.CompletedTask; }", "C.M")]
        [InlineData("void M() { Func<double[,], double[,], double[,], int, Task> f = async (a, b, c, n) => { await Task.Yield(); BODY }; }", "lambda")]
        [InlineData("void M() { async Task Local(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY } }", "Local")]
        [InlineData("async IAsyncEnumerable<int> M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); BODY yield return 1; }", "C.M")]
        public Task MatrixMultiply_InEveryAsyncShape_IsReported(string member, string owner)
        {
            var source = Usings + "class C { " + member.Replace("BODY", MatrixMultiply.Replace("for (int i", "{|#0:for|} (int i")) + " }";
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(owner, "O(n³)", "run it on the thread pool with 'await Task.Run', or parallelize it (its iterations are independent)"));
        }

        [Fact]
        public Task Blur_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<double[,]> BlurAsync(double[,] image, int width, int height)
                    {
                        await Task.Yield();
                        var output = new double[height, width];
                        [|for|] (int y = 1; y < height - 1; y++)
                        {
                            for (int x = 1; x < width - 1; x++)
                            {
                                double total = 0;
                                for (int dy = -1; dy <= 1; dy++)
                                {
                                    for (int dx = -1; dx <= 1; dx++)
                                    {
                                        total += image[y + dy, x + dx];
                                    }
                                }

                                output[y, x] = total / 9;
                            }
                        }

                        return output;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Sieve_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<int> CountPrimesAsync(int limit)
                    {
                        await Task.Yield();
                        var composite = new bool[limit + 1];
                        [|for|] (int i = 2; i * i <= limit; i++)
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

                        return composite.Count(c => !c);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Mandelbrot_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<int[,]> RenderAsync(int width, int height, int maxIterations)
                    {
                        await Task.Yield();
                        var image = new int[height, width];
                        [|for|] (int py = 0; py < height; py++)
                        {
                            for (int px = 0; px < width; px++)
                            {
                                double x0 = px * 3.5 / width - 2.5, y0 = py * 2.0 / height - 1.0;
                                double x = 0, y = 0;
                                int iteration = 0;
                                while (x * x + y * y <= 4 && iteration < maxIterations)
                                {
                                    double next = x * x - y * y + x0;
                                    y = 2 * x * y + y0;
                                    x = next;
                                    iteration++;
                                }

                                image[py, px] = iteration;
                            }
                        }

                        return image;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task MandelbrotWithConstantSize_IsReportedWithOperationCount()
        {
            var source = Usings + """
                class C
                {
                    async Task<int> RenderAsync()
                    {
                        await Task.Yield();
                        int inside = 0;
                        {|#0:for|} (int py = 0; py < 600; py++)
                        {
                            for (int px = 0; px < 800; px++)
                            {
                                double x = 0, y = 0;
                                int iteration = 0;
                                while (x * x + y * y <= 4 && iteration < 1000)
                                {
                                    double next = x * x - y * y + px / 400.0 - 1.5;
                                    y = 2 * x * y + py / 300.0 - 1.0;
                                    x = next;
                                    iteration++;
                                }

                                if (iteration == 1000)
                                {
                                    inside++;
                                }
                            }
                        }

                        return inside;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.RenderAsync", "about 7,200,960,600 operations", "run it on the thread pool with 'await Task.Run', or parallelize it (its iterations are independent)"));
        }

        [Fact]
        public Task HashingEveryRecordWithManyRounds_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<ulong[]> HashAsync(ulong[] records)
                    {
                        await Task.Yield();
                        var hashes = new ulong[records.Length];
                        [|for|] (int r = 0; r < records.Length; r++)
                        {
                            ulong h = records[r];
                            for (int round = 0; round < 100; round++)
                            {
                                h ^= h >> 33;
                                h *= 0xff51afd7ed558ccdUL;
                                h ^= h >> 29;
                            }

                            hashes[r] = h;
                        }

                        return hashes;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ReductionCallingALoopingMethod_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<int> CountPrimesAsync(int limit)
                    {
                        await Task.Yield();
                        int count = 0;
                        [|for|] (int i = 2; i < limit; i++)
                        {
                            if (IsPrime(i))
                            {
                                count++;
                            }
                        }

                        return count;
                    }

                    static bool IsPrime(int n)
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
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PairwiseDistanceSum_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<double> TotalDistanceAsync(double[] xs, double[] ys)
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

                        return total;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ForEachOverBigInputWithHeavyBody_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<double> SpectrumAsync(IEnumerable<double[]> frames)
                    {
                        await Task.Yield();
                        double energy = 0;
                        [|foreach|] (var frame in frames)
                        {
                            for (int k = 0; k < 64; k++)
                            {
                                double re = 0;
                                for (int t = 0; t < 64; t++)
                                {
                                    re += frame[t] * Math.Cos(2 * Math.PI * k * t / 64);
                                }

                                energy += re * re;
                            }
                        }

                        return energy;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task OnlyTheOutermostHeavyLoop_IsReported()
        {
            var source = Usings + "class C { async Task M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); " + MatrixMultiply.Replace("for (int i", "[|for|] (int i") + " } }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HeavyLoopInsideALoopThatAwaits_IsReported()
        {
            var source = Usings + """
                class C
                {
                    async Task M(IEnumerable<int> sizes)
                    {
                        foreach (var n in sizes)
                        {
                            await Task.Delay(1);
                            long total = 0;
                            [|for|] (int i = 0; i < n; i++)
                            {
                                for (int j = 0; j < n; j++)
                                {
                                    total += (i ^ j) % 7 * (i + j);
                                }
                            }

                            Console.WriteLine(total);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task LoopCallingALoopingHelperInAnotherFile_CountsAsAPlainCall()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(Usings + "class C { async Task<long> M(int limit) { await Task.Yield(); long count = 0; for (int i = 2; i < limit; i++) { if (Helpers.IsPrime(i)) { count++; } } return count; } }");
            test.TestState.Sources.Add("static class Helpers { public static bool IsPrime(int n) { for (int d = 2; d * d <= n; d++) { if (n % d == 0) { return false; } } return true; } }");
            return test.RunAsync();
        }

        [Fact]
        public Task HelperWithTryCatch_StillCountsAsComputation()
        {
            var source = Usings + """
                class C
                {
                    async Task<int> CountAsync(int limit)
                    {
                        await Task.Yield();
                        int count = 0;
                        [|for|] (int i = 2; i < limit; i++)
                        {
                            if (IsPrime(i))
                            {
                                count++;
                            }
                        }

                        return count;
                    }

                    static bool IsPrime(int n)
                    {
                        try
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
                        catch (OverflowException)
                        {
                            return false;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
