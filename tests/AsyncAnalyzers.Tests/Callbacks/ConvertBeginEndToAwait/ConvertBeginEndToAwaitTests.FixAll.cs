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
        [Fact]
        public Task FixAll_SeveralMethods()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void A(Stream s, byte[] b) { s.[|BeginRead(b, 0, 4, ar => Console.WriteLine(s.EndRead(ar)), null)|]; }

                    void B(Stream s, byte[] b) { s.[|BeginWrite(b, 0, 4, ar => s.EndWrite(ar), null)|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task A(Stream s, byte[] b) { Console.WriteLine(await s.ReadAsync(b, 0, 4)); }

                    async Task B(Stream s, byte[] b) { await s.WriteAsync(b, 0, 4); }
                }
                """,
                ConvertBeginEndToAwaitFixer.AwaitKey);
        }
    }
}
