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
        [Fact]
        public Task FixAll_TwoChainsInOneMethod_GetDistinctNames()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var a = await LoadAsync().[|ContinueWith(t => t.Result.Trim() + t.Result.Length)|];
                        var b = await LoadAsync().[|ContinueWith(t => t.Result.Length + t.Result.Trim())|];
                        return a + b;
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var result = await LoadAsync();
                        var a = result.Trim() + result.Length;
                        var result2 = await LoadAsync();
                        var b = result2.Length + result2.Trim();
                        return a + b;
                    }
                """ + Helpers + "\n}\n");
        }
    }
}
