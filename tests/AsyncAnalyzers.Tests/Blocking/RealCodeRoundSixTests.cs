using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;
using Disposal = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on a repository the rules were never tuned on (MySqlConnector): a DisposeAsync of source that only calls
    /// Dispose, a dual-mode condition whose async side wraps Begin/End with FromAsync, and the operation a helper chain names.
    /// </summary>
    public class RealCodeRoundSixTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Net;\nusing System.Net.Sockets;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        // ---------------------------------------------------------------- ASYNC104: a DisposeAsync that is Dispose

        [Theory]
        [InlineData("public override ValueTask DisposeAsync() { Dispose(); return default; }")]
        [InlineData("public override ValueTask DisposeAsync() { Dispose(); GC.SuppressFinalize(this); return ValueTask.CompletedTask; }")]
        [InlineData("public override ValueTask DisposeAsync() { this.Dispose(); return new ValueTask(); }")]
        [InlineData("public override ValueTask DisposeAsync() { Dispose(true); return default(ValueTask); }")]
        public Task DisposeAsyncThatOnlyCallsDispose_IsNotReported(string disposeAsync)
            => Disposal.VerifyAnalyzerAsync(Usings + """
                class Command : System.Data.Common.DbCommand
                {
                    DISPOSE_ASYNC
                    public override string CommandText { get; set; } = "";
                    public override int CommandTimeout { get; set; }
                    public override System.Data.CommandType CommandType { get; set; }
                    public override bool DesignTimeVisible { get; set; }
                    public override System.Data.UpdateRowSource UpdatedRowSource { get; set; }
                    protected override System.Data.Common.DbConnection? DbConnection { get; set; }
                    protected override System.Data.Common.DbParameterCollection DbParameterCollection => null!;
                    protected override System.Data.Common.DbTransaction? DbTransaction { get; set; }
                    public override void Cancel() { }
                    public override int ExecuteNonQuery() => 0;
                    public override object? ExecuteScalar() => null;
                    public override void Prepare() { }
                    protected override System.Data.Common.DbParameter CreateDbParameter() => null!;
                    protected override System.Data.Common.DbDataReader ExecuteDbDataReader(System.Data.CommandBehavior behavior) => null!;
                }
                class C { async Task M() { using var c = new Command(); await Task.Yield(); } }
                """.Replace("DISPOSE_ASYNC", disposeAsync));

        [Fact]
        public Task DisposeAsyncThatOnlySetsState_IsNotReported()
            => Disposal.VerifyAnalyzerAsync(Usings + """
                class Resource : IDisposable, IAsyncDisposable
                {
                    public bool IsDisposedAsync { get; set; }
                    public void Dispose() { }
                    public ValueTask DisposeAsync() { IsDisposedAsync = true; return default; }
                }
                class C { async Task M() { using var r = new Resource(); await Task.Yield(); } }
                """);

        [Theory]
        [InlineData("public async ValueTask DisposeAsync() { await Task.Yield(); Dispose(); }")]
        [InlineData("public ValueTask DisposeAsync() { Done = Flush2(); return default; }")]
        [InlineData("public ValueTask DisposeAsync() { Dispose(); return FlushAsync(); }")]
        [InlineData("public ValueTask DisposeAsync() { Flush(); Dispose(); return default; }")]
        [InlineData("public ValueTask DisposeAsync() => FlushAsync();")]
        public Task DisposeAsyncThatDoesMore_IsReported(string disposeAsync)
        {
            var test = new Disposal.Test
            {
                TestCode = Usings + """
                    class Resource : IDisposable, IAsyncDisposable
                    {
                        public void Dispose() { }
                        void Flush() { }
                        bool Flush2() => true;
                        bool Done;
                        ValueTask FlushAsync() => default;
                        DISPOSE_ASYNC
                    }
                    class C { async Task M() { using var {|#0:r = new Resource()|}; await Task.Yield(); } }
                    """.Replace("DISPOSE_ASYNC", disposeAsync),
            };
            test.ExpectedDiagnostics.Add(Disposal.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- a task-returning helper that runs under its callers' lock

        [Fact]
        public Task WaitInAHelperCalledOnlyInsideALock_IsNotReported()
            => Waits.VerifyAnalyzerAsync(Usings + """
                class Breaker
                {
                    readonly object _gate = new object();
                    public Task Trip(Task<int> duration) { Task task; lock (_gate) { task = Open_NeedsLock(duration); } return task; }
                    public Task Reset(Task<int> duration) { lock (_gate) { return Open_NeedsLock(duration); } }
                    private Task Open_NeedsLock(Task<int> duration) { var d = duration.GetAwaiter().GetResult(); return Task.Delay(d); }
                }
                """);

        [Fact]
        public Task WaitInAHelperAlsoCalledOutsideTheLock_IsReported()
        {
            var test = new Waits.Test
            {
                TestCode = Usings + """
                    class Breaker
                    {
                        readonly object _gate = new object();
                        public Task Trip(Task<int> duration) { lock (_gate) { return Open_NeedsLock(duration); } }
                        public Task Force(Task<int> duration) => Open_NeedsLock(duration);
                        private Task Open_NeedsLock(Task<int> duration) { var d = {|#0:duration.GetAwaiter().GetResult()|}; return Task.Delay(d); }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- dual mode: FromAsync over Begin/End

        [Theory]
        [InlineData("if (async) await Task.Factory.FromAsync(s.BeginConnect, s.EndConnect, ep, null); else s.Connect(ep);")]
        [InlineData("if (!async) { s.Connect(ep); return; } await Task.Factory.FromAsync(s.BeginConnect, s.EndConnect, ep, null).ConfigureAwait(false);")]
        public Task SyncSideOfAFromAsyncWrapper_IsNotReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Usings + "class C { async Task Open(Socket s, EndPoint ep, bool async) { " + body + " } }");

        [Fact]
        public Task FromAsyncOverAnotherOperation_IsNoPair()
        {
            var test = new Counterparts.Test
            {
                TestCode = Usings + "class C { async Task Open(Socket s, EndPoint ep, bool fast) { if (fast) await Task.Factory.FromAsync(s.BeginDisconnect, s.EndDisconnect, true, null); else {|#0:s.Connect(ep)|}; } }",
            };
            test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- ASYNC105: the chain names the I/O, not the using

        [Fact]
        public Task ChainPrefersTheBlockingCallOverTheDisposalAroundIt()
        {
            var test = new Chains.Test
            {
                TestCode = Usings + """
                    class C
                    {
                        async Task RunAsync(string p) { {|#0:Load(p)|}; await Task.Yield(); }
                        int Load(string p) { using var f = new FileStream(p, FileMode.Open); return f.Read(new byte[4], 0, 4); }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Load", "Load -> FileStream.Read"));
            return test.RunAsync();
        }
    }
}
