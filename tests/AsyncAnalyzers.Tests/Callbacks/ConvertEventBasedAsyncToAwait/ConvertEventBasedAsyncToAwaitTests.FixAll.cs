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
        [Fact]
        public Task FixAll_SeveralMethods()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void A() { var f = new Fetcher(); [|f.FetchCompleted += (s, e) => Console.WriteLine(e.Result)|]; f.FetchAsync(1); }

                    void B() { var g = new Fetcher(); [|g.FetchCompleted += (s, e) => Console.WriteLine(e.Result * 2)|]; g.FetchAsync(2); }
                }
                """ + Types,
                Usings + """
                class C
                {
                    async Task A() { var f = new Fetcher(); Console.WriteLine(await f.FetchTaskAsync(1)); }

                    async Task B() { var g = new Fetcher(); Console.WriteLine(await g.FetchTaskAsync(2) * 2); }
                }
                """ + Types,
                ConvertEventBasedAsyncToAwaitFixer.AwaitKey);
        }
    }
}
