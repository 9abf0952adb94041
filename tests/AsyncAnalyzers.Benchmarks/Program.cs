using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ReportGenerator;

namespace AsyncAnalyzers.Benchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

/// <summary>Each workload of samples/ReportGenerator/CpuWork.cs: as written (baseline), after the Task.Run fix, after the parallel fix.</summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CpuLoopFixes
{
    private const int MatrixSize = 200;
    private const int CoverWidth = 400;
    private const int CoverHeight = 300;
    private const int CoverIterations = 200;
    private const int PrimeLimit = 300_000;

    private double[,] a = null!;
    private double[,] b = null!;
    private ulong[] records = null!;

    [GlobalSetup]
    public void Setup()
    {
        a = new double[MatrixSize, MatrixSize];
        b = new double[MatrixSize, MatrixSize];
        for (int i = 0; i < MatrixSize; i++)
        {
            for (int j = 0; j < MatrixSize; j++)
            {
                a[i, j] = (i * 7 + j) % 11;
                b[i, j] = (i + j * 3) % 5;
            }
        }

        records = new ulong[200_000];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = (ulong)i * 2654435761UL;
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Matrix")]
    public Task<double[,]> Matrix_AsWritten() => CpuWork.MultiplyAsync(a, b, MatrixSize, CancellationToken.None);

    [Benchmark, BenchmarkCategory("Matrix")]
    public Task<double[,]> Matrix_TaskRun() => FixedWorkloads.MultiplyTaskRunAsync(a, b, MatrixSize, CancellationToken.None);

    [Benchmark, BenchmarkCategory("Matrix")]
    public Task<double[,]> Matrix_Parallel() => FixedWorkloads.MultiplyParallelAsync(a, b, MatrixSize, CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("Mandelbrot")]
    public Task<int[,]> Mandelbrot_AsWritten() => CpuWork.RenderCoverAsync(CoverWidth, CoverHeight, CoverIterations);

    [Benchmark, BenchmarkCategory("Mandelbrot")]
    public Task<int[,]> Mandelbrot_TaskRun() => FixedWorkloads.RenderCoverTaskRunAsync(CoverWidth, CoverHeight, CoverIterations);

    [Benchmark, BenchmarkCategory("Mandelbrot")]
    public Task<int[,]> Mandelbrot_Parallel() => FixedWorkloads.RenderCoverParallelAsync(CoverWidth, CoverHeight, CoverIterations);

    [Benchmark(Baseline = true), BenchmarkCategory("Fingerprint")]
    public Task<ulong[]> Fingerprint_AsWritten() => CpuWork.FingerprintAsync(records);

    [Benchmark, BenchmarkCategory("Fingerprint")]
    public Task<ulong[]> Fingerprint_TaskRun() => FixedWorkloads.FingerprintTaskRunAsync(records);

    [Benchmark, BenchmarkCategory("Fingerprint")]
    public Task<ulong[]> Fingerprint_Parallel() => FixedWorkloads.FingerprintParallelAsync(records);

    [Benchmark(Baseline = true), BenchmarkCategory("PrimeCount")]
    public Task<int> PrimeCount_AsWritten() => CpuWork.CountPrimeShardsAsync(PrimeLimit);

    [Benchmark, BenchmarkCategory("PrimeCount")]
    public Task<int> PrimeCount_TaskRun() => FixedWorkloads.CountPrimeShardsTaskRunAsync(PrimeLimit);

    [Benchmark, BenchmarkCategory("PrimeCount")]
    public Task<int> PrimeCount_Parallel() => FixedWorkloads.CountPrimeShardsParallelAsync(PrimeLimit);
}
