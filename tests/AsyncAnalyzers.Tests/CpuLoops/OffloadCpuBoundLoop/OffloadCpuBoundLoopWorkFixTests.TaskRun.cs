using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopWorkFixTests
    {
        private const string TaskRun = OffloadCpuBoundLoopFixer.TaskRunKey;

        private const string CollatzSource = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> LongestChainAsync(int limit, CancellationToken cancellationToken)
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

                public static async Task Main() => Console.Write(await LongestChainAsync(20_000, CancellationToken.None));
            }
            """;

        private const string CollatzFixed = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> LongestChainAsync(int limit, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    int best = await Task.Run(() =>
                    {
                        int best = 0;
                        for (int i = 1; i < limit; i++)
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
                    }, cancellationToken);

                    return best;
                }

                public static async Task Main() => Console.Write(await LongestChainAsync(20_000, CancellationToken.None));
            }
            """;

        [Fact]
        public Task TaskRun_ForwardsTheCancellationTokenInScope()
            => Verify.VerifyCodeFixAsync(CollatzSource, CollatzFixed, TaskRun);

        [Fact]
        public async Task TaskRun_WithToken_BehavesTheSame()
        {
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(CollatzSource), CollatzFixed);
            Assert.Equal("278", outcome.Output);
        }

        [Fact]
        public Task TaskRun_InALambda_ForwardsTheEnclosingMethodsToken() => Verify.VerifyCodeFixAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Make(byte[] data, uint[] sums, CancellationToken token) => async () =>
                {
                    await Task.Yield();
                    [|foreach|] (var b in data)
                    {
                        uint crc = b;
                        for (int k = 0; k < 8; k++)
                        {
                            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                        }

                        sums[b] ^= crc;
                    }
                };
            }
            """,
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                Func<Task> Make(byte[] data, uint[] sums, CancellationToken token) => async () =>
                {
                    await Task.Yield();
                    await Task.Run(() =>
                    {
                        foreach (var b in data)
                        {
                            uint crc = b;
                            for (int k = 0; k < 8; k++)
                            {
                                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                            }

                            sums[b] ^= crc;
                        }
                    }, token);
                };
            }
            """,
            TaskRun);

        [Fact]
        public Task TaskRun_WithoutATokenInScope_PassesNone() => Verify.VerifyCodeFixAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(byte[] data, uint[] sums)
                {
                    await Task.Yield();
                    [|foreach|] (var b in data)
                    {
                        uint crc = b;
                        for (int k = 0; k < 8; k++)
                        {
                            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                        }

                        sums[b] ^= crc;
                    }

                    var late = CancellationToken.None;
                    await Task.Delay(1, late);
                }
            }
            """,
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(byte[] data, uint[] sums)
                {
                    await Task.Yield();
                    await Task.Run(() =>
                    {
                        foreach (var b in data)
                        {
                            uint crc = b;
                            for (int k = 0; k < 8; k++)
                            {
                                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                            }

                            sums[b] ^= crc;
                        }
                    });

                    var late = CancellationToken.None;
                    await Task.Delay(1, late);
                }
            }
            """,
            TaskRun);

        private const string LockSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                private static readonly object Gate = new object();

                public static async Task<double> SpreadAsync(double[] xs)
                {
                    await Task.Yield();
                    double total = 0;
                    lock (Gate)
                    {
                        [|for|] (int i = 0; i < xs.Length; i++)
                        {
                            for (int j = i + 1; j < xs.Length; j++)
                            {
                                total += Math.Abs(xs[i] - xs[j]);
                            }
                        }
                    }

                    return total;
                }

                public static async Task Main()
                {
                    var xs = new double[400];
                    for (int i = 0; i < xs.Length; i++)
                    {
                        xs[i] = i % 13;
                    }

                    Console.Write(await SpreadAsync(xs));
                }
            }
            """;

        private const string LockFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                private static readonly object Gate = new object();

                public static async Task<double> SpreadAsync(double[] xs)
                {
                    await Task.Yield();
                    double total = await Task.Run(() =>
                    {
                        double total = 0;
                        lock (Gate)
                        {
                            for (int i = 0; i < xs.Length; i++)
                            {
                                for (int j = i + 1; j < xs.Length; j++)
                                {
                                    total += Math.Abs(xs[i] - xs[j]);
                                }
                            }
                        }

                        return total;
                    });

                    return total;
                }

                public static async Task Main()
                {
                    var xs = new double[400];
                    for (int i = 0; i < xs.Length; i++)
                    {
                        xs[i] = i % 13;
                    }

                    Console.Write(await SpreadAsync(xs));
                }
            }
            """;

        [Fact]
        public Task TaskRun_LoopInALock_TakesTheLockInsideTheLambda()
            => Verify.VerifyCodeFixAsync(LockSource, LockFixed, TaskRun);

        [Fact]
        public async Task TaskRun_LoopInALock_BehavesTheSame()
        {
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(LockSource), LockFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        private const string SpanSource = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static Task<int> CountAsync(int[] values)
                {
                    int pairs = 0;
                    Span<int> buckets = stackalloc int[16];
                    [|for|] (int i = 0; i < values.Length; i++)
                    {
                        for (int j = i + 1; j < values.Length; j++)
                        {
                            int bucket = (values[i] ^ values[j]) & 15;
                            buckets[bucket]++;
                            if (buckets[bucket] % 3 == 0)
                            {
                                pairs++;
                            }
                        }
                    }

                    return Task.FromResult(pairs);
                }

                public static async Task Main()
                {
                    var values = new int[500];
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = i * 7 % 31;
                    }

                    Console.Write(await CountAsync(values));
                }
            }
            """;

        private const string SpanFixed = """
            using System;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> CountAsync(int[] values)
                {
                    int pairs = await Task.Run(() =>
                    {
                        int pairs = 0;
                        Span<int> buckets = stackalloc int[16];
                        for (int i = 0; i < values.Length; i++)
                        {
                            for (int j = i + 1; j < values.Length; j++)
                            {
                                int bucket = (values[i] ^ values[j]) & 15;
                                buckets[bucket]++;
                                if (buckets[bucket] % 3 == 0)
                                {
                                    pairs++;
                                }
                            }
                        }

                        return pairs;
                    });

                    return pairs;
                }

                public static async Task Main()
                {
                    var values = new int[500];
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = i * 7 % 31;
                    }

                    Console.Write(await CountAsync(values));
                }
            }
            """;

        [Fact]
        public Task TaskRun_StackallocSpan_IsCreatedInsideTheLambda()
            => Verify.VerifyCodeFixAsync(SpanSource, SpanFixed, TaskRun);

        [Fact]
        public async Task TaskRun_StackallocSpan_BehavesTheSame()
        {
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(SpanSource), SpanFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        private const string SearchSource = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> FarthestAsync(List<int>[] graph)
                {
                    await Task.Yield();
                    var distance = new int[graph.Length];
                    Array.Fill(distance, -1);
                    distance[0] = 0;
                    var queue = new Queue<int>();
                    queue.Enqueue(0);
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

                    int farthest = 0;
                    foreach (var d in distance)
                    {
                        farthest = Math.Max(farthest, d);
                    }

                    return farthest;
                }

                public static async Task Main()
                {
                    var graph = new List<int>[2000];
                    for (int i = 0; i < graph.Length; i++)
                    {
                        graph[i] = new List<int> { (i * 7 + 1) % graph.Length, (i * 13 + 5) % graph.Length };
                    }

                    Console.Write(await FarthestAsync(graph));
                }
            }
            """;

        private const string SearchFixed = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> FarthestAsync(List<int>[] graph)
                {
                    await Task.Yield();
                    var distance = new int[graph.Length];
                    Array.Fill(distance, -1);
                    distance[0] = 0;
                    var queue = new Queue<int>();
                    queue.Enqueue(0);
                    await Task.Run(() =>
                    {
                        while (queue.Count > 0)
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
                    });

                    int farthest = 0;
                    foreach (var d in distance)
                    {
                        farthest = Math.Max(farthest, d);
                    }

                    return farthest;
                }

                public static async Task Main()
                {
                    var graph = new List<int>[2000];
                    for (int i = 0; i < graph.Length; i++)
                    {
                        graph[i] = new List<int> { (i * 7 + 1) % graph.Length, (i * 13 + 5) % graph.Length };
                    }

                    Console.Write(await FarthestAsync(graph));
                }
            }
            """;

        [Fact]
        public Task TaskRun_BreadthFirstSearch()
            => Verify.VerifyCodeFixAsync(SearchSource, SearchFixed, TaskRun);

        [Fact]
        public async Task TaskRun_BreadthFirstSearch_BehavesTheSame()
        {
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Markup(SearchSource), SearchFixed);
            Assert.NotEqual(string.Empty, outcome.Output);
        }

        private static string Markup(string source) => source.Replace("[|", string.Empty).Replace("|]", string.Empty).Replace("{|#0:", string.Empty);
    }
}
