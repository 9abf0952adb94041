using System.Threading.Tasks;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on FluentFTP and SSH.NET, repositories the rules had never seen (session 18), as minimal code of our own.
    /// </summary>
    public class RealCodeRoundTenTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static string Proxy(string body) => Usings + """
            enum Auth { None, Kerberos, Password, Refused }
            class Proxy
            {
                Stream stream = File.OpenWrite("f");
                Auth auth;
                async Task AuthenticateAsync()
                {
                    await Task.Yield();
                    switch (auth)
                    {
            """ + body + """
                    }
                }
                void Teardown() { stream.Flush(); }
            }
            """;

        [Theory]
        // A switch section that tears down on its way to throwing: a failure path, like the same statements in an if block.
        [InlineData("case Auth.None: break; case Auth.Kerberos: stream.Flush(); throw new NotSupportedException(); default: break;")]
        [InlineData("case Auth.Refused: stream.Flush(); stream.Write(new byte[1], 0, 1); throw new InvalidOperationException(\"refused\");")]
        [InlineData("case Auth.Refused: { stream.Flush(); throw new InvalidOperationException(); }")]
        [InlineData("default: stream.Flush(); throw new ArgumentOutOfRangeException();")]
        public Task TeardownInASwitchSectionThatThrows_IsNotReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Proxy(body));

        [Theory]
        [InlineData("case Auth.Kerberos: {|#0:stream.Flush()|}; break;", "Stream.Flush")]
        [InlineData("case Auth.Kerberos: {|#0:stream.Flush()|}; if (auth == Auth.None) return; throw new NotSupportedException();", "Stream.Flush")]
        [InlineData("default: {|#0:stream.Flush()|}; return;", "Stream.Flush")]
        [InlineData("case Auth.Password: {|#0:stream.Flush()|}; goto default; default: throw new InvalidOperationException();", "Stream.Flush")]
        public Task CallInASwitchSectionThatGoesOn_IsReported(string body, string call)
            => Counterparts.VerifyAnalyzerAsync(Proxy(body), Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, "'Proxy.AuthenticateAsync'", "use 'await stream.FlushAsync()'"));

        [Fact]
        public Task HelperCalledInASwitchSectionThatThrows_IsNotReported()
            => Chains.VerifyAnalyzerAsync(Proxy("case Auth.Refused: Teardown(); throw new InvalidOperationException(); default: break;"));

        [Fact]
        public Task HelperCalledInASwitchSectionThatBreaks_IsReported()
            => Chains.VerifyAnalyzerAsync(
                Proxy("case Auth.Refused: {|#0:Teardown()|}; break; default: break;"),
                Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Teardown", "Teardown -> Stream.Flush"));
    }
}
