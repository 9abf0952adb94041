using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopWorkTests
    {
        private static Task Reported(string members)
            => Verify.VerifyAnalyzerAsync(Usings + "class C\n{\n" + members + "\n}\n");

        [Fact]
        public Task BitwiseCrcOverInput_IsReported() => Reported("""
                async Task<uint> CrcAsync(byte[] data)
                {
                    await Task.Yield();
                    uint crc = 0xFFFFFFFF;
                    [|foreach|] (var b in data)
                    {
                        crc ^= b;
                        for (int k = 0; k < 8; k++)
                        {
                            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                        }
                    }

                    return ~crc;
                }
            """);

        [Fact]
        public Task CharByCharTokenizerPerLine_IsReported() => Reported("""
                async Task<List<string>> TokenizeAsync(string[] lines)
                {
                    await Task.Yield();
                    var tokens = new List<string>();
                    var current = new StringBuilder();
                    [|foreach|] (var line in lines)
                    {
                        foreach (var c in line)
                        {
                            if (char.IsLetterOrDigit(c) || c == '_')
                            {
                                current.Append(char.ToLowerInvariant(c));
                            }
                            else if (current.Length > 0)
                            {
                                tokens.Add(current.ToString());
                                current.Clear();
                            }

                            if (char.IsPunctuation(c))
                            {
                                tokens.Add(c.ToString());
                            }
                        }
                    }

                    return tokens;
                }
            """);

        [Fact]
        public Task WordSplitterPerDocument_IsReported() => Reported("""
                async Task<Dictionary<string, int>> CountWordsAsync(List<string> documents)
                {
                    await Task.Yield();
                    var counts = new Dictionary<string, int>();
                    [|foreach|] (var document in documents)
                    {
                        int start = -1;
                        for (int i = 0; i <= document.Length; i++)
                        {
                            var c = i < document.Length ? char.ToLowerInvariant(document[i]) : ' ';
                            bool letter = char.IsLetter(c) || c == '\'';
                            if (letter && start < 0)
                            {
                                start = i;
                            }
                            else if (!letter && start >= 0)
                            {
                                var word = document.Substring(start, i - start);
                                counts[word] = counts.TryGetValue(word, out var n) ? n + 1 : 1;
                                start = -1;
                            }
                        }
                    }

                    return counts;
                }
            """);

        [Fact]
        public Task BreadthFirstSearchOverAQueue_IsReported() => Reported("""
                async Task<int[]> DistancesAsync(List<int>[] graph, int start)
                {
                    await Task.Yield();
                    var distance = new int[graph.Length];
                    Array.Fill(distance, -1);
                    distance[start] = 0;
                    var queue = new Queue<int>();
                    queue.Enqueue(start);
                    [|while|] (queue.Count > 0)
                    {
                        var node = queue.Dequeue();
                        foreach (var next in graph[node])
                        {
                            if (distance[next] < 0)
                            {
                                distance[next] = distance[node] + 1;
                                queue.Enqueue(next);
                            }
                        }
                    }

                    return distance;
                }
            """);

        [Fact]
        public Task DepthFirstSearchOverAStack_IsReported() => Reported("""
                async Task<int> ReachableAsync(Dictionary<int, int[]> edges, int root)
                {
                    await Task.Yield();
                    var seen = new HashSet<int> { root };
                    var stack = new Stack<int>();
                    stack.Push(root);
                    [|while|] (stack.TryPop(out var node))
                    {
                        foreach (var next in edges[node])
                        {
                            if (seen.Add(next))
                            {
                                stack.Push(next);
                            }
                        }
                    }

                    return seen.Count;
                }
            """);

        [Fact]
        public Task InsertionSort_IsReported() => Reported("""
                async Task SortAsync(int[] items)
                {
                    await Task.Yield();
                    [|for|] (int i = 1; i < items.Length; i++)
                    {
                        int key = items[i];
                        int j = i - 1;
                        while (j >= 0 && items[j] > key)
                        {
                            items[j + 1] = items[j];
                            j--;
                        }

                        items[j + 1] = key;
                    }
                }
            """);

        [Fact]
        public Task CollatzLengths_IsReported() => Reported("""
                async Task<int> LongestChainAsync(int limit)
                {
                    await Task.Yield();
                    int best = 0;
                    [|for|] (int i = 1; i < limit; i++)
                    {
                        long n = i;
                        int steps = 0;
                        while (n != 1)
                        {
                            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
                            steps++;
                        }

                        best = Math.Max(best, steps);
                    }

                    return best;
                }
            """);

        [Fact]
        public Task KMeansUntilConverged_IsReported() => Reported("""
                async Task<int[]> ClusterAsync(double[] xs, double[] ys, double[] cx, double[] cy)
                {
                    await Task.Yield();
                    var assignment = new int[xs.Length];
                    bool changed;
                    [|do|]
                    {
                        changed = false;
                        for (int p = 0; p < xs.Length; p++)
                        {
                            int nearest = 0;
                            double best = double.MaxValue;
                            for (int c = 0; c < cx.Length; c++)
                            {
                                double dx = xs[p] - cx[c], dy = ys[p] - cy[c];
                                double d = dx * dx + dy * dy;
                                if (d < best)
                                {
                                    best = d;
                                    nearest = c;
                                }
                            }

                            if (assignment[p] != nearest)
                            {
                                assignment[p] = nearest;
                                changed = true;
                            }
                        }
                    }
                    while (changed);

                    return assignment;
                }
            """);

        [Fact]
        public Task NaiveCompression_IsReported() => Reported("""
                async Task<List<(int Offset, int Length)>> MatchesAsync(byte[] input)
                {
                    await Task.Yield();
                    var output = new List<(int, int)>();
                    int pos = 0;
                    [|while|] (pos < input.Length)
                    {
                        int bestLength = 0, bestOffset = 0;
                        for (int start = Math.Max(0, pos - 4096); start < pos; start++)
                        {
                            int length = 0;
                            while (pos + length < input.Length && input[start + length] == input[pos + length])
                            {
                                length++;
                            }

                            if (length > bestLength)
                            {
                                bestLength = length;
                                bestOffset = pos - start;
                            }
                        }

                        output.Add((bestOffset, bestLength));
                        pos += Math.Max(1, bestLength);
                    }

                    return output;
                }
            """);

        [Theory]
        [InlineData("const int Iterations = 1_000_000;", "Iterations")]
        [InlineData("private const int Iterations = 250_000;", "Iterations")]
        [InlineData("", "1_000_000")]
        public Task SingleLoopWithLargeConstantBound_IsReported(string field, string bound) => Reported(field + """

                async Task<double> EstimateAsync()
                {
                    await Task.Yield();
                    double sum = 0;
                    [|for|] (int i = 0; i < BOUND; i++)
                    {
                        sum += 1.0 / (2 * i + 1) * (i % 2 == 0 ? 1 : -1);
                    }

                    return 4 * sum;
                }
            """.Replace("BOUND", bound));

        [Fact]
        public Task SingleLoopWithLocalConstBound_IsReported() => Reported("""
                async Task<long> SumAsync()
                {
                    await Task.Yield();
                    const int Count = 500_000;
                    long sum = 0;
                    [|for|] (int i = 0; i < Count; i++)
                    {
                        sum += (long)i * i % 7 + (i >> 3);
                    }

                    return sum;
                }
            """);

        [Fact]
        public Task LoopInAsyncLocalFunction_IsReported() => Reported("""
                void Start(double[,] a, int n)
                {
                    _ = Local();

                    async Task<double> Local()
                    {
                        await Task.Yield();
                        double total = 0;
                        [|for|] (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++)
                                for (int k = 0; k < n; k++)
                                    total += a[i, k] * a[k, j];
                        return total;
                    }
                }
            """);

        [Fact]
        public Task LoopInNonAsyncValueTaskMethod_IsReported() => Reported("""
                ValueTask<double> TotalAsync(double[] xs)
                {
                    double total = 0;
                    [|for|] (int i = 0; i < xs.Length; i++)
                        for (int j = i + 1; j < xs.Length; j++)
                            total += Math.Abs(xs[i] - xs[j]);
                    return new ValueTask<double>(total);
                }
            """);

        [Fact]
        public Task LoopAfterConfigureAwaitFalse_IsReported() => Reported("""
                async Task<double> TotalAsync(Func<Task<double[]>> load)
                {
                    var xs = await load().ConfigureAwait(false);
                    double total = 0;
                    [|for|] (int i = 0; i < xs.Length; i++)
                        for (int j = i + 1; j < xs.Length; j++)
                            total += Math.Abs(xs[i] - xs[j]);
                    return total;
                }
            """);

        [Fact]
        public Task HeavyLoopInsideLock_IsReported() => Reported("""
                private readonly object gate = new object();

                async Task<double> TotalAsync(double[] xs)
                {
                    await Task.Yield();
                    double total = 0;
                    lock (gate)
                    {
                        [|for|] (int i = 0; i < xs.Length; i++)
                            for (int j = i + 1; j < xs.Length; j++)
                                total += Math.Abs(xs[i] - xs[j]);
                    }

                    return total;
                }
            """);

        [Fact]
        public Task HeavyLoopOverStackallocSpan_IsReported() => Reported("""
                Task<int> CountAsync(int[] values)
                {
                    Span<int> histogram = stackalloc int[256];
                    int pairs = 0;
                    [|for|] (int i = 0; i < values.Length; i++)
                        for (int j = i + 1; j < values.Length; j++)
                            if (((values[i] ^ values[j]) & 0xFF) == 0)
                            {
                                histogram[values[i] & 0xFF]++;
                                pairs++;
                            }
                    return Task.FromResult(pairs + histogram[0]);
                }
            """);

        [Fact]
        public Task Options_ChildMinWorkLowered_CountingPerLineIsReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { async Task<int> M(string[] lines) { await Task.Yield(); int n = 0; [|foreach|] (var line in lines) { foreach (var c in line) { n += c % 3 + (c >> 2); } } return n; } }",
                "async_analyzers.ASYNC301.child_min_work = 2");

        [Fact]
        public Task PerItemHelperThatIsHeavyOnItsOwn_IsReported() => Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static double[,] Blur(double[,] image)
                {
                    int h = image.GetLength(0), w = image.GetLength(1);
                    var output = new double[h, w];
                    for (int y = 1; y < h - 1; y++)
                    {
                        for (int x = 1; x < w - 1; x++)
                        {
                            output[y, x] = (image[y - 1, x] + image[y + 1, x] + image[y, x - 1] + image[y, x + 1] + 4 * image[y, x]) / 8;
                        }
                    }

                    return output;
                }

                async Task<List<double[,]>> BlurAllAsync(List<double[,]> images)
                {
                    await Task.Yield();
                    var result = new List<double[,]>();
                    [|foreach|] (var image in images)
                    {
                        result.Add(Blur(image));
                    }

                    return result;
                }
            }
            """);
    }
}
