using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Benchmarks;

/// <summary>
/// The sample's heavy loops after each ASYNC301 code action, as the fixer writes them (compare with
/// OffloadCpuBoundLoopFixTests): "TaskRun" is the thread-pool fix, "Parallel" the parallel fix.
/// </summary>
public static class FixedWorkloads
{
    public static async Task<double[,]> MultiplyTaskRunAsync(double[,] a, double[,] b, int n, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
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

    public static async Task<double[,]> MultiplyParallelAsync(double[,] a, double[,] b, int n, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
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

    public static async Task<int[,]> RenderCoverTaskRunAsync(int width, int height, int maxIterations)
    {
        await Task.Yield();
        var image = new int[height, width];
        await Task.Run(() =>
        {
            for (int py = 0; py < height; py++)
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
        });

        return image;
    }

    public static async Task<int[,]> RenderCoverParallelAsync(int width, int height, int maxIterations)
    {
        await Task.Yield();
        var image = new int[height, width];
        await Task.Run(() => Parallel.For(0, height, py =>
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
        }));

        return image;
    }

    public static async Task<ulong[]> FingerprintTaskRunAsync(ulong[] records)
    {
        await Task.Yield();
        var hashes = new ulong[records.Length];
        await Task.Run(() =>
        {
            for (int r = 0; r < records.Length; r++)
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
        });

        return hashes;
    }

    public static async Task<ulong[]> FingerprintParallelAsync(ulong[] records)
    {
        await Task.Yield();
        var hashes = new ulong[records.Length];
        await Task.Run(() => Parallel.For(0, records.Length, r =>
        {
            ulong h = records[r];
            for (int round = 0; round < 100; round++)
            {
                h ^= h >> 33;
                h *= 0xff51afd7ed558ccdUL;
                h ^= h >> 29;
            }

            hashes[r] = h;
        }));

        return hashes;
    }

    public static async Task<int> CountPrimeShardsTaskRunAsync(int limit)
    {
        int count = await Task.Run(() =>
        {
            int count = 0;
            for (int i = 2; i < limit; i++)
            {
                if (ReportGenerator.CpuWork.IsPrime(i))
                {
                    count++;
                }
            }

            return count;
        });

        return count;
    }

    public static async Task<int> CountPrimeShardsParallelAsync(int limit)
    {
        int count = 0;
        await Task.Run(() => Parallel.For(2, limit, () => 0, (i, loopState, localCount) =>
        {
            if (ReportGenerator.CpuWork.IsPrime(i))
            {
                localCount++;
            }

            return localCount;
        }, localCount => Interlocked.Add(ref count, localCount)));

        return count;
    }
}
