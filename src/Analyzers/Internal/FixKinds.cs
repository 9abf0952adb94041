using System.Collections.Immutable;

namespace AsyncAnalyzers.Internal
{
    /// <summary>ASYNC101: the rewrite the analyzer planned for a blocking wait, under <see cref="FixProperties.WaitFix"/>.</summary>
    internal enum BlockingWaitFix
    {
        /// <summary>Reported without a fix: the await version would mean something else (timeouts, tokens, AggregateException handlers).</summary>
        None,

        /// <summary><c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> to <c>await t</c> (keeping ConfigureAwait).</summary>
        Await,

        /// <summary><c>Task.WaitAll(a, b)</c> to <c>await Task.WhenAll(a, b)</c>.</summary>
        WhenAll,

        /// <summary><c>Task.WaitAny(...)</c> whose int is unused to <c>await Task.WhenAny(...)</c>.</summary>
        WhenAny,

        /// <summary><c>Task.WaitAny(tasks)</c> used as a value to <c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c>.</summary>
        WhenAnyIndex,

        /// <summary>
        /// <c>Assert.True(t.Wait(timeout))</c> or <c>t.Wait(timeout).Should().BeTrue()</c> to <c>await t.WaitAsync(timeout)</c>: the
        /// statement that asserts the bool becomes the await, which throws (TimeoutException) where the assertion failed.
        /// </summary>
        WaitAsync,
    }

    /// <summary>ASYNC104 in a helper chain: how a synchronous dispose becomes an asynchronous one.</summary>
    internal enum AsyncDisposeFix
    {
        None,

        /// <summary>The <c>using</c> statement or declaration becomes <c>await using</c>.</summary>
        AwaitUsing,

        /// <summary><c>x.Dispose()</c> becomes <c>await x.DisposeAsync()</c>.</summary>
        DisposeAsync,
    }

    /// <summary>ASYNC201-204: the rewrite the analyzer planned for a callback, under <see cref="FixProperties.Rewrite"/>.</summary>
    internal enum CallbackRewrite
    {
        None,

        /// <summary>The Task-based method of the same operation is awaited.</summary>
        AwaitTaskMethod,

        /// <summary>The APM pair is awaited through <c>Task.Factory.FromAsync</c>.</summary>
        AwaitFromAsync,

        /// <summary>The continuation or callback becomes code after an <c>await</c> of the task it waited for.</summary>
        AwaitTask,
    }

    /// <summary>
    /// The fix kinds as <c>Diagnostic.Properties</c> values, one spelling each, read and written here only: analyzers and
    /// fixers exchange the typed values.
    /// </summary>
    internal static class FixKinds
    {
        public static string ToPropertyValue(this BlockingWaitFix fix) => fix switch
        {
            BlockingWaitFix.Await => "await",
            BlockingWaitFix.WhenAll => "whenall",
            BlockingWaitFix.WhenAny => "whenany",
            BlockingWaitFix.WhenAnyIndex => "whenany-index",
            BlockingWaitFix.WaitAsync => "waitasync",
            _ => "none",
        };

        /// <summary>The planned ASYNC101 rewrite; <see cref="BlockingWaitFix.None"/> when there is none or it is not known.</summary>
        public static BlockingWaitFix BlockingWaitFixOf(ImmutableDictionary<string, string?> properties)
        {
            properties.TryGetValue(FixProperties.WaitFix, out var value);
            return value switch
            {
                "await" => BlockingWaitFix.Await,
                "whenall" => BlockingWaitFix.WhenAll,
                "whenany" => BlockingWaitFix.WhenAny,
                "whenany-index" => BlockingWaitFix.WhenAnyIndex,
                "waitasync" => BlockingWaitFix.WaitAsync,
                _ => BlockingWaitFix.None,
            };
        }

        public static string ToPropertyValue(this CallbackRewrite rewrite) => rewrite switch
        {
            CallbackRewrite.AwaitTaskMethod => "AwaitTaskMethod",
            CallbackRewrite.AwaitFromAsync => "AwaitFromAsync",
            CallbackRewrite.AwaitTask => "AwaitTask",
            _ => "None",
        };

        /// <summary>The planned callback rewrite; <see cref="CallbackRewrite.None"/> when there is none or it is not known.</summary>
        public static CallbackRewrite CallbackRewriteOf(ImmutableDictionary<string, string?> properties)
        {
            properties.TryGetValue(FixProperties.Rewrite, out var value);
            return value switch
            {
                "AwaitTaskMethod" => CallbackRewrite.AwaitTaskMethod,
                "AwaitFromAsync" => CallbackRewrite.AwaitFromAsync,
                "AwaitTask" => CallbackRewrite.AwaitTask,
                _ => CallbackRewrite.None,
            };
        }
    }
}
