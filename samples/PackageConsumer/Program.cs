// Each line marked "expect" must produce exactly that diagnostic; nothing else may be reported.
// CI reads the markers (see .ci/run) and compares them with the build output; after `dotnet format analyzers`
// only the lines marked "stays" may still be reported.

var worker = new Worker();
await worker.PollAsync();
worker.PollSynchronously(); // expect: ASYNC105 (top-level statements that await are an async path)

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

    private static void Flush() => Backoff();

    private static void Backoff() => Thread.Sleep(5);
}
