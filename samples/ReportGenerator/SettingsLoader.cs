namespace ReportGenerator;

/// <summary>Blocking hidden one and two calls away from the async code: what ASYNC105 and ASYNC107 find.</summary>
public sealed class SettingsLoader
{
    private int attempts;
    private string? header;

    public async Task<string> LoadAsync()
    {
        WaitForLock(); // ASYNC105: 'WaitForLock' blocks the async path: WaitForLock -> Backoff -> Thread.Sleep
        await Task.Yield();
        return Header + Describe; // ASYNC105 through the 'Describe' getter; 'Header' only blocks on its first read
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

    // ASYNC107: read once per loader, so it is reported here, once, rather than at every async read of 'Header'.
    private string Header => header ??= File.ReadAllText("header.txt");

    private string Describe
    {
        get
        {
            Backoff(1);
            return "settings";
        }
    }
}
