namespace ReportGenerator;

public sealed class ReportPipeline
{
    private readonly FakeDownloader downloader;

    public ReportPipeline(FakeDownloader downloader)
    {
        this.downloader = downloader;
    }

    public async Task<IReadOnlyList<string>> BuildAsync(IEnumerable<Uri> sources, CancellationToken cancellationToken)
    {
        var rows = new List<(string Region, decimal Amount)>();
        foreach (var source in sources)
        {
            var text = await downloader.DownloadAsync(source, cancellationToken);
            rows.AddRange(Parse(text));

            // Be polite to the server between downloads.
            Thread.Sleep(50); // ASYNC102: blocks the async path; use await Task.Delay
        }

        return Summarize(rows);
    }

    /// <summary>A Task-returning method without async: the fix makes it async and drops the CompletedTask return.</summary>
    public Task WarmUpAsync()
    {
        Thread.Sleep(20); // ASYNC102
        return Task.CompletedTask;
    }

    public void WarmUpSynchronously()
    {
        Thread.Sleep(20); // not reported: a synchronous method may block
    }

    public Task StartBackgroundRefresh()
    {
        // Not reported: a synchronous lambda handed to Task.Run runs on a pool thread of its own.
        return Task.Run(() => Thread.Sleep(100));
    }

    private static IEnumerable<(string Region, decimal Amount)> Parse(string csv)
    {
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var cells = line.Split(',');
            yield return (cells[0], decimal.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static IReadOnlyList<string> Summarize(IEnumerable<(string Region, decimal Amount)> rows)
    {
        return rows
            .GroupBy(r => r.Region)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Sum(r => r.Amount)}")
            .ToList();
    }
}
