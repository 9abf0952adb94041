using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;
using Verify104 = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// One call, one finding: a <c>Dispose()</c> of an object with its own DisposeAsync is ASYNC104's call (its fix awaits
    /// DisposeAsync), even when that Dispose blocks through helpers of the compilation (found on FluentFTP, whose client's
    /// Dispose runs its DisposeAsync on the thread pool and waits).
    /// </summary>
    public partial class MakeHelperChainAsyncTests
    {
        private const string SyncOverAsyncClient = """
            class Client : IDisposable, IAsyncDisposable
            {
                public void Dispose() { Task.Run(async () => await DisposeAsync()).Wait(); }
                public async ValueTask DisposeAsync() { await Task.Delay(1); }
            }
            class Plain : IDisposable
            {
                public void Dispose() { Thread.Sleep(10); }
            }
            """;

        [Theory]
        [InlineData("async Task M(Client c) { await Task.Yield(); c.Dispose(); }")]
        [InlineData("async Task M(Client c) { await Task.Yield(); c?.Dispose(); }")]
        [InlineData("async Task M() { var c = new Client(); await Task.Yield(); ((IDisposable)c).Dispose(); }")]
        [InlineData("async Task M(bool clone) { var c = new Client(); await Task.Yield(); if (clone) { c.Dispose(); } }")]
        public Task DisposeOfAnObjectWithItsOwnDisposeAsync_IsLeftToAsync104(string member)
            => Verify.VerifyAnalyzerAsync(Usings + SyncOverAsyncClient + "class C { " + member + " }");

        [Fact]
        public Task DisposeOfAnObjectWithItsOwnDisposeAsync_IsReportedByAsync104()
            => Verify104.VerifyAnalyzerAsync(
                Usings + SyncOverAsyncClient + "class C { async Task M(Client c) { await Task.Yield(); {|#0:c.Dispose()|}; } }",
                Verify104.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments("Client", "use 'await c.DisposeAsync()'"));

        [Theory]
        [InlineData("async Task M(Plain p) { await Task.Yield(); {|#0:p.Dispose()|}; }", "Dispose", "Dispose -> Thread.Sleep")]
        [InlineData("async Task M(Plain p) { await Task.Yield(); p?{|#0:.Dispose()|}; }", "Dispose", "Dispose -> Thread.Sleep")]
        [InlineData("async Task M(Client c) { await Task.Yield(); {|#0:Close(c)|}; } void Close(Client c) => c.Dispose();", "Close", "Close -> Dispose -> Task.Wait")]
        [InlineData("class D : Client { async Task M() { await Task.Yield(); {|#0:Dispose()|}; } }", "Dispose", "Dispose -> Task.Wait")]
        // Calls ASYNC104 leaves alone stay ASYNC105's: created and disposed in one expression, and inside a DisposeAsync.
        [InlineData("async Task M() { await Task.Yield(); {|#0:new Client().Dispose()|}; }", "Dispose", "Dispose -> Task.Wait")]
        [InlineData("class Owner : IAsyncDisposable { Client _client = new Client(); public async ValueTask DisposeAsync() { await Task.Yield(); {|#0:_client.Dispose()|}; } }", "Dispose", "Dispose -> Task.Wait")]
        public Task DisposeWithoutAnAsyncForm_OrInsideAHelper_IsStillReported(string member, string callee, string chain)
        {
            var source = member.StartsWith("class", System.StringComparison.Ordinal)
                ? Usings + SyncOverAsyncClient + member
                : Usings + SyncOverAsyncClient + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Diagnostic(0, callee, chain));
        }
    }
}
