using System.Diagnostics;
using System.Text.Json;

namespace ReportGenerator;

/// <summary>Reads cached downloads from disk and writes the finished report: the synchronous-I/O mistakes (ASYNC103, ASYNC104).</summary>
public sealed class ReportArchive
{
    private readonly string directory;
    private readonly SemaphoreSlim writeGate = new SemaphoreSlim(1, 1);
    private readonly object statsGate = new object();
    private int reads;

    public ReportArchive(string directory)
    {
        this.directory = directory;
    }

    public async Task<string?> TryReadCachedAsync(Uri source, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, Path.GetFileName(source.AbsolutePath));
        if (!File.Exists(path)) // not reported: File.Exists has no async counterpart
        {
            return null;
        }

        await Task.Yield();
        lock (statsGate)
        {
            reads++; // nothing blocking here; a blocking call inside lock is not reported either (await is illegal there)
        }

        return File.ReadAllText(path); // ASYNC103: use 'await File.ReadAllTextAsync(path, cancellationToken)'
    }

    public async Task SaveAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        writeGate.Wait(); // ASYNC103: use 'await writeGate.WaitAsync(cancellationToken)'
        try
        {
            using var stream = File.Create(Path.Combine(directory, "report.json")); // ASYNC104: use 'await using'
            JsonSerializer.Serialize(stream, lines); // ASYNC103: use 'await JsonSerializer.SerializeAsync(...)'
            stream.Flush(); // ASYNC103: use 'await stream.FlushAsync(cancellationToken)'
            await Task.Yield();
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Task-returning without async: the fixes make it async.</summary>
    public Task AppendLogAsync(string line)
    {
        var writer = new StreamWriter(Path.Combine(directory, "report.log"), append: true);
        writer.WriteLine(line); // ASYNC103: use 'await writer.WriteLineAsync(line)'
        writer.Dispose(); // ASYNC104: use 'await writer.DisposeAsync()'
        return Task.CompletedTask;
    }

    public async Task<string> RenderAsync(IReadOnlyList<string> lines)
    {
        // Not reported: in-memory writers have nothing to wait for.
        using var buffer = new StringWriter();
        foreach (var line in lines)
        {
            buffer.WriteLine(line);
        }

        Console.WriteLine($"rendered {lines.Count} lines"); // not reported: console output
        await Task.Yield();
        if (writeGate.Wait(0)) // not reported: Wait(0) only tests the semaphore
        {
            writeGate.Release();
        }

        return buffer.ToString();
    }

    public async Task<int> CompressAsync(string path, CancellationToken cancellationToken)
    {
        using var process = Process.Start("gzip", path); // not reported: Process has no DisposeAsync
        process.WaitForExit(); // ASYNC103: use 'await process.WaitForExitAsync(cancellationToken)'
        await Task.Yield();
        return process.ExitCode;
    }

    public string ReadSynchronously(string path) => File.ReadAllText(path); // not reported: a synchronous method may block
}
