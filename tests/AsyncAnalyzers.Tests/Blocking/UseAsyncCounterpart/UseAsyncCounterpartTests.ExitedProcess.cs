using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;
using VerifyChain = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Reading a process's redirected output after waiting for it to exit takes only what is already buffered: the process
    /// closed its end of the pipe (npgsql's klist call, judged WRONG in session 21).
    /// </summary>
    public class ExitedProcessOutputTests
    {
        private const string Usings = "using System;\nusing System.Diagnostics;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        [Theory]
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { await p.WaitForExitAsync(ct); return p.StandardError.ReadToEnd(); }")]
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { await p.WaitForExitAsync(ct).ConfigureAwait(false); if (p.ExitCode != 0) return p.StandardError.ReadToEnd(); return null; }")]
        [InlineData("async Task<string> M(Process p, bool async, CancellationToken ct) { if (async) await p.WaitForExitAsync(ct); else p.WaitForExit(); return p.StandardOutput.ReadLine(); }")]
        [InlineData("async Task<string> M(Process p) { await Task.Yield(); if (!p.WaitForExit(5000)) { p.Kill(); throw new TimeoutException(); } return p.StandardOutput.ReadToEnd(); }")]
        [InlineData("Process p; async Task<string> M(CancellationToken ct) { await p.WaitForExitAsync(ct); var code = p.ExitCode; return code + p.StandardError.ReadToEnd(); }")]
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { await p.WaitForExitAsync(ct); using (var reader = new StringReader(\"x\")) { return reader.ReadToEnd() + p.StandardOutput.ReadToEnd(); } }")]
        public Task ReadAfterTheProcessExited_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");

        [Fact]
        public Task SynchronousWaitForTheExit_IsTheFinding_NotTheReadAfterIt()
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task<string> M(Process p) { await Task.Yield(); {|#0:p.WaitForExit()|}; return p.StandardOutput.ReadToEnd(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));

        [Theory]
        // Before the wait, with a wait that may time out, a wait on only one branch, another process, a wait in a lambda.
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { var s = {|#0:p.StandardError.ReadToEnd()|}; await p.WaitForExitAsync(ct); return s; }")]
        [InlineData("async Task<string> M(Process p) { await Task.Yield(); p.WaitForExit(5000); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        [InlineData("async Task<string> M(Process p, bool quick, CancellationToken ct) { if (quick) await p.WaitForExitAsync(ct); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        [InlineData("async Task<string> M(Process p, Process q, CancellationToken ct) { await q.WaitForExitAsync(ct); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { Func<Task> wait = async () => await p.WaitForExitAsync(ct); await Task.Yield(); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        // Started again, or another process assigned, after the wait.
        [InlineData("async Task<string> M(Process p, CancellationToken ct) { await p.WaitForExitAsync(ct); p.Start(); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        [InlineData("async Task<string> M(Process p, ProcessStartInfo info, CancellationToken ct) { await p.WaitForExitAsync(ct); p = Process.Start(info); return {|#0:p.StandardOutput.ReadToEnd()|}; }")]
        public Task ReadWhileTheProcessMayRun_IsReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));

        [Fact]
        public Task HelperThatReadsAfterTheExit_IsNotABlockingHelper()
            => VerifyChain.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    static string Output(Process p) { p.WaitForExit(); return p.StandardOutput.ReadToEnd(); }
                    async Task<string> M(Process p) { await Task.Yield(); return {|#0:Output(p)|}; }
                }
                """, VerifyChain.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Output", "Output -> Process.WaitForExit"));
    }
}
