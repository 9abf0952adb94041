using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertEventBasedAsyncToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertEventBasedAsyncToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertEventBasedAsyncToAwaitTests
    {
        private const string Usings = "using System;\nusing System.ComponentModel;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>EAP types: Fetcher (Task&lt;int&gt; counterpart), Pinger (Task counterpart), Uploader (none), Loader (not EAP).</summary>
        private const string Types = """

            public sealed class FetchCompletedEventArgs : AsyncCompletedEventArgs
            {
                private readonly int result;
                public FetchCompletedEventArgs(int result, Exception? error, bool cancelled, object? state) : base(error, cancelled, state) => this.result = result;
                public int Result { get { RaiseExceptionIfNecessary(); return result; } }
            }

            public sealed class Fetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, null)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class BrokenFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(0, new InvalidOperationException("offline"), false, null)));
                public Task<int> FetchTaskAsync(int id) => Task.FromException<int>(new InvalidOperationException("offline"));
            }

            public sealed class CancelledFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(0, null, true, null)));
                public Task<int> FetchTaskAsync(int id) => Task.FromCanceled<int>(new CancellationToken(true));
            }

            public sealed class Pinger
            {
                public event AsyncCompletedEventHandler? PingCompleted;
                public void PingAsync() => Task.Run(() => PingCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
                public Task PingTaskAsync() => Task.Delay(1);
            }

            public sealed class Uploader
            {
                public event AsyncCompletedEventHandler? UploadCompleted;
                public void UploadAsync(string path) => Task.Run(() => UploadCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, null)));
            }

            public sealed class Loader
            {
                public event EventHandler? LoadCompleted;
                public void LoadAsync() => LoadCompleted?.Invoke(this, EventArgs.Empty);
                public Task LoadTaskAsync() => Task.CompletedTask;
            }
            """;

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        /// <summary>EAP start methods with a trailing user state that the Task-based twin does not take.</summary>
        private const string UserStateTypes = """

            public sealed class TaggedFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id, object? userState) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, userState)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class LabelledFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(int id, string label) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(id * 2, null, false, label)));
                public Task<int> FetchTaskAsync(int id) => Task.Run(() => id * 2);
            }

            public sealed class OptionalStateFetcher
            {
                public event EventHandler<FetchCompletedEventArgs>? FetchCompleted;
                public void FetchAsync(object? userState = null) => Task.Run(() => FetchCompleted?.Invoke(this, new FetchCompletedEventArgs(2, null, false, userState)));
                public Task<int> FetchTaskAsync() => Task.Run(() => 2);
            }

            public sealed class Mailer
            {
                public event AsyncCompletedEventHandler? SendCompleted;
                public void SendAsync(string to, object? userState) => Task.Run(() => SendCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, userState)));
                public Task SendMailAsync(string to) => Task.Delay(1);
            }
            """;
    }
}
