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
