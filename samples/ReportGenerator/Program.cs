using ReportGenerator;

// Downloads a few CSV files, parses them and prints a summary per region.
var sources = new[]
{
    new Uri("https://example.invalid/sales/north.csv"),
    new Uri("https://example.invalid/sales/south.csv"),
};

var pipeline = new ReportPipeline(new FakeDownloader());
var report = await pipeline.BuildAsync(sources, CancellationToken.None);
foreach (var line in report)
{
    Console.WriteLine(line);
}
