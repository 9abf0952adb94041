namespace ReportGenerator;

/// <summary>
/// Downloads several sources at once and merges them: the ways real code blocks on tasks (ASYNC101), next to
/// look-alikes that are fine because the task has already finished or the code is not on an async path.
/// </summary>
public sealed class ParallelReportLoader
{
    private readonly FakeDownloader downloader;

    public ParallelReportLoader(FakeDownloader downloader)
    {
        this.downloader = downloader;
    }

    public async Task<int> CountRowsAsync(IReadOnlyList<Uri> sources, CancellationToken cancellationToken)
    {
        var downloads = sources.Select(s => downloader.DownloadAsync(s, cancellationToken)).ToList();

        // ASYNC101: Task.WaitAll -> await Task.WhenAll.
        Task.WaitAll(downloads.ToArray());

        // Not reported: every task of 'downloads' has finished (the WaitAll above is the one reported wait).
        return downloads.Sum(d => d.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public async Task<long> TotalBytesAsync(IReadOnlyList<Uri> sources, CancellationToken cancellationToken)
    {
        var downloads = sources.Select(s => downloader.DownloadAsync(s, cancellationToken)).ToList();

        // ASYNC101 without a fix: a sync lambda that runs inline blocks the async path, and await is not allowed in it.
        // Write 'var texts = await Task.WhenAll(downloads);' and sum those instead.
        return downloads.Sum(d => (long)d.Result.Length);
    }

    public async Task<string> FirstAvailableAsync(Uri primary, Uri mirror, CancellationToken cancellationToken)
    {
        var attempts = new[] { downloader.DownloadAsync(primary, cancellationToken), downloader.DownloadAsync(mirror, cancellationToken) };

        // ASYNC101: Task.WaitAny -> Array.IndexOf(attempts, await Task.WhenAny(attempts)).
        var winner = Task.WaitAny(attempts);

        // ASYNC101 as well: the analysis does not follow the index WaitAny returned. Awaiting a finished task is free.
        return attempts[winner].GetAwaiter().GetResult();
    }

    /// <summary>Task-returning without async: the fix makes it async and unwraps the Task.FromResult.</summary>
    public Task<string> HeaderWithSourceAsync(Uri source, CancellationToken cancellationToken)
    {
        var text = downloader.DownloadAsync(source, cancellationToken).Result; // ASYNC101
        return Task.FromResult("region,amount\n" + text);
    }

    public async Task<string> MergeAsync(Uri first, Uri second, CancellationToken cancellationToken)
    {
        var a = downloader.DownloadAsync(first, cancellationToken);
        var b = downloader.DownloadAsync(second, cancellationToken);
        await Task.WhenAll(a, b);

        // Not reported: both tasks were awaited through WhenAll above.
        var merged = a.Result + b.Result;

        var fastest = await Task.WhenAny(a, b);

        // Not reported: WhenAny hands back a finished task.
        return merged + fastest.Result.Length;
    }

    public string LoadSynchronously(Uri source)
    {
        // Not reported: a synchronous method may block (its caller chose to).
        return downloader.DownloadAsync(source, CancellationToken.None).GetAwaiter().GetResult();
    }
}
