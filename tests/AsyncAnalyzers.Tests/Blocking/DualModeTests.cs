using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Dual-mode methods (one implementation behind a sync and an async API): the synchronous side of a condition whose other
    /// side uses the async form of the same operation is not an async path, for every blocking rule and the helper summary.
    /// </summary>
    public class DualModeTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>No finding in <paramref name="source"/> (the usual usings prepended); shared with the other dual-mode tests.</summary>
        internal static Task NoFinding<TAnalyzer>(string source)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
            => Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(Usings + source);

        /// <summary>Exactly one finding of <paramref name="id"/>, at location 0.</summary>
        internal static Task Finding<TAnalyzer>(string source, string id)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + source };
            test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- not reported: the synchronous side

        [Theory]
        [InlineData("async Task ReadCore(Stream s, byte[] b, bool async, CancellationToken ct) { if (async) await s.ReadAsync(b, ct); else s.Read(b); }")]
        [InlineData("async Task ReadCore(Stream s, byte[] b, bool useAsync, CancellationToken ct) { if (!useAsync) s.Read(b); else await s.ReadAsync(b, ct); }")]
        [InlineData("async Task<int> ReadCore(Stream s, byte[] b, bool isAsync, CancellationToken ct) { var n = isAsync ? await s.ReadAsync(b, ct) : s.Read(b); return n; }")]
        [InlineData("async Task FlushCore(Stream s, bool runAsync) { if (!runAsync) { s.Flush(); return; } await s.FlushAsync(); }")]
        [InlineData("async Task FlushCore(Stream s, bool async) { if (async) { await s.FlushAsync(); return; } s.Flush(); }")]
        [InlineData("Task FlushCore(Stream s, bool async) { if (async) return s.FlushAsync(); s.Flush(); return Task.CompletedTask; }")]
        [InlineData("ValueTask<int> ReadCore(Stream s, byte[] b, bool async) => async ? s.ReadAsync(b) : new(s.Read(b));")]
        [InlineData("async Task CopyCore(Stream s, Stream to, bool async, CancellationToken ct) { if (async) { await s.CopyToAsync(to, ct); await to.FlushAsync(ct); } else { s.CopyTo(to); to.Flush(); } }")]
        [InlineData("async Task CopyCore(Stream s, Stream to, bool async, bool checkFirst) { if (checkFirst && async) { await s.CopyToAsync(to); return; } s.CopyTo(to); }")]
        public Task SyncBranch_ForCounterpartCalls_IsNotReported(string member)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { " + member + " }");

        [Theory]
        [InlineData("class C { readonly bool _sync; async Task Pause(Task t, CancellationToken ct) { if (_sync) t.Wait(ct); else await t.WaitAsync(ct); } }")]
        [InlineData("class Ctx { public bool IsSynchronous { get; set; } } class C { async Task Finish(Ctx context, Task task) { if (context.IsSynchronous) task.GetAwaiter().GetResult(); else await task; } }")]
        [InlineData("class C { async Task<int> Get(Task<int> task, bool async) { return async ? await task : task.Result; } }")]
        [InlineData("class C { async Task Finish(Task task, bool async) { if (!async) { task.Wait(); return; } await task; } }")]
        public Task SyncBranch_ForWaits_IsNotReported(string source)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>(source);

        [Fact]
        public Task SyncBranch_ForSleep_IsNotReported()
            => NoFinding<UseTaskDelayAnalyzer>("class C { async Task Back(bool sync) { if (sync) Thread.Sleep(10); else await Task.Delay(10); } }");

        [Theory]
        [InlineData("async Task Close(FileStream r, bool async) { if (async) await r.DisposeAsync(); else r.Dispose(); }")]
        [InlineData("async Task Close(bool async) { if (async) { await using var f = File.OpenWrite(\"x\"); await f.FlushAsync(); } else { using var f = File.OpenWrite(\"x\"); f.Flush(); } }")]
        public Task SyncBranch_ForDispose_IsNotReported(string member)
            => NoFinding<UseAwaitUsingAnalyzer>("class C { " + member + " }");

        [Fact]
        public Task SyncBranch_ForBlockingHelper_IsNotReported()
        {
            return NoFinding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    async Task SaveCore(bool async) { if (async) await SaveAsync(); else Save(); }
                    void Save() { Thread.Sleep(1); }
                    Task SaveAsync() => Task.Delay(1);
                }
                """);
        }

        [Theory]
        [InlineData("async: false")]
        [InlineData("false")]
        public Task SyncModeCall_IsKnownComplete(string argument)
        {
            return NoFinding<AwaitInsteadOfBlockingAnalyzer>("""
                class C
                {
                    async Task WriteCore(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); }
                    async Task Use(Stream s) { WriteCore(s, ARG).GetAwaiter().GetResult(); await Task.Yield(); }
                }
                """.Replace("ARG", argument));
        }

        [Fact]
        public Task SyncModeCall_ThroughAForwardingMethod_IsKnownComplete()
        {
            return NoFinding<AwaitInsteadOfBlockingAnalyzer>("""
                class C
                {
                    Task Write(Stream s, bool async) => WriteCore(s, async);
                    async Task WriteCore(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); }
                    async Task Use(Stream s) { Write(s, false).Wait(); await Task.Yield(); }
                }
                """);
        }

        [Fact]
        public Task HelperOfTheSyncApi_IsNotBlockingForTheSummary()
        {
            return NoFinding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    void Write(Stream s) => WriteCore(s, async: false).GetAwaiter().GetResult();
                    async Task WriteCore(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); }
                    async Task Use(Stream s) { Write(s); await Task.Yield(); }
                }
                """);
        }

        [Fact]
        public Task AbstractSyncModeCall_IsKnownComplete()
        {
            return NoFinding<AwaitInsteadOfBlockingAnalyzer>("""
                abstract class Converter
                {
                    public abstract ValueTask<int> Read(bool async, CancellationToken ct);
                    async Task Use() { var x = Read(false, default).Result; await Task.Yield(); }
                }
                """);
        }

        [Theory]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, bool async) => async ? ReadAllAsync(s, b) : new(Count(s, b));")]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, bool async) { if (!async) { s.ReadExactly(b); return new(b.Length); } return ReadAllAsync(s, b); }")]
        public Task BareFlagWithTheSameVerb_IsNotReported(string member)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { " + member + " ValueTask<int> ReadAllAsync(Stream s, byte[] b) => new(0); static int Count(Stream s, byte[] b) => 0; }");

        [Theory]
        [InlineData("ValueTask<int> Read(Stream s, byte[] b, bool async) { if (async && s.CanSeek) return ReadAllAsync(s, b); {|#0:s.ReadExactly(b)|}; return new(b.Length); }")]
        [InlineData("async ValueTask<int> Read(Stream s, byte[] b, bool async) { if (async) { await WriteAllAsync(s, b); } {|#0:s.ReadExactly(b)|}; return b.Length; }")]
        public Task OtherVerbOrComplexCondition_IsReported(string member)
            => Finding<UseAsyncCounterpartAnalyzer>("class C { " + member + " ValueTask<int> ReadAllAsync(Stream s, byte[] b) => new(0); ValueTask<int> WriteAllAsync(Stream s, byte[] b) => new(0); }", DiagnosticIds.UseAsyncCounterpart);

        [Theory]
        [InlineData("ValueTask Close(Stream s) { if (_async) return CloseCore(s); s.Flush(); return default; }")]
        [InlineData("ValueTask Close(Stream s) { if (!_async) { s.Flush(); return default; } return CloseCore(s); }")]
        public Task BareFlagReturningTheAsyncImplementation_IsNotReported(string member)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { readonly bool _async; " + member + " ValueTask CloseCore(Stream s) => new(s.FlushAsync()); }");

        [Theory]
        [InlineData("Task<int> Close(Stream s) { if (_async) return Task.FromResult(0); {|#0:s.Flush()|}; return Task.FromResult(1); }")]
        [InlineData("ValueTask Close(Stream s) { if (_async && s.CanWrite) return CloseCore(s); {|#0:s.Flush()|}; return default; }")]
        public Task ReturningACompletedTaskOrUnderACompoundCondition_IsReported(string member)
            => Finding<UseAsyncCounterpartAnalyzer>("class C { readonly bool _async; " + member + " ValueTask CloseCore(Stream s) => new(s.FlushAsync()); }", DiagnosticIds.UseAsyncCounterpart);

        // ---------------------------------------------------------------- still reported: look-alikes that are not dual-mode

        [Theory]
        [InlineData("async Task M(Stream s, bool fast) { if (fast) await Task.Yield(); else {|#0:s.Flush()|}; }")]
        [InlineData("async Task M(Stream s, byte[] b, bool async) { if (async) await s.ReadAsync(b); else { {|#0:s.Read(b)|}; await Task.Yield(); } }")]
        [InlineData("async Task M(Stream s, bool async) { if (async) await s.FlushAsync(); {|#0:s.Flush()|}; }")]
        [InlineData("async Task M(Stream s, bool cached) { if (cached) { await Task.Yield(); return; } {|#0:s.Flush()|}; }")]
        [InlineData("async Task M(Stream s, bool async) { if (async) await s.FlushAsync(); else { Func<Task> f = async () => {|#0:s.Flush()|}; await f(); } }")]
        public Task NotDualMode_IsReported(string member)
            => Finding<UseAsyncCounterpartAnalyzer>("class C { " + member + " }", DiagnosticIds.UseAsyncCounterpart);

        [Theory]
        [InlineData("async Task M(Task t, bool sync) { if (sync) {|#0:t.Wait()|}; else await Task.Yield(); await t; }")]
        [InlineData("async Task M(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); {|#0:WriteCore(s, async: true).Wait()|}; } async Task WriteCore(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); }")]
        [InlineData("async Task M(Stream s) { {|#0:SaveCore(s, false).Wait()|}; } async Task SaveCore(Stream s, bool overwrite) { if (overwrite) s.SetLength(0); await s.FlushAsync(); }")]
        [InlineData("async Task M(Stream s, bool flag) { {|#0:WriteCore(s, flag).Wait()|}; } async Task WriteCore(Stream s, bool async) { if (async) await s.FlushAsync(); else s.Flush(); }")]
        public Task NotDualModeWait_IsReported(string member)
            => Finding<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        [Fact]
        public Task SleepOutsideTheSyncBranch_IsReported()
            => Finding<UseTaskDelayAnalyzer>("class C { async Task Back(bool sync) { if (sync) await Task.Delay(10); {|#0:Thread.Sleep(10)|}; } }", DiagnosticIds.UseTaskDelay);

        [Fact]
        public Task HelperWhereTheOtherSideIsUnrelated_IsReported()
        {
            return Finding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    async Task SaveCore(bool async) { if (async) await Task.Yield(); else {|#0:Save()|}; }
                    void Save() { Thread.Sleep(1); }
                }
                """, DiagnosticIds.MakeHelperChainAsync);
        }
    }
}
