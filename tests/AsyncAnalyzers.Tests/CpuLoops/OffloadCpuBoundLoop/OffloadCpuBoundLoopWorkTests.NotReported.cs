using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopWorkTests
    {
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

        private const string Crc = "foreach (var b in data) { crc ^= b; for (int k = 0; k < 8; k++) { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1; } }";

        [Theory]
        [InlineData("async Task<uint> M(byte[] data) { uint crc = 0; await Task.Run(() => { CRC }); return crc; }")]
        [InlineData("async Task<uint> M(byte[] data) { uint crc = 0; await Task.Factory.StartNew(() => { CRC }); return crc; }")]
        [InlineData("async Task M(byte[] data) { await Task.Yield(); var t = new Thread(() => { uint crc = 0; CRC }); t.Start(); }")]
        [InlineData("async Task M(byte[][] chunks) { await Task.Yield(); Parallel.ForEach(chunks, data => { uint crc = 0; CRC }); }")]
        [InlineData("async Task<uint[]> M(byte[][] chunks) { await Task.Yield(); return chunks.AsParallel().Select(data => { uint crc = 0; CRC return crc; }).ToArray(); }")]
        public Task OffloadedWorkLoops_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member.Replace("CRC", Crc) + " }");

        [Theory]
        [InlineData("async Task M(Queue<Func<int>> pending) { await Task.Yield(); while (pending.Count > 0) { var job = pending.Dequeue(); job(); } }")]
        [InlineData("async Task M(List<int> items) { await Task.Yield(); var queue = new Queue<int>(items); while (queue.Count > 0) { var x = queue.Dequeue(); if (x > 1) { queue.Enqueue(x / 2); } } }")]
        [InlineData("async Task M(System.Collections.Concurrent.ConcurrentQueue<int[]> inbox) { await Task.Yield(); long s = 0; while (inbox.TryDequeue(out var batch)) { foreach (var v in batch) { s += v * v % 7 + (v >> 3) * 5 - v / 3; } } }")]
        [InlineData("async Task<int> M(Func<bool> done) { await Task.Yield(); int spins = 0; while (!done()) { spins++; } return spins; }")]
        [InlineData("async Task<int> M(Node head) { await Task.Yield(); int n = 0; for (var node = head; node != null; node = node.Next) { n += node.Value; } return n; }")]
        [InlineData("async Task<double> M(double[] xs) { await Task.Yield(); double error = 1; int rounds = 0; while (error > 1e-6) { error /= 2; rounds++; } return rounds; }")]
        public Task LoopsThatAreNotComputeWork_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class Node { public int Value; public Node Next; }\nclass C { " + member + " }");

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

        [Fact]
        public Task Options_NestedMinWorkRaised_BitwiseCrcIsNotReported()
            => WithOptions(CrcLoop.Replace("[|foreach|]", "foreach"), "async_analyzers.ASYNC301.nested_min_work = 500");

        [Fact]
        public Task Options_CountedMinWorkRaised_ConstantLoopIsNotReported()
            => WithOptions(
                "using System.Threading.Tasks;\nclass C { const int N = 1_000_000; async Task<double> M() { await Task.Yield(); double s = 0; for (int i = 0; i < N; i++) { s += 1.0 / (2 * i + 1) * (i % 2 == 0 ? 1 : -1); } return s; } }",
                "async_analyzers.ASYNC301.counted_min_work = 50");

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
