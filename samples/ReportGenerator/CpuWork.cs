namespace ReportGenerator;

/// <summary>
/// The number crunching behind the report: correlation matrices, a sales heat map, record fingerprints, prime-based
/// sharding. Each heavy loop below sits on an async path and triggers ASYNC301; the cheap look-alikes at the end do not.
/// tests/AsyncAnalyzers.Benchmarks measures these workloads before and after each fix.
/// </summary>
public static class CpuWork
{
    /// <summary>Cross-correlation of downloaded series: a matrix product. ASYNC301 (O(n³)); both fixes offered.</summary>
    public static async Task<double[,]> MultiplyAsync(double[,] a, double[,] b, int n, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var c = new double[n, n];
        for (int i = 0; i < n; i++) // ASYNC301
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

    /// <summary>The fractal on the report's cover page. ASYNC301 (O(n³)); both fixes offered.</summary>
    public static async Task<int[,]> RenderCoverAsync(int width, int height, int maxIterations)
    {
        await Task.Yield();
        var image = new int[height, width];
        for (int py = 0; py < height; py++) // ASYNC301
        {
            for (int px = 0; px < width; px++)
            {
                double x0 = px * 3.5 / width - 2.5;
                double y0 = py * 2.0 / height - 1.0;
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

    /// <summary>Stable fingerprints of the parsed records (100 mixing rounds each). ASYNC301 (O(n)); both fixes offered.</summary>
    public static async Task<ulong[]> FingerprintAsync(ulong[] records)
    {
        await Task.Yield();
        var hashes = new ulong[records.Length];
        for (int r = 0; r < records.Length; r++) // ASYNC301
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

    /// <summary>How many shard keys below the limit are prime: a reduction. ASYNC301 (O(n²)); the parallel fix uses partial counts.</summary>
    public static Task<int> CountPrimeShardsAsync(int limit)
    {
        int count = 0;
        for (int i = 2; i < limit; i++) // ASYNC301, and the fix makes the method async
        {
            if (IsPrime(i))
            {
                count++;
            }
        }

        return Task.FromResult(count);
    }

    /// <summary>A sieve: iteration i reads what earlier ones wrote. ASYNC301, Task.Run fix only.</summary>
    public static async Task<bool[]> SieveAsync(int limit)
    {
        await Task.Yield();
        var composite = new bool[limit + 1];
        for (int i = 2; i * i <= limit; i++) // ASYNC301
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

    internal static bool IsPrime(int n)
    {
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return n >= 2;
    }

    // ------------------------------------------------------------------ look-alikes: not reported

    public sealed record SaleRow(string Region, string Product, decimal Amount, int Quantity);

    public sealed record SaleDto(string Region, string Product, decimal Gross);

    /// <summary>Mapping rows to DTOs: constant work per row, however many rows. Not reported.</summary>
    public static async Task<List<SaleDto>> ToDtosAsync(IEnumerable<SaleRow> rows)
    {
        await Task.Yield();
        var result = new List<SaleDto>();
        foreach (var row in rows)
        {
            result.Add(new SaleDto(row.Region.Trim(), row.Product.ToUpperInvariant(), row.Amount * row.Quantity));
        }

        return result;
    }

    /// <summary>Summing a column. Not reported.</summary>
    public static async Task<decimal> TotalAsync(IReadOnlyList<SaleRow> rows)
    {
        await Task.Yield();
        decimal total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            total += rows[i].Amount;
        }

        return total;
    }

    /// <summary>Counting separators line by line: the characters belong to each line, so the input is walked once. Not reported.</summary>
    public static async Task<int> CountCellsAsync(string[] lines)
    {
        await Task.Yield();
        int cells = 0;
        foreach (var line in lines)
        {
            foreach (var c in line)
            {
                if (c == ',')
                {
                    cells++;
                }
            }
        }

        return cells;
    }

    /// <summary>A retry loop: it awaits and catches. Not reported.</summary>
    public static async Task<string> DownloadWithRetryAsync(FakeDownloader downloader, Uri source, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await downloader.DownloadAsync(source, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }
    }

    /// <summary>Already on the pool: a synchronous lambda handed to Task.Run. Not reported.</summary>
    public static Task<double[,]> MultiplyOnPoolAsync(double[,] a, double[,] b, int n)
    {
        return Task.Run(() =>
        {
            var c = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    for (int k = 0; k < n; k++)
                    {
                        c[i, j] += a[i, k] * b[k, j];
                    }
                }
            }

            return c;
        });
    }
}
