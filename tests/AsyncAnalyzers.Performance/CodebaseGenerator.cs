using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AsyncAnalyzers.Performance
{
    /// <summary>
    /// Generates a realistic async codebase: repositories, services, stream processors, report builders and plain utility
    /// code, with a sprinkling of every kind of finding (blocking waits, Thread.Sleep, sync I/O, sync dispose, callback
    /// chains, heavy loops) among far more code that is fine. Deterministic for a given size.
    /// </summary>
    internal static class CodebaseGenerator
    {
        public static List<(string Path, string Text)> Generate(int targetLines)
        {
            var files = new List<(string, string)>();
            var lines = 0;
            for (var i = 0; lines < targetLines; i++)
            {
                var text = (i % 6) switch
                {
                    0 => Repository(i),
                    1 => Service(i),
                    2 => StreamProcessor(i),
                    3 => ReportBuilder(i),
                    4 => HelperChain(i),
                    _ => Utilities(i),
                };
                files.Add(($"Generated/File{i.ToString(CultureInfo.InvariantCulture)}.cs", text));
                lines += CountLines(text);
            }

            return files;
        }

        public static int CountLines(string text)
        {
            var count = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    count++;
                }
            }

            return count;
        }

        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        private static string Repository(int i) => Usings + $$"""
            namespace App.Data{{i}}
            {
                public sealed record Customer{{i}}(int Id, string Name, decimal Balance, DateTime Created);

                public interface ICustomerRepository{{i}}
                {
                    Task<Customer{{i}}?> FindAsync(int id, CancellationToken cancellationToken);
                    Task<IReadOnlyList<Customer{{i}}>> ListAsync(Func<Customer{{i}}, bool> filter, CancellationToken cancellationToken);
                    Task SaveAsync(Customer{{i}} customer, CancellationToken cancellationToken);
                }

                public sealed class CustomerRepository{{i}} : ICustomerRepository{{i}}
                {
                    private readonly Dictionary<int, Customer{{i}}> store = new();
                    private readonly SemaphoreSlim gate = new(1, 1);

                    public async Task<Customer{{i}}?> FindAsync(int id, CancellationToken cancellationToken)
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            return store.TryGetValue(id, out var customer) ? customer : null;
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }

                    public async Task<IReadOnlyList<Customer{{i}}>> ListAsync(Func<Customer{{i}}, bool> filter, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return store.Values.Where(filter).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
                    }

                    public async Task SaveAsync(Customer{{i}} customer, CancellationToken cancellationToken)
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            store[customer.Id] = customer;
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }

                    public Task<int> CountAsync() => Task.FromResult(store.Count);

                    public async Task<decimal> TotalBalanceAsync(CancellationToken cancellationToken)
                    {
                        var all = await ListAsync(_ => true, cancellationToken).ConfigureAwait(false);
                        var total = 0m;
                        foreach (var customer in all)
                        {
                            total += customer.Balance;
                        }

                        return total;
                    }

                    public Customer{{i}}? FindSynchronously(int id)
                    {
                        {{(i % 10 == 0 ? "gate.Wait();" : "gate.Wait(0);")}}
                        try
                        {
                            return store.TryGetValue(id, out var customer) ? customer : null;
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }
                }
            }

            """;

        private static string Service(int i) => Usings + $$"""
            namespace App.Services{{i}}
            {
                public sealed class OrderService{{i}}
                {
                    private readonly Func<int, Task<string>> load;
                    private readonly string root;

                    public OrderService{{i}}(Func<int, Task<string>> load, string root)
                    {
                        this.load = load;
                        this.root = root;
                    }

                    public async Task<string> DescribeAsync(int id, CancellationToken cancellationToken)
                    {
                        var text = await load(id).ConfigureAwait(false);
                        var builder = new StringBuilder();
                        foreach (var part in text.Split(','))
                        {
                            builder.Append(part.Trim()).Append(';');
                        }

                        {{(i % 3 == 1 ? "Thread.Sleep(5);" : "await Task.Delay(5, cancellationToken);")}}
                        return builder.ToString();
                    }

                    public async Task<int> SumAsync(IEnumerable<int> ids)
                    {
                        var tasks = ids.Select(id => load(id)).ToList();
                        await Task.WhenAll(tasks);
                        return tasks.Sum(t => t.Result.Length);
                    }

                    public async Task<string> FirstAsync(int id)
                    {
                        var task = load(id);
                        {{(i % 4 == 1 ? "return task.Result;" : "return await task;")}}
                    }

                    public async Task<string> ReadConfigAsync(CancellationToken cancellationToken)
                    {
                        var path = Path.Combine(root, "config{{i}}.json");
                        {{(i % 6 == 1 ? "return File.ReadAllText(path);" : "return await File.ReadAllTextAsync(path, cancellationToken);")}}
                    }

                    public Task<string> LoadTwiceAsync(int id)
                    {
                        {{(i % 7 == 1 ? "return load(id).ContinueWith(t => t.Result + t.Result);" : "return load(id);")}}
                    }

                    public async Task WriteAsync(string content, CancellationToken cancellationToken)
                    {
                        var path = Path.Combine(root, "out{{i}}.txt");
                        {{(i % 8 == 1 ? "using var stream = new FileStream(path, FileMode.Create);" : "await using var stream = new FileStream(path, FileMode.Create);")}}
                        var bytes = Encoding.UTF8.GetBytes(content);
                        await stream.WriteAsync(bytes, cancellationToken);
                    }

                    public string DescribeSynchronously(int id)
                    {
                        return load(id).GetAwaiter().GetResult();
                    }

                    public Task RunInBackground(int id)
                    {
                        return Task.Run(() =>
                        {
                            Thread.Sleep(10);
                            return load(id);
                        });
                    }
                }
            }

            """;

        private static string StreamProcessor(int i) => Usings + $$"""
            namespace App.Streams{{i}}
            {
                public static class StreamProcessor{{i}}
                {
                    public static async Task<long> CountLinesAsync(Stream stream, CancellationToken cancellationToken)
                    {
                        using var reader = new StreamReader(stream, leaveOpen: true);
                        long count = 0;
                        while (await reader.ReadLineAsync(cancellationToken) is not null)
                        {
                            count++;
                        }

                        return count;
                    }

                    public static async Task CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
                    {
                        var buffer = new byte[81920];
                        int read;
                        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                        {
                            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        }

                        {{(i % 5 == 2 ? "destination.Flush();" : "await destination.FlushAsync(cancellationToken);")}}
                    }

                    public static async Task<string> HashAsync(byte[] data)
                    {
                        await Task.Yield();
                        uint hash = 2166136261;
                        {{(i % 10 == 2 ? "for (var round = 0; round < 1000; round++) { for (var k = 0; k < data.Length; k++) { hash = (hash ^ data[k]) * 16777619; } }" : "for (var k = 0; k < 16 && k < data.Length; k++) { hash = (hash ^ data[k]) * 16777619; }")}}
                        return hash.ToString("x8");
                    }

                    public static int CountNonEmpty(IEnumerable<string> lines)
                    {
                        var count = 0;
                        foreach (var line in lines)
                        {
                            if (!string.IsNullOrWhiteSpace(line))
                            {
                                count++;
                            }
                        }

                        return count;
                    }

                    public static byte[] ReadAll(string path) => File.ReadAllBytes(path);
                }
            }

            """;

        private static string ReportBuilder(int i) => Usings + $$"""
            namespace App.Reports{{i}}
            {
                public sealed record Row{{i}}(string Region, string Product, int Quantity, decimal Price);

                public sealed class ReportBuilder{{i}}
                {
                    public async Task<IReadOnlyDictionary<string, decimal>> TotalsByRegionAsync(IAsyncEnumerable<Row{{i}}> rows)
                    {
                        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
                        await foreach (var row in rows)
                        {
                            totals[row.Region] = totals.TryGetValue(row.Region, out var sum) ? sum + (row.Quantity * row.Price) : row.Quantity * row.Price;
                        }

                        return totals;
                    }

                    public async Task<double[]> SmoothAsync(double[] values, int window)
                    {
                        await Task.Yield();
                        var result = new double[values.Length];
                        for (var k = 0; k < values.Length; k++)
                        {
                            var total = 0.0;
                            var from = Math.Max(0, k - window);
                            for (var j = from; j <= k; j++)
                            {
                                total += values[j];
                            }

                            result[k] = total / (k - from + 1);
                        }

                        return result;
                    }

                    public IEnumerable<string> Format(IEnumerable<Row{{i}}> rows)
                    {
                        return rows
                            .GroupBy(r => r.Product)
                            .Select(g => new { Product = g.Key, Quantity = g.Sum(r => r.Quantity) })
                            .OrderByDescending(x => x.Quantity)
                            .Select(x => $"{x.Product}: {x.Quantity}");
                    }

                    public async Task<List<string>> FormatAllAsync(IEnumerable<Task<Row{{i}}>> rows)
                    {
                        var list = new List<string>();
                        foreach (var task in rows)
                        {
                            var row = await task;
                            list.Add(row.Region + "/" + row.Product);
                        }

                        return list;
                    }
                }
            }

            """;

        /// <summary>A class of 40 synchronous helpers calling each other in a chain (with a back edge), called from async code; one chain in four ends in a blocking call.</summary>
        private static string HelperChain(int i)
        {
            const int Length = 40;
            var builder = new StringBuilder(Usings);
            builder.Append(CultureInfo.InvariantCulture, $"namespace App.Chains{i}\n{{\n    public sealed class Pipeline{i}\n    {{\n        private int state;\n\n");
            builder.Append("        public async Task<int> RunAsync(int input)\n        {\n            var value = Step0(input);\n            await Task.Yield();\n            return value + Step20(input);\n        }\n\n");
            for (var k = 0; k < Length; k++)
            {
                var next = k + 1 < Length
                    ? $"Step{k + 1}(x + {k})"
                    : (i % 4 == 0 ? "Block(x)" : "x");
                var back = k % 10 == 5 ? $"            if (x < 0) {{ return Step{k - 5}(-x); }}\n" : string.Empty;
                builder.Append(CultureInfo.InvariantCulture, $"        private int Step{k}(int x)\n        {{\n            state += x;\n{back}            return {next};\n        }}\n\n");
            }

            builder.Append("        private static int Block(int x)\n        {\n            Thread.Sleep(1);\n            return x;\n        }\n    }\n}\n");
            return builder.ToString();
        }

        private static string Utilities(int i) => Usings + $$"""
            namespace App.Util{{i}}
            {
                public static class Text{{i}}
                {
                    public static string Slug(string value)
                    {
                        var builder = new StringBuilder(value.Length);
                        foreach (var c in value)
                        {
                            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
                        }

                        return builder.ToString().Trim('-');
                    }

                    public static int Levenshtein(string a, string b)
                    {
                        var previous = new int[b.Length + 1];
                        var current = new int[b.Length + 1];
                        for (var j = 0; j <= b.Length; j++)
                        {
                            previous[j] = j;
                        }

                        for (var k = 1; k <= a.Length; k++)
                        {
                            current[0] = k;
                            for (var j = 1; j <= b.Length; j++)
                            {
                                var cost = a[k - 1] == b[j - 1] ? 0 : 1;
                                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                            }

                            (previous, current) = (current, previous);
                        }

                        return previous[b.Length];
                    }

                    public static IReadOnlyList<string> Words(string text) =>
                        text.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).Distinct().ToList();

                    public static async Task<string> SlugAsync(Task<string> value)
                    {
                        var resolved = await value.ConfigureAwait(false);
                        return Slug(resolved);
                    }

                    public static void Pause()
                    {
                        Thread.Sleep(1);
                    }
                }
            }

            """;
    }
}
