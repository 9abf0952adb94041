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
        [Theory]
        [InlineData("void M(Stream s, byte[] b) { s.{|#0:BeginWrite(b, 0, b.Length, delegate (IAsyncResult ar) { s.EndWrite(ar); }, s)|}; }", "BeginWrite", "EndWrite")]
        [InlineData("void M(Stream s, byte[] b) { s.{|#0:BeginRead(b, 0, b.Length, ar => s.EndRead(ar), null)|}; }", "BeginRead", "EndRead")]
        public Task BeginWithCallback_IsReported(string member, string begin, string end)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ConvertBeginEndToAwait).WithLocation(0).WithArguments(begin, end));
        }

        [Theory]
        [InlineData("void M() { StaticLegacy.{|#0:BeginCompute(1, ar => Console.WriteLine(StaticLegacy.EndCompute(ar)), null)|}; }", "BeginCompute", "EndCompute")]
        [InlineData("void M() { StaticOnly.{|#0:BeginCompute(1, ar => Console.WriteLine(StaticOnly.EndCompute(ar)), null)|}; }", "BeginCompute", "EndCompute")]
        [InlineData("void M(string host) { System.Net.Dns.{|#0:BeginGetHostAddresses(host, ar => Console.WriteLine(System.Net.Dns.EndGetHostAddresses(ar).Length), null)|}; }", "BeginGetHostAddresses", "EndGetHostAddresses")]
        public Task StaticPair_IsReported(string member, string begin, string end)
            => Verify.VerifyAnalyzerAsync(
                "#nullable enable\n" + Usings + "class C { " + member + " }" + StaticTypes,
                Verify.Diagnostic(DiagnosticIds.ConvertBeginEndToAwait).WithLocation(0).WithArguments(begin, end));
    }
}
