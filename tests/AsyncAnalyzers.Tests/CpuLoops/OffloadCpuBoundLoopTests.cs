using System;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public class OffloadCpuBoundLoopTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

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

        // ---------------------------------------------------------------- reported

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

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("async Task<List<Dto>> M(List<Row> rows) { await Task.Yield(); var result = new List<Dto>(); foreach (var row in rows) { result.Add(new Dto(row.Id, row.Name.Trim().ToUpperInvariant(), row.Amount * 1.2)); } return result; }")]
        [InlineData("async Task<int[]> M(int n) { await Task.Yield(); var a = new int[n]; for (int i = 0; i < n; i++) { a[i] = i * 2 + 1; } return a; }")]
        [InlineData("async Task<double> M(List<Row> rows) { await Task.Yield(); double total = 0; foreach (var row in rows) { total += row.Amount; } return total; }")]
        [InlineData("async Task<double[,]> M(int w, int h) { await Task.Yield(); var g = new double[h, w]; for (int y = 0; y < h; y++) { for (int x = 0; x < w; x++) { g[y, x] = 1; } } return g; }")]
        [InlineData("async Task<double> M(List<Order> orders) { await Task.Yield(); double total = 0; foreach (var order in orders) { foreach (var line in order.Lines) { total += line.Price * line.Quantity; } } return total; }")]
        [InlineData("async Task<int> M(string[] lines) { await Task.Yield(); int commas = 0; foreach (var line in lines) { foreach (var c in line) { if (c == ',') { commas++; } } } return commas; }")]
        [InlineData("async Task<int> M(string[][] cells) { await Task.Yield(); int n = 0; for (int i = 0; i < cells.Length; i++) { for (int j = 0; j < cells[i].Length; j++) { n += cells[i][j].Length; } } return n; }")]
        [InlineData("async Task<long> M() { await Task.Yield(); long s = 0; for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { for (int k = 0; k < 3; k++) { s += i * j * k; } } } return s; }")]
        [InlineData("async Task<long> M() { await Task.Yield(); long s = 0; for (int i = 0; i < 10_000_000; i++) { s += i % 7; } return s; }")]
        public Task CheapLoops_AreNotReported(string member)
        {
            var source = Usings + "record Row(int Id, string Name, double Amount); record Dto(int Id, string Name, double Gross); record Line(double Price, int Quantity); record Order(List<Line> Lines);\nclass C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Theory]
        [InlineData("async Task M(Func<Task<bool>> tryOnce) { for (int attempt = 0; attempt < 5; attempt++) { try { if (await tryOnce()) { return; } } catch (TimeoutException) { } await Task.Delay(100 * attempt); } }")]
        [InlineData("async Task M(Func<bool> ready) { while (!ready()) { Thread.Sleep(10); } await Task.Yield(); }")]
        [InlineData("async Task M(Queue<int> work) { await Task.Yield(); while (true) { if (work.Count == 0) { break; } var item = work.Dequeue(); for (int i = 0; i < item; i++) { for (int j = 0; j < item; j++) { item ^= i * j; } } } }")]
        [InlineData("async Task M(double[,] a, double[,] b, double[,] c, int n) { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } await Task.Yield(); } } }")]
        [InlineData("void M(double[,] a, double[,] b, double[,] c, int n) { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } }")]
        [InlineData("async Task M(double[,] a, double[,] b, double[,] c, int n) { await Task.Run(() => { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } }); }")]
        [InlineData("async Task M(double[,] a, double[,] b, double[,] c, int n) { await Task.Run(async () => { await Task.Yield(); for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } }); }")]
        [InlineData("async Task M(double[,] a, int n) { await Task.Yield(); for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { Console.WriteLine(a[i, k]); } } } }")]
        [InlineData("async Task M(double[,] a, int n, object gate) { await Task.Yield(); for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { lock (gate) { for (int k = 0; k < n; k++) { a[i, j] += k; } } } } }")]
        [InlineData("async IAsyncEnumerable<int> M(int n) { await Task.Yield(); for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { yield return i * j * k; } } } }")]
        [InlineData("async Task M(List<Func<Task>> jobs, int n) { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { await jobs[k](); } } } }")]
        [InlineData("async Task M(double[,] a, double[,] b, double[,] c, int n) { await Task.Yield(); Action work = () => { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } }; }")]
        public Task RetryPollingAwaitingAndOffloadedLoops_AreNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task LoopCallingAHelperThatReadsFiles_IsNotReported()
        {
            var source = Usings + """
                class C
                {
                    async Task<int> CountAsync(string[] paths, int n)
                    {
                        await Task.Yield();
                        int total = 0;
                        for (int i = 0; i < n; i++)
                        {
                            total += CountLines(paths[i % paths.Length]);
                        }

                        return total;
                    }

                    static int CountLines(string path)
                    {
                        int lines = 0;
                        foreach (var line in System.IO.File.ReadLines(path))
                        {
                            lines += line.Length > 0 ? 1 : 0;
                        }

                        return lines;
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

        [Fact]
        public Task BusinessLoopsOverServicesAndFetchedPages_AreNotReported()
        {
            // Shapes from a media server: a page of items fetched per library, a backwards walk over each entry's
            // versions, and a loop that asks an injected service for every item.
            var source = Usings + """
                interface ILibrary { List<string> Page(string library, int start, int size); int Lookup(string id); }
                record Version(string Abi, int Code);
                record Entry(string Name, List<Version> Versions);
                class C
                {
                    private readonly ILibrary library = null!;

                    async Task<int> CollectAsync(string[] libraries)
                    {
                        await Task.Yield();
                        int names = 0;
                        foreach (var name in libraries)
                        {
                            var start = 0;
                            while (true)
                            {
                                var movies = library.Page(name, start, 1000);
                                foreach (var movie in movies)
                                {
                                    names += movie.Length * 31 + movie.GetHashCode() % 7;
                                }

                                if (movies.Count < 1000)
                                {
                                    break;
                                }

                                start += 1000;
                            }
                        }

                        return names;
                    }

                    async Task<int> FilterAsync(List<Entry> entries)
                    {
                        await Task.Yield();
                        int kept = 0;
                        foreach (var entry in entries)
                        {
                            for (int a = entry.Versions.Count - 1; a >= 0; a--)
                            {
                                kept += entry.Versions[a].Code * 3 % 5 + (entry.Versions[a].Abi.Length << 2);
                            }
                        }

                        return kept;
                    }

                    async Task<long> ResolveAsync(string[] ids, int rounds)
                    {
                        await Task.Yield();
                        long total = 0;
                        for (int r = 0; r < rounds; r++)
                        {
                            for (int i = 0; i < ids.Length; i++)
                            {
                                total += library.Lookup(ids[i]) * r;
                            }
                        }

                        return total;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Theory]
        [InlineData("async Task M(int n) { await Task.Yield(); for (;;) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { } } } }")]
        [InlineData("async Task M(int n) { await Task.Yield(); for (int i = 0; i < ; i++) { for (int j = 0; j < n; j++) { n += j * i; } } }")]
        [InlineData("async Task M(int n) { await Task.Yield(); foreach (var x in ) { for (int j = 0; j < n; j++) { n += j; } } }")]
        [InlineData("async Task M(int n) { await Task.Yield(); while () { } do { } while (Missing(n)); }")]
        [InlineData("async Task M(Unknown[] items, int n) { await Task.Yield(); foreach (Unknown item in items) { for (int j = 0; j < item.Size; j++) { for (int k = 0; k < n; k++) { item.Work(k * j); } } } }")]
        [InlineData("async Task M(int n) { await Task.Yield(); for (int i = 0, j = n; i < j; i++, j--) { for (int k = 0; k < n; k++) { for (int m = 0; m < n; m++) { n ^= k * m; } } } }")]
        public async Task IncompleteCode_DoesNotThrow(string member)
        {
            var references = await Verifiers.TestDefaults.ReferenceAssemblies.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, default);
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Usings + "class C { " + member + " }");
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Broken", new[] { tree }, references);
            var analyzer = new AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer();
            var withAnalyzers = Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions.WithAnalyzers(
                compilation,
                System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer));
            var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();

            Assert.Contains(diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}
