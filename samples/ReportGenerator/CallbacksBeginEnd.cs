namespace ReportGenerator;

/// <summary>Report files written and read with the old Begin/End pattern (ASYNC202).</summary>
internal sealed class LegacyReportFiles
{
    private readonly byte[] header = new byte[16];

    /// <summary>ASYNC202, fixed: becomes 'var read = await stream.ReadAsync(...)' in an async Task method.</summary>
    public void ReadHeader(Stream stream)
    {
        stream.BeginRead(header, 0, header.Length, ar =>
        {
            var read = stream.EndRead(ar);
            Console.Error.WriteLine($"header: {read} bytes");
        }, null);
    }

    /// <summary>ASYNC202, fixed: a private callback used once is inlined; ar.AsyncState is the stream passed as state.</summary>
    public void Append(Stream stream, byte[] row)
    {
        stream.BeginWrite(row, 0, row.Length, OnAppended, stream);
    }

    private static void OnAppended(IAsyncResult ar)
    {
        ((Stream)ar.AsyncState!).EndWrite(ar);
    }

    /// <summary>Not reported (ASYNC202 has no rewrite that keeps the meaning, twice): both Begin sites share one End callback.</summary>
    public void Mirror(Stream primary, Stream copy, byte[] row)
    {
        primary.BeginWrite(row, 0, row.Length, OnWritten, primary);
        copy.BeginWrite(row, 0, row.Length, OnWritten, copy);
    }

    private static void OnWritten(IAsyncResult ar)
    {
        ((Stream)ar.AsyncState!).EndWrite(ar);
    }

    /// <summary>Not reported: the Task-based API directly.</summary>
    public async Task<int> ReadHeaderAsync(Stream stream)
    {
        return await stream.ReadAsync(header, 0, header.Length);
    }

    /// <summary>Not reported: no callback (a blocking End is another problem).</summary>
    public int ReadHeaderBlocking(Stream stream)
    {
        var pending = stream.BeginRead(header, 0, header.Length, null, null);
        return stream.EndRead(pending);
    }
}
