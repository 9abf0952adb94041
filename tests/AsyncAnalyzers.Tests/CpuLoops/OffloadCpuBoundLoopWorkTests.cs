using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    /// <summary>ASYNC301's cost model on the work a loop does: products of trip counts, work loops that are not <c>for</c>, and what is not CPU work.</summary>
    public class OffloadCpuBoundLoopWorkTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Task Reported(string members)
            => Verify.VerifyAnalyzerAsync(Usings + "class C\n{\n" + members + "\n}\n");

        // ---------------------------------------------------------------- reported: products of trip counts

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

        // ---------------------------------------------------------------- reported: work loops that are not for

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

        // ---------------------------------------------------------------- reported: bounds and contexts

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

        // ---------------------------------------------------------------- not reported: O(1) bodies over input

        [Theory]
        [InlineData("async Task<string> M(byte[] data) { await Task.Yield(); const string Hex = \"0123456789abcdef\"; var sb = new StringBuilder(data.Length * 2); foreach (var b in data) { sb.Append(Hex[b >> 4]); sb.Append(Hex[b & 0xF]); } return sb.ToString(); }")]
        [InlineData("async Task M(byte[] payload, byte[] mask) { await Task.Yield(); for (int i = 0; i < payload.Length; i++) { payload[i] ^= mask[i & 3]; } }")]
        [InlineData("async Task<char[]> M(byte[] input) { await Task.Yield(); const string A = \"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\"; var output = new char[(input.Length + 2) / 3 * 4]; int o = 0; for (int i = 0; i + 2 < input.Length; i += 3) { int v = input[i] << 16 | input[i + 1] << 8 | input[i + 2]; output[o++] = A[v >> 18 & 63]; output[o++] = A[v >> 12 & 63]; output[o++] = A[v >> 6 & 63]; output[o++] = A[v & 63]; } return output; }")]
        [InlineData("async Task<uint> M(byte[] data, uint[] table) { await Task.Yield(); uint crc = 0xFFFFFFFF; foreach (var b in data) { crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8); } return ~crc; }")]
        [InlineData("async Task<uint> M(byte[] data) { await Task.Yield(); uint a = 1, b = 0; foreach (var d in data) { a = (a + d) % 65521; b = (b + a) % 65521; } return b << 16 | a; }")]
        [InlineData("async Task<List<string>> M(List<(int Id, string Name, decimal Price)> rows) { await Task.Yield(); var result = new List<string>(rows.Count); foreach (var row in rows) { result.Add(row.Id + \";\" + row.Name.Trim() + \";\" + (row.Price * 1.2m).ToString(\"F2\")); } return result; }")]
        [InlineData("async Task<int> M(string[] lines) { await Task.Yield(); int total = 0; foreach (var line in lines) { foreach (var c in line) { if (c == ';') { total++; } } } return total; }")]
        [InlineData("async Task<int> M(int[] values) { await Task.Yield(); int digits = 0; foreach (var value in values) { int x = value; while (x > 0) { x /= 10; digits++; } } return digits; }")]
        [InlineData("async Task<int> M(uint[] words) { await Task.Yield(); int bits = 0; foreach (var w in words) { uint x = w; while (x != 0) { x &= x - 1; bits++; } } return bits; }")]
        [InlineData("async Task<long> M() { await Task.Yield(); long s = 0; for (int i = 0; i < 200_000; i++) { s += i; } return s; }")]
        [InlineData("async Task<int[]> M() { await Task.Yield(); const int Size = 50_000; var a = new int[Size]; for (int i = 0; i < Size; i++) { a[i] = i * 3 % 7 + (i >> 2); } return a; }")]
        public Task SingleLoopsWithConstantTimeBodies_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");

        // ---------------------------------------------------------------- not reported: small fixed nests

        [Theory]
        [InlineData("async Task<double[,]> M(double[,] block) { await Task.Yield(); var o = new double[8, 8]; for (int u = 0; u < 8; u++) { for (int v = 0; v < 8; v++) { double s = 0; for (int x = 0; x < 8; x++) { for (int y = 0; y < 8; y++) { s += block[x, y] * Math.Cos((2 * x + 1) * u * Math.PI / 16) * Math.Cos((2 * y + 1) * v * Math.PI / 16); } } o[u, v] = s / 4; } } return o; }")]
        [InlineData("async Task<int> M(int[,,] cube) { await Task.Yield(); int s = 0; for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++) s += cube[i, j, k] * (i + j + k); return s; }")]
        [InlineData("async Task<int[,]> M(int[] hits) { await Task.Yield(); var grid = new int[7, 24]; for (int d = 0; d < 7; d++) { for (int h = 0; h < 24; h++) { grid[d, h] = hits[d * 24 + h] * 100 / (hits[0] + 1); } } return grid; }")]
        [InlineData("async Task<uint[]> M() { await Task.Yield(); var table = new uint[256]; for (uint n = 0; n < 256; n++) { uint c = n; for (int k = 0; k < 8; k++) { c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1; } table[n] = c; } return table; }")]
        public Task SmallFixedNests_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");

        // ---------------------------------------------------------------- not reported: already offloaded

        private const string Crc = "foreach (var b in data) { crc ^= b; for (int k = 0; k < 8; k++) { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1; } }";

        [Theory]
        [InlineData("async Task<uint> M(byte[] data) { uint crc = 0; await Task.Run(() => { CRC }); return crc; }")]
        [InlineData("async Task<uint> M(byte[] data) { uint crc = 0; await Task.Factory.StartNew(() => { CRC }); return crc; }")]
        [InlineData("async Task M(byte[] data) { await Task.Yield(); var t = new Thread(() => { uint crc = 0; CRC }); t.Start(); }")]
        [InlineData("async Task M(byte[][] chunks) { await Task.Yield(); Parallel.ForEach(chunks, data => { uint crc = 0; CRC }); }")]
        [InlineData("async Task<uint[]> M(byte[][] chunks) { await Task.Yield(); return chunks.AsParallel().Select(data => { uint crc = 0; CRC return crc; }).ToArray(); }")]
        public Task OffloadedWorkLoops_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member.Replace("CRC", Crc) + " }");

        // ---------------------------------------------------------------- not reported: work loops that are not work

        [Theory]
        [InlineData("async Task M(Queue<Func<int>> pending) { await Task.Yield(); while (pending.Count > 0) { var job = pending.Dequeue(); job(); } }")]
        [InlineData("async Task M(List<int> items) { await Task.Yield(); var queue = new Queue<int>(items); while (queue.Count > 0) { var x = queue.Dequeue(); if (x > 1) { queue.Enqueue(x / 2); } } }")]
        [InlineData("async Task M(System.Collections.Concurrent.ConcurrentQueue<int[]> inbox) { await Task.Yield(); long s = 0; while (inbox.TryDequeue(out var batch)) { foreach (var v in batch) { s += v * v % 7 + (v >> 3) * 5 - v / 3; } } }")]
        [InlineData("async Task<int> M(Func<bool> done) { await Task.Yield(); int spins = 0; while (!done()) { spins++; } return spins; }")]
        [InlineData("async Task<int> M(Node head) { await Task.Yield(); int n = 0; for (var node = head; node != null; node = node.Next) { n += node.Value; } return n; }")]
        [InlineData("async Task<double> M(double[] xs) { await Task.Yield(); double error = 1; int rounds = 0; while (error > 1e-6) { error /= 2; rounds++; } return rounds; }")]
        public Task LoopsThatAreNotComputeWork_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class Node { public int Value; public Node Next; }\nclass C { " + member + " }");

        // ---------------------------------------------------------------- not reported: calls of unknown or I/O-like cost

        private static Task NotReportedWithLibrary(string library, string app)
        {
            var test = new Verify.Test { TestCode = Usings + app };
            test.TestState.AdditionalProjects["Library"].Sources.Add(("Library.cs", Usings + library));
            test.TestState.AdditionalProjectReferences.Add("Library");
            return test.RunAsync();
        }

        [Fact]
        public Task MessageSendsToAnActorOfAnotherAssembly_AreNotReported() => NotReportedWithLibrary(
            "public sealed class ActorRef { public void Tell(object message) { } }\npublic sealed record Ping(int Id, int Round);\n",
            """
            class C
            {
                async Task FloodAsync(ActorRef[] actors, int rounds)
                {
                    await Task.Yield();
                    for (int r = 0; r < rounds; r++)
                    {
                        for (int i = 0; i < actors.Length; i++)
                        {
                            actors[i].Tell(new Ping(i, r));
                        }
                    }

                    for (int i = 0; i < 3000; i++)
                    {
                        actors[i % actors.Length].Tell(i);
                    }
                }
            }
            """);

        [Fact]
        public Task PerItemProcessingInAnotherAssembly_IsNotReported() => NotReportedWithLibrary(
            "public sealed class Command { public string Text = \"\"; public void ProcessParameters(bool validate) { } public bool TryPrepare() => true; }\n",
            """
            class C
            {
                async Task<int> PrepareAsync(List<Command> commands, List<List<Command>> batches)
                {
                    await Task.Yield();
                    int prepared = 0;
                    foreach (var batch in batches)
                    {
                        foreach (var command in batch)
                        {
                            command.ProcessParameters(validate: true);
                            if (command.TryPrepare())
                            {
                                prepared++;
                            }
                        }
                    }

                    for (int i = 0; i < commands.Count; i++)
                    {
                        for (int j = 0; j < commands.Count; j++)
                        {
                            commands[j].ProcessParameters(i == j);
                        }
                    }

                    return prepared;
                }
            }
            """);

        [Fact]
        public Task AddsBehindInterfacesAndDelegates_AreNotReported() => Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                async Task CopyAsync(ICollection<int> sink, IList<int[]> rows, Action<int> observe)
                {
                    await Task.Yield();
                    for (int i = 0; i < rows.Count; i++)
                    {
                        for (int j = 0; j < rows.Count; j++)
                        {
                            sink.Add(i);
                            observe(j);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task PerCommandHelperThatWalksItsOwnParameters_IsNotReported() => Verify.VerifyAnalyzerAsync(Usings + """
            class Parameter { public object Value; public int Size; }
            class Command
            {
                public List<Parameter> Parameters = new List<Parameter>();
                public string Sql = "";

                public int Process()
                {
                    int size = 0;
                    for (int i = 0; i < Parameters.Count; i++)
                    {
                        size += Parameters[i].Size + 4;
                    }

                    for (int i = 0; i < Sql.Length; i++)
                    {
                        if (Sql[i] == '$')
                        {
                            size++;
                        }
                    }

                    return size;
                }
            }

            class C
            {
                async Task<int> ExecuteAsync(List<Command> commands)
                {
                    await Task.Yield();
                    int total = 0;
                    for (var i = 0; i < commands.Count; i++)
                    {
                        var command = commands[i];
                        total += command.Process();
                    }

                    return total;
                }
            }
            """);

        // ---------------------------------------------------------------- options

        private const string CrcLoop = "using System.Threading.Tasks;\nclass C { async Task<uint> M(byte[] data) { await Task.Yield(); uint crc = 0; [|foreach|] (var b in data) { crc ^= b; for (int k = 0; k < 8; k++) { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1; } } return crc; } }";

        private static Task WithOptions(string source, string options)
        {
            var test = new Verify.Test { TestCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + options + "\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Options_NestedMinWorkRaised_BitwiseCrcIsNotReported()
            => WithOptions(CrcLoop.Replace("[|foreach|]", "foreach"), "async_analyzers.ASYNC301.nested_min_work = 500");

        [Fact]
        public Task Options_ChildMinWorkLowered_CountingPerLineIsReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { async Task<int> M(string[] lines) { await Task.Yield(); int n = 0; [|foreach|] (var line in lines) { foreach (var c in line) { n += c % 3 + (c >> 2); } } return n; } }",
                "async_analyzers.ASYNC301.child_min_work = 2");

        [Fact]
        public Task Options_CountedMinWorkRaised_ConstantLoopIsNotReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { const int N = 1_000_000; async Task<double> M() { await Task.Yield(); double s = 0; for (int i = 0; i < N; i++) { s += 1.0 / (2 * i + 1) * (i % 2 == 0 ? 1 : -1); } return s; } }",
                "async_analyzers.ASYNC301.counted_min_work = 50");

        [Fact]
        public Task Options_FixedPointIterationsLowered_RelaxationIsNotReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { async Task M(double[] v) { await Task.Yield(); bool changed; do { changed = false; for (int i = 0; i < 50; i++) { for (int j = 0; j < 100; j++) { for (int k = 0; k < 100; k++) { double x = v[i] * 0.5 + v[j] * 0.25 + v[k] * 0.25; if (x > v[i] + 1e-9) { v[i] = x; changed = true; } } } } } while (changed); } }",
                "async_analyzers.ASYNC301.fixed_point_iterations = 1");

        [Fact]
        public Task FixedPointOverConstantNest_IsReportedWithDefaults() => Verify.VerifyAnalyzerAsync(
            "using System.Threading.Tasks;\nclass C { async Task M(double[] v) { await Task.Yield(); bool changed; [|do|] { changed = false; for (int i = 0; i < 50; i++) { for (int j = 0; j < 100; j++) { for (int k = 0; k < 100; k++) { double x = v[i] * 0.5 + v[j] * 0.25 + v[k] * 0.25; if (x > v[i] + 1e-9) { v[i] = x; changed = true; } } } } } while (changed); } }");

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

        [Fact]
        public Task PerItemHelperBuildingOneCommandsText_IsNotReported() => Verify.VerifyAnalyzerAsync(Usings + """
            class Parameter { public string Name = ""; public bool IsOutput; public int Position; }
            class Command { public string Text = ""; public string Final = ""; public List<Parameter> Parameters = new List<Parameter>(); }
            class C
            {
                static void Build(Command command)
                {
                    var sql = new StringBuilder().Append("CALL ").Append(command.Text).Append('(');
                    var first = true;
                    for (int i = 0; i < command.Parameters.Count; i++)
                    {
                        var p = command.Parameters[i];
                        if (p.IsOutput)
                        {
                            continue;
                        }

                        if (!first)
                        {
                            sql.Append(", ");
                        }

                        first = false;
                        sql.Append('$').Append(p.Position + 1).Append(" /* ").Append(p.Name.ToUpperInvariant()).Append(" */");
                    }

                    command.Final = sql.Append(')').ToString();
                }

                async Task PrepareAsync(List<Command> commands)
                {
                    await Task.Yield();
                    for (int i = 0; i < commands.Count; i++)
                    {
                        Build(commands[i]);
                    }
                }
            }
            """);
    }
}
