using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertContinueWithToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertContinueWithToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertContinueWithToAwaitTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string Helpers = """

                static Task<string> LoadAsync() => Task.Run(() => " report ");
                static async Task<string> FailAsync() { await Task.Yield(); throw new InvalidOperationException("load failed"); }
                static Task SaveAsync(string text) => Task.Run(() => Console.Write("[saved " + text.Trim() + "]"));
            """;

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ConvertContinueWithToAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        private const string PipeTo = "static class Pipes { public static void PipeTo<T>(this Task<T> task, object target) { } }";
    }
}
