namespace ReportGenerator;

/// <summary>Report steps written in the pre-await callback style (ASYNC201).</summary>
public sealed class LegacyReportSteps
{
    private readonly FakeDownloader downloader;

    public LegacyReportSteps(FakeDownloader downloader)
    {
        this.downloader = downloader;
    }

    /// <summary>ASYNC201, fixed: the chain becomes (await DownloadAsync(...)).Split('\n').Length - 2.</summary>
    public Task<int> CountRowsAsync(Uri source)
    {
        return downloader.DownloadAsync(source, CancellationToken.None)
            .ContinueWith(t => t.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .ContinueWith(t => t.Result.Length - 1);
    }

    /// <summary>ASYNC201, fixed: the IsFaulted branch becomes a try/catch around the await.</summary>
    public Task<string> DownloadOrEmptyAsync(Uri source)
    {
        var download = downloader.DownloadAsync(source, CancellationToken.None);
        return download.ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                Console.Error.WriteLine("download failed: " + t.Exception!.InnerException!.Message);
                return "";
            }

            return t.Result;
        });
    }

    /// <summary>ASYNC201, fixed: ContinueWhenAll becomes await Task.WhenAll.</summary>
    public Task<int> TotalRowsAsync(Uri[] sources)
    {
        var counts = sources.Select(CountRowsAsync).ToArray();
        return Task.Factory.ContinueWhenAll(counts, done => done.Sum(c => c.Result));
    }

    /// <summary>Not reported (ASYNC201 has no rewrite that keeps the meaning): fire-and-forget; awaiting would make the caller wait for the log line.</summary>
    public void LogWhenDownloaded(Uri source)
    {
        downloader.DownloadAsync(source, CancellationToken.None)
            .ContinueWith(t => Console.Error.WriteLine($"{source}: {t.Result.Length} bytes"));
    }

    /// <summary>Not reported (ASYNC201 has no rewrite that keeps the meaning): OnlyOnRanToCompletion cancels the continuation on failure, which await does not say.</summary>
    public Task<int> FirstAmountAsync(Uri source)
    {
        return downloader.DownloadAsync(source, CancellationToken.None)
            .ContinueWith(t => int.Parse(t.Result.Split('\n')[1].Split(',')[1]), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    /// <summary>Not reported: already straight-line async code.</summary>
    public async Task<int> CountRowsAwaitedAsync(Uri source)
    {
        var text = await downloader.DownloadAsync(source, CancellationToken.None);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
    }

    /// <summary>Not reported: Task.WhenAll is the await form already.</summary>
    public async Task<int> TotalRowsAwaitedAsync(Uri[] sources)
    {
        var counts = await Task.WhenAll(sources.Select(CountRowsAwaitedAsync));
        return counts.Sum();
    }
}
