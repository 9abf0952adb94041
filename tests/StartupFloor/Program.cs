namespace Tiny;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var text = await LoadAsync(args.Length > 0 ? args[0] : "input.txt");
        Console.WriteLine(text.Length);
        return 0;
    }

    private static async Task<string> LoadAsync(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var reader = new StreamReader(path);
        return await reader.ReadToEndAsync();
    }
}
