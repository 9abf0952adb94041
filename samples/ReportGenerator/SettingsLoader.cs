namespace ReportGenerator;

/// <summary>Blocking hidden one and two calls away from the async code: what ASYNC105 finds.</summary>
public sealed class SettingsLoader
{
    private int attempts;

    public async Task<string> LoadAsync()
    {
        WaitForLock(); // ASYNC105: 'WaitForLock' blocks the async path: WaitForLock -> Backoff -> Thread.Sleep
        await Task.Yield();
        return Describe; // ASYNC105 through a property getter
    }

    public string LoadSynchronously()
    {
        WaitForLock(); // not reported: a synchronous caller may block
        return Describe;
    }

    private void WaitForLock()
    {
        attempts++;
        Backoff(attempts);
    }

    private static void Backoff(int attempt) => Thread.Sleep(10 * attempt);

    private string Describe
    {
        get
        {
            Backoff(1);
            return "settings";
        }
    }
}
