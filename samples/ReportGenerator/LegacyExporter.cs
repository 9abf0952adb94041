namespace ReportGenerator;

/// <summary>An older synchronous API over async work: sync over async, reported by the opt-in ASYNC106.</summary>
public sealed class LegacyExporter
{
    private readonly FakeDownloader downloader = new();

    public string Export(Uri source)
    {
        return downloader.DownloadAsync(source, CancellationToken.None).Result; // ASYNC106
    }

    public string ExportCached(Task<string> alreadyStarted)
    {
        return alreadyStarted.Result; // not reported: the task comes from the caller
    }
}
