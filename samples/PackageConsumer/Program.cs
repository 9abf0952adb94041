// Each line marked "expect" must produce exactly that diagnostic; nothing else may be reported.
// CI reads the markers (see .ci/run) and compares them with the build output; after `dotnet format analyzers`
// only the lines marked "stays" may still be reported, and the result must build.

var worker = new Worker();
await worker.PollAsync();
worker.PollSynchronously(); // expect: ASYNC105 (top-level statements that await are an async path)
Console.WriteLine(await worker.ReadConfigAsync(Path.GetTempFileName()));
Console.WriteLine(await worker.DoubleAsync(Task.FromResult(21)));
Console.WriteLine(await worker.ChecksumAsync(new byte[] { 1, 2, 3 }));

internal sealed class Worker
{
    public async Task PollAsync()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Thread.Sleep(10); // expect: ASYNC102
            await Task.Yield();
        }
    }

    public void PollSynchronously()
    {
        Thread.Sleep(10); // a synchronous method may block: nothing reported
    }

    public Task BackgroundAsync() => Task.Run(() => Thread.Sleep(10)); // runs on a pool thread: nothing reported

    public async Task SaveAsync()
    {
        Flush(); // expect: ASYNC105
        await Task.Yield();
    }

    public async Task<int> LengthAsync(Task<string> text)
    {
        await Task.Yield();
        return text.Result.Length; // expect: ASYNC101
    }

    public async Task<string> ReadConfigAsync(string path)
    {
        await Task.Yield();
        return File.ReadAllText(path); // expect: ASYNC103
    }

    public async Task WriteReportAsync(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.Create); // expect: ASYNC104
        await stream.WriteAsync(content);
    }

    public Task<int> DoubleAsync(Task<int> value)
    {
        return value.ContinueWith(t => t.Result * 2); // expect: ASYNC201
    }

    public async Task<long> ChecksumAsync(byte[] data)
    {
        await Task.Yield();
        long hash = 17;
        for (var round = 0; round < 100_000; round++) // expect: ASYNC301
        {
            for (var i = 0; i < data.Length; i++)
            {
                hash = ((hash * 31) + (data[i] * (round + 1))) ^ (hash >> 7) ^ (hash << 3);
            }
        }

        return hash;
    }

    private static void Flush() => Backoff();

    private static void Backoff() => Thread.Sleep(5);
}
