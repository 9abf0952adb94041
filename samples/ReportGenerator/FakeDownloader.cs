namespace ReportGenerator;

/// <summary>Stands in for an HTTP client so the sample runs offline.</summary>
public sealed class FakeDownloader
{
    public async Task<string> DownloadAsync(Uri source, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        return source.AbsolutePath.Contains("north")
            ? "region,amount\nnorth,120\nnorth,80\n"
            : "region,amount\nsouth,200\nsouth,15\n";
    }
}
