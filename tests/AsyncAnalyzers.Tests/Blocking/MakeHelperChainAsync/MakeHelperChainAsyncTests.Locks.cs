using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;
using Verify103 = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// A private SemaphoreSlim that a type uses only as a synchronous lock (one free slot, every Wait() followed by a
    /// try/finally that releases it, never awaited) is a <c>lock</c> in a helper: its holders never hold it across an
    /// await. Found on SSH.NET, whose connection check takes such a lock around a zero-timeout poll.
    /// </summary>
    public partial class MakeHelperChainAsyncTests
    {
        private static string Gate(string field, string members)
            => Usings + "using System.IO;\nclass C\n{\n    " + field + "\n    int count;\n    " + members
                + "\n    async Task RunAsync() { await Task.Yield(); {|#0:Touch()|}; }\n}\n";

        [Theory]
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } }")]
        [InlineData("private readonly SemaphoreSlim _gate = new(1, 1);", "void Touch() { try { _gate.Wait(); count++; } finally { _ = _gate.Release(); } }")]
        [InlineData("private readonly SemaphoreSlim _gate; C() { _gate = new SemaphoreSlim(1); }", "void Touch() { this._gate.Wait(); try { count++; } finally { this._gate.Release(); } }")]
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } } void Other() { _gate.Wait(); try { count--; } finally { _gate.Release(); } } void Close() => _gate.Dispose();")]
        public Task HelperTakingASemaphoreUsedOnlyAsASynchronousLock_IsNotReported(string field, string members)
            => Verify.VerifyAnalyzerAsync(Gate(field, members).Replace("{|#0:Touch()|}", "Touch()"));

        [Theory]
        // Also awaited elsewhere: an async holder keeps it across its awaits, so the wait lasts as long as their I/O.
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } } async Task SlowAsync() { await _gate.WaitAsync(); try { await Task.Delay(100); } finally { _gate.Release(); } }")]
        // Taken synchronously in an async method that awaits while holding it.
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } } async Task SlowAsync() { _gate.Wait(); try { await Task.Delay(100); } finally { _gate.Release(); } }")]
        // A signal: no free slot, released by whoever has work.
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(0);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } }")]
        // Waited on with no release after it.
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); count++; } public void Done() => _gate.Release();")]
        // Not private: other types may await it.
        [InlineData("internal readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } }")]
        // Handed on: its other uses are not known.
        [InlineData("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "void Touch() { _gate.Wait(); try { count++; } finally { _gate.Release(); } } void Share(List<SemaphoreSlim> all) => all.Add(_gate);")]
        public Task HelperWaitingOnASemaphoreThatIsNotASynchronousLock_IsReported(string field, string members)
            => Verify.VerifyAnalyzerAsync(Gate(field, members), Diagnostic(0, "Touch", "Touch -> SemaphoreSlim.Wait"));

        [Fact]
        public Task WorkDoneUnderTheLock_IsStillReported()
        {
            // The lock is not the finding; the write it guards is.
            return Verify.VerifyAnalyzerAsync(
                Gate("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1); Stream stream = File.OpenWrite(\"f\");", "void Touch() { _gate.Wait(); try { stream.Write(new byte[1], 0, 1); } finally { _gate.Release(); } }"),
                Diagnostic(0, "Touch", "Touch -> Stream.Write"));
        }

        [Fact]
        public Task SynchronousLockWaitInAnAsyncMethod_IsStillAsync103()
        {
            return Verify103.VerifyAnalyzerAsync(
                Usings + """
                class C
                {
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                    int count;
                    async Task RunAsync()
                    {
                        await Task.Yield();
                        {|#0:_gate.Wait()|};
                        try { count++; } finally { _gate.Release(); }
                    }
                }
                """,
                Verify103.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments("SemaphoreSlim.Wait", "'C.RunAsync'", "use 'await _gate.WaitAsync()'"));
        }
    }
}
