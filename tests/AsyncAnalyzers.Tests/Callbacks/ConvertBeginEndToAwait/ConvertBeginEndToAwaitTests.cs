using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertBeginEndToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertBeginEndToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertBeginEndToAwaitTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Net;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>Static APM pairs: StaticLegacy has a static Task-based twin, StaticOnly none, OtherStatic the same pair shape.</summary>
        private const string StaticTypes = """

            public static class StaticLegacy
            {
                public static IAsyncResult BeginCompute(int x, AsyncCallback? callback, object? state)
                {
                    var source = new TaskCompletionSource<int>(state);
                    Task.Run(() => { source.SetResult(x * 2); callback?.Invoke(source.Task); });
                    return source.Task;
                }

                public static int EndCompute(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();

                public static Task<int> ComputeAsync(int x) => Task.Run(() => x * 2);
            }

            public static class StaticOnly
            {
                public static IAsyncResult BeginCompute(int x, AsyncCallback? callback, object? state) => StaticLegacy.BeginCompute(x, callback, state);

                public static int EndCompute(IAsyncResult result) => StaticLegacy.EndCompute(result);
            }
            """;
    }
}
