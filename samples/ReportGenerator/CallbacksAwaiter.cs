namespace ReportGenerator;

/// <summary>Progress reporting hooked onto downloads by hand (ASYNC204).</summary>
internal sealed class DownloadProgress
{
    private int finished;

    /// <summary>ASYNC204, fixed: the last statement of a void method; the method becomes async Task.</summary>
    public void ReportWhenDone(Task<string> download, Uri source)
    {
        var awaiter = download.GetAwaiter();
        awaiter.OnCompleted(() =>
        {
            Interlocked.Increment(ref finished);
            Console.Error.WriteLine($"{source}: {awaiter.GetResult().Length} characters");
        });
    }

    /// <summary>Not reported (ASYNC204 has no rewrite that keeps the meaning): the line after the call ran before the callback and would run after it.</summary>
    public void CountWhenDone(Task download)
    {
        download.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Interlocked.Increment(ref finished));
        Console.Error.WriteLine("waiting for a download");
    }

    /// <summary>Not reported: await says it directly.</summary>
    public async Task CountAfterAsync(Task download)
    {
        await download;
        Interlocked.Increment(ref finished);
    }

    public int Finished => Volatile.Read(ref finished);
}
