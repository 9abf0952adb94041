using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Dual-mode code whose mode is a two-valued enum (<c>io == IO.Asynchronous</c>) rather than a bool, and the synchronous
    /// implementation of a dual-mode operation written as its own function (<c>io == IO.Asynchronous ? DoReadAsync(b) :
    /// DoReadSync(b)</c>, the sync one returning a completed task): the synchronous mode is not an async path.
    /// </summary>
    public class DualModeEnumFlagTests
    {
        private const string Mode = " enum IO { Synchronous, Asynchronous }";

        private static Task NoFinding<TAnalyzer>(string source)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
            => DualModeTests.NoFinding<TAnalyzer>(source);

        private static Task Finding<TAnalyzer>(string source, string id)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
            => DualModeTests.Finding<TAnalyzer>(source, id);

        // ---------------------------------------------------------------- not reported: the synchronous mode

        [Theory]
        [InlineData("ValueTask Write(Stream s, byte[] b, IO io) { if (io == IO.Asynchronous) return WriteCore(s, b); s.Write(b); return default; }")]
        [InlineData("ValueTask Write(Stream s, byte[] b, IO io) { if (io != IO.Asynchronous) { s.Write(b); return default; } return WriteCore(s, b); }")]
        [InlineData("ValueTask Write(Stream s, byte[] b, IO io) { if (IO.Synchronous == io) { s.Write(b); return default; } return WriteCore(s, b); }")]
        [InlineData("readonly IO _io; ValueTask Write(Stream s, byte[] b) { if (_io == IO.Asynchronous) return WriteCore(s, b); s.Write(b); return default; }")]
        public Task TwoValuedEnumFlag_ReturningTheAsyncImplementation_IsNotReported(string member)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { " + member + " ValueTask WriteCore(Stream s, byte[] b) => s.WriteAsync(b); }" + Mode);

        [Theory]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : ReadBytesSync(s, b); private ValueTask<int> ReadBytesSync(Stream s, byte[] b) => new(s.Read(b));")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, bool async) { return async ? ReadBytesAsync(s, b) : ReadLocalSync(); ValueTask<int> ReadLocalSync() => new(s.Read(b)); }")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : s.CanTimeout ? ReadBytesSync(s, b) : new(0); private ValueTask<int> ReadBytesSync(Stream s, byte[] b) { try { return new(s.Read(b)); } catch (IOException e) { return ValueTask.FromException<int>(e); } }")]
        public Task SyncImplementationCalledOnlyFromTheSyncSide_IsNotReported(string members)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { " + members + " private async ValueTask<int> ReadBytesAsync(Stream s, byte[] b) => await s.ReadAsync(b); }" + Mode);

        [Fact]
        public Task SyncOverAsyncImplementationOnTheSyncSide_IsNotReported()
        {
            return NoFinding<AwaitInsteadOfBlockingAnalyzer>("""
                class C
                {
                    ValueTask<int> Read(Task<int> t, IO io)
                    {
                        return io == IO.Asynchronous ? new(ReadAsync()) : ReadSync();
                        ValueTask<int> ReadSync() => new(t.GetAwaiter().GetResult());
                        async Task<int> ReadAsync() => await t;
                    }
                }
                enum IO { Synchronous, Asynchronous }
                """);
        }

        [Fact]
        public Task BlockingHelperInTheSyncImplementation_IsNotReported()
        {
            return NoFinding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    ValueTask<int> Read(Stream s, byte[] b, bool async)
                    {
                        return async ? ReadAsync() : ReadSync();
                        ValueTask<int> ReadSync() => new(Fill(s, b));
                        async ValueTask<int> ReadAsync() => await s.ReadAsync(b);
                    }

                    static int Fill(Stream s, byte[] b) => s.Read(b);
                }
                """);
        }

        [Fact]
        public Task SyncAndAsyncTwinsUnderABoolFlag_AreADualModePair()
        {
            return NoFinding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    async Task Save(bool async) { if (async) await DoSaveAsync(); else DoSaveSync(); }
                    void DoSaveSync() { Thread.Sleep(1); }
                    Task DoSaveAsync() => Task.Delay(1);
                }
                """);
        }

        // ---------------------------------------------------------------- still reported: look-alikes

        [Theory]
        [InlineData("ValueTask Write(Stream s, byte[] b, Kind k) { if (k == Kind.A) return WriteCore(s, b); {|#0:s.Write(b)|}; return default; }")]
        [InlineData("ValueTask Write(Stream s, byte[] b, IO io, IO other) { if (io == other) return WriteCore(s, b); {|#0:s.Write(b)|}; return default; }")]
        [InlineData("ValueTask Write(Stream s, byte[] b, IO io) { if (io == IO.Asynchronous && s.CanSeek) return WriteCore(s, b); {|#0:s.Write(b)|}; return default; }")]
        public Task NotATwoValuedFlag_IsReported(string member)
            => Finding<UseAsyncCounterpartAnalyzer>("class C { " + member + " ValueTask WriteCore(Stream s, byte[] b) => s.WriteAsync(b); }" + Mode + " enum Kind { A, B, C }", DiagnosticIds.UseAsyncCounterpart);

        [Theory]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : ReadBytesSync(s, b); async Task Other(Stream s, byte[] b) => await ReadBytesSync(s, b); private ValueTask<int> ReadBytesSync(Stream s, byte[] b) => new({|#0:s.Read(b)|});")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : ReadBytesSync(s, b); public ValueTask<int> ReadBytesSync(Stream s, byte[] b) => new({|#0:s.Read(b)|});")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : ReadBytesSync(s, b); Func<Stream, byte[], ValueTask<int>> Reader() => ReadBytesSync; private ValueTask<int> ReadBytesSync(Stream s, byte[] b) => new({|#0:s.Read(b)|});")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, bool cached) => cached ? new(0) : ReadBytesSync(s, b); private ValueTask<int> ReadBytesSync(Stream s, byte[] b) => new({|#0:s.Read(b)|});")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, IO io) => io == IO.Asynchronous ? ReadBytesAsync(s, b) : ReadBytesSync(s, b); private async ValueTask<int> ReadBytesSync(Stream s, byte[] b) { await Task.Yield(); return {|#0:s.Read(b)|}; }")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b) { return ReadLocalSync(); ValueTask<int> ReadLocalSync() => new({|#0:s.Read(b)|}); }")]
        public Task SyncImplementationWithOtherCallers_IsReported(string members)
            => Finding<UseAsyncCounterpartAnalyzer>("class C { " + members + " private async ValueTask<int> ReadBytesAsync(Stream s, byte[] b) => await s.ReadAsync(b); }" + Mode, DiagnosticIds.UseAsyncCounterpart);

        [Fact]
        public Task TwinsOfDifferentOperations_AreNoPair()
        {
            return Finding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    async Task Save(bool async) { if (async) await DoSaveAsync(); else {|#0:DoLoadSync()|}; }
                    void DoLoadSync() { Thread.Sleep(1); }
                    Task DoSaveAsync() => Task.Delay(1);
                }
                """, DiagnosticIds.MakeHelperChainAsync);
        }
    }
}
