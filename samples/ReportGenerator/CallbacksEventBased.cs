using System.ComponentModel;

namespace ReportGenerator;

/// <summary>An exchange-rate service with the old event-based API next to the Task-based one.</summary>
public sealed class RateService
{
    public event EventHandler<RateCompletedEventArgs>? GetRateCompleted;

    public void GetRateAsync(string currency)
    {
        Task.Run(() => GetRateCompleted?.Invoke(this, new RateCompletedEventArgs(Rate(currency), null, false, null)));
    }

    public Task<decimal> GetRateTaskAsync(string currency) => Task.Run(() => Rate(currency));

    private static decimal Rate(string currency) => currency == "EUR" ? 0.92m : 1m;
}

public sealed class RateCompletedEventArgs : AsyncCompletedEventArgs
{
    private readonly decimal rate;

    public RateCompletedEventArgs(decimal rate, Exception? error, bool cancelled, object? state)
        : base(error, cancelled, state)
    {
        this.rate = rate;
    }

    public decimal Result
    {
        get
        {
            RaiseExceptionIfNecessary();
            return rate;
        }
    }
}

/// <summary>A legacy archive uploader: event-based only, no Task counterpart.</summary>
public sealed class ArchiveUploader
{
    public event AsyncCompletedEventHandler? UploadCompleted;

    public void UploadAsync(string path)
    {
        Task.Run(() => UploadCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, path)));
    }
}

/// <summary>Converting report totals into another currency (ASYNC203).</summary>
internal sealed class CurrencyConversion
{
    /// <summary>ASYNC203, fixed: e.Result becomes 'await rates.GetRateTaskAsync(currency)'.</summary>
    public void PrintRate(string currency)
    {
        var rates = new RateService();
        rates.GetRateCompleted += (sender, e) =>
        {
            Console.Error.WriteLine($"{currency}: {e.Result}");
        };
        rates.GetRateAsync(currency);
    }

    /// <summary>Not reported (ASYNC203 has no rewrite that keeps the meaning): the uploader has no Task-returning counterpart.</summary>
    public void Upload(string path)
    {
        var uploader = new ArchiveUploader();
        uploader.UploadCompleted += (sender, e) => Console.Error.WriteLine(e.Error is null ? "uploaded" : "upload failed");
        uploader.UploadAsync(path);
    }

    /// <summary>Not reported: a TaskCompletionSource adapter over an event-based-only API is the right pattern.</summary>
    public static Task UploadTaskAsync(ArchiveUploader uploader, string path)
    {
        var completion = new TaskCompletionSource();
        uploader.UploadCompleted += (sender, e) =>
        {
            if (e.Error is not null)
            {
                completion.TrySetException(e.Error);
            }
            else if (e.Cancelled)
            {
                completion.TrySetCanceled();
            }
            else
            {
                completion.TrySetResult();
            }
        };
        uploader.UploadAsync(path);
        return completion.Task;
    }
}
