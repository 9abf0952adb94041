namespace Tiny;

public sealed record Item(string Name, int Count);

public static class Items
{
    public static int Total(IEnumerable<Item> items)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += item.Count;
        }

        return total;
    }
}
