using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes of wrong findings from the fourth real-code round (issue 11): a lazy initializer that every constructor has
    /// already run, UDP sends, a stream the library under test handed out (directly and through a helper's parameter),
    /// disposal of an object that was never used or of what a failed body left behind, async methods that never await,
    /// awaited completion assertions, and a synchronous handler that holds its thread while work it started runs. Each
    /// has its look-alikes that must stay reported.
    /// </summary>
    public class RealCodeRoundFourTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Net;\nusing System.Net.Sockets;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Task Run<TAnalyzer>(string source, string id, int count)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + source };
            for (var i = 0; i < count; i++)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id).WithLocation(i).WithMessage(null));
            }

            return test.RunAsync();
        }

        private static Task NoFinding<TAnalyzer>(string source)
            where TAnalyzer : DiagnosticAnalyzer, new()
            => Run<TAnalyzer>(source, string.Empty, 0);

        // ---------------------------------------------------------------- lazy initializers every constructor already ran

        private const string Load = "static async Task<string> LoadAsync() { await Task.Delay(1); return \"core\"; }\n";

        [Theory]
        [InlineData("public Node() { _core = LoadAsync().Result; }", "get { if (_core == null) { _core = LoadAsync().Result; } return _core; }")]
        [InlineData("public Node() { this._core = LoadAsync().Result; }", "get { if (_core is null) _core = LoadAsync().Result; return _core; }")]
        [InlineData("public Node() { _core = LoadAsync().Result; }", "get { return _core ??= LoadAsync().Result; }")]
        [InlineData("public Node() { _core = LoadAsync().Result; }", "get { return _core ?? (_core = LoadAsync().Result); }")]
        [InlineData("public Node() : this(1) { } public Node(int n) { Console.WriteLine(n); _core = LoadAsync().Result; }", "get { if (null == _core) _core = LoadAsync().Result; return _core; }")]
        public Task LazyInitializerThatEveryConstructorRan_IsNotReported(string constructors, string getter)
            => NoFinding<MakeHelperChainAsyncAnalyzer>("class Node { private string _core; " + constructors + " " + Load
                + "public string Core { " + getter + " } public async Task LeaveAsync() { await Task.Yield(); Console.WriteLine(Core); } }");

        [Fact]
        public Task LazyInitializerWithAFieldInitializer_IsNotReported()
            => NoFinding<MakeHelperChainAsyncAnalyzer>("class Node { private string _core = \"ready\"; " + Load
                + "public string Core { get { if (_core == null) _core = LoadAsync().Result; return _core; } } public async Task LeaveAsync() { await Task.Yield(); Console.WriteLine(Core); } }");

        [Theory]
        [InlineData("public Node(bool b) { if (b) _core = LoadAsync().Result; }", "")]
        [InlineData("public Node() { _core = LoadAsync().Result; } public Node(int n) { }", "")]
        [InlineData("", "")]
        [InlineData("public Node() { _core = null; }", "")]
        public Task LazyInitializerThatCanStillRun_IsReportedOnceWhereItIsGuarded(string constructors, string others)
            => Run<MakeHelperChainAsyncAnalyzer>(
                "class Node { private string _core; " + constructors + " " + others + " " + Load
                + "public string Core { get { if (_core == null) _core = {|#0:LoadAsync().Result|}; return _core; } } public async Task LeaveAsync() { await Task.Yield(); Console.WriteLine(Core); } }",
                DiagnosticIds.MakeFirstCallWorkAsync,
                1);

        [Fact]
        public Task LazyInitializerThatIsSetBackToNull_IsReportedOnceWhereItIsGuarded()
            // Reset() clears it: the first read after each Reset() loads again. Which read that is depends on the order
            // calls run in, so the load is reported where it is guarded (ASYNC107, naming Reset), not at each read.
            => Run<MakeHelperChainAsyncAnalyzer>(
                "class Node { private string _core; public Node() { _core = LoadAsync().Result; } public void Reset() { _core = null; } " + Load
                + "public string Core { get { if (_core == null) _core = {|#0:LoadAsync().Result|}; return _core; } } public async Task LeaveAsync() { await Task.Yield(); Console.WriteLine(Core); } }",
                DiagnosticIds.MakeFirstCallWorkAsync,
                1);

        [Fact]
        public Task LazyInitializerOfAnotherObjectsField_IsReported()
            => Run<MakeHelperChainAsyncAnalyzer>(
                "class Node { public string _core; public Node() { _core = LoadAsync().Result; } " + Load
                + "static string CoreOf(Node other) { if (other._core == null) other._core = LoadAsync().Result; return other._core; } public async Task LeaveAsync(Node n) { await Task.Yield(); Console.WriteLine({|#0:CoreOf(n)|}); } }",
                DiagnosticIds.MakeHelperChainAsync,
                1);

        // ---------------------------------------------------------------- UDP sends

        [Theory]
        [InlineData("udp.Send(data, data.Length, endpoint);")]
        [InlineData("udp.Send(data, data.Length);")]
        [InlineData("var sent = udp.Send(data, data.Length, \"localhost\", 9000);")]
        [InlineData("udp.Send(new ReadOnlySpan<byte>(data), endpoint);")]
        public Task UdpClientSend_IsNotReported(string statement)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { async Task M(UdpClient udp, byte[] data, IPEndPoint endpoint) { await Task.Yield(); " + statement + " } }");

        [Theory]
        [InlineData("{|#0:tcp.Connect(\"localhost\", 9000)|};")]
        [InlineData("{|#0:udp.Client.Connect(endpoint)|};")]
        [InlineData("{|#0:stream.Write(data, 0, data.Length)|};")]
        public Task OtherSocketCalls_AreReported(string statement)
            => Run<UseAsyncCounterpartAnalyzer>(
                "class C { async Task M(UdpClient udp, TcpClient tcp, NetworkStream stream, byte[] data, IPEndPoint endpoint) { await Task.Yield(); " + statement + " } }",
                DiagnosticIds.UseAsyncCounterpart,
                1);

        // ---------------------------------------------------------------- a stream the library under test handed out

        private const string FakeXunit = "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n";

        private const string Lib = """
            public static class Streams
            {
                public static Stream Open() => new BufferedStream(Stream.Null);
                public static (int Id, Stream Stream) OpenPair() => (1, new BufferedStream(Stream.Null));
                public static TMat RunWith<TMat>(Func<TMat> materialize) => materialize();
                public static Task<bool> OfferAsync(int item) => Task.FromResult(true);
            }

            """;

        private const string Helpers = """
            public class Harness
            {
                public static Stream OpenScratch() => File.OpenRead("scratch.bin");
                public static (int, byte[]) ReadN(Stream s, int n) { var b = new byte[n]; var r = s.Read(b, 0, n); return (r, b); }
                public static int ReadAgain(Stream s) { s = File.OpenRead("other.bin"); return s.Read(new byte[1], 0, 1); }
                public static void AssertSuccess(Task<bool> offered) { offered.Wait(); }
            }

            """;

        private const string TestKit = """
            public class Probe
            {
                public void ExpectNext(int n) { }
                public Task ExpectNextAsync(int n) => Task.CompletedTask;
            }

            """;

        private static Task RunInSolution<TAnalyzer>(string tests, string id, int count)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + FakeXunit + Helpers + tests };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + Lib);
            test.TestState.AdditionalProjects["Lib.TestKit"].Sources.Add(Usings + TestKit);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            test.TestState.AdditionalProjectReferences.Add("Lib.TestKit");
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Lib.Tests"));
            for (var i = 0; i < count; i++)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id).WithLocation(i).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("var s = Streams.Open(); s.Read(new byte[2], 0, 2);")]
        [InlineData("Stream s = Streams.Open(); var n = s.Read(new byte[2], 0, 2);")]
        [InlineData("var run = Streams.OpenPair(); var s = run.Item2; s.Read(new byte[2], 0, 2);")]
        [InlineData("var run = Streams.OpenPair(); run.Stream.Read(new byte[2], 0, 2);")]
        public Task StreamHandedOutByTheLibraryUnderTest_IsNotReported(string statements)
            => RunInSolution<UseAsyncCounterpartAnalyzer>("public class Tests { [Xunit.Fact] public async Task T() { await Task.Yield(); " + statements + " } }", string.Empty, 0);

        [Theory]
        [InlineData("var s = File.OpenRead(\"x\"); {|#0:s.Read(new byte[2], 0, 2)|};")]
        [InlineData("var s = Harness.OpenScratch(); {|#0:s.Read(new byte[2], 0, 2)|};")]
        [InlineData("var s = Streams.Open(); s = File.OpenRead(\"x\"); {|#0:s.Read(new byte[2], 0, 2)|};")]
        [InlineData("var probe = Streams.RunWith(() => new Probe()); {|#0:probe.ExpectNext(1)|};")]
        public Task StreamFromElsewhere_IsReported(string statements)
            => RunInSolution<UseAsyncCounterpartAnalyzer>("public class Tests { [Xunit.Fact] public async Task T() { await Task.Yield(); " + statements + " } }", DiagnosticIds.UseAsyncCounterpart, 1);

        [Theory]
        [InlineData("var s = Streams.Open(); Harness.ReadN(s, 2);")]
        [InlineData("var run = Streams.OpenPair(); var r = Harness.ReadN(run.Item2, 2);")]
        [InlineData("Harness.ReadN(new MemoryStream(new byte[4]), 2);")]
        public Task HelperReadingAStreamItIsHandedThatDoesNoIO_IsNotReported(string statements)
            => RunInSolution<MakeHelperChainAsyncAnalyzer>("public class Tests { [Xunit.Fact] public async Task T() { await Task.Yield(); " + statements + " } }", string.Empty, 0);

        [Theory]
        [InlineData("var s = File.OpenRead(\"x\"); {|#0:Harness.ReadN(s, 2)|};")]
        [InlineData("{|#0:Harness.ReadN(Harness.OpenScratch(), 2)|};")]
        [InlineData("var s = Streams.Open(); {|#0:Harness.ReadAgain(s)|};")]
        [InlineData("{|#0:Harness.AssertSuccess(Streams.OfferAsync(1))|};")]
        public Task HelperReadingAStreamThatDoesIO_IsReported(string statements)
            => RunInSolution<MakeHelperChainAsyncAnalyzer>("public class Tests { [Xunit.Fact] public async Task T() { await Task.Yield(); " + statements + " } }", DiagnosticIds.MakeHelperChainAsync, 1);

        // ---------------------------------------------------------------- disposal with nothing to flush, or on failure only

        private const string Connection = """
            public sealed class Connection : IDisposable, IAsyncDisposable
            {
                public void Open() { }
                public void Dispose() { }
                public async ValueTask DisposeAsync() { await Task.Yield(); }
            }

            """;

        [Theory]
        [InlineData("File.Create(path).Dispose();")]
        [InlineData("new FileInfo(path).Create().Dispose();")]
        [InlineData("new FileStream(path, FileMode.Create).Dispose();")]
        [InlineData("new Connection().Dispose();")]
        public Task ObjectDisposedAsSoonAsCreated_IsNotReported(string statement)
            => NoFinding<UseAwaitUsingAnalyzer>(Connection + "class C { async Task M(string path) { await Task.Yield(); " + statement + " } }");

        [Theory]
        [InlineData("var c = new Connection(); try { c.Open(); Keep(c); c = null; } finally { c?.Dispose(); }")]
        [InlineData("var c = new Connection(); try { c.Open(); Keep(c); c = null; } finally { if (c != null) c.Dispose(); }")]
        [InlineData("var c = new Connection(); try { c.Open(); Keep(c); c = null; } finally { if (c is not null) { c.Dispose(); } }")]
        [InlineData("var c = new Connection(); try { c.Open(); } catch { c.Dispose(); throw; }")]
        public Task DisposalOnlyWhenTheBodyFailed_IsNotReported(string statements)
            => NoFinding<UseAwaitUsingAnalyzer>(Connection + "class C { void Keep(Connection c) { } async Task M() { await Task.Yield(); " + statements + " } }");

        [Theory]
        [InlineData("var f = File.Create(path); f.WriteByte(1); {|#0:f.Dispose()|};")]
        [InlineData("var c = new Connection(); try { c.Open(); } finally { {|#0:c?.Dispose()|}; }")]
        [InlineData("var c = new Connection(); try { if (path == null) return; c.Open(); c = null; } finally { {|#0:c?.Dispose()|}; }")]
        [InlineData("var c = new Connection(); try { c.Open(); if (path == null) c = null; } finally { if (c != null) {|#0:c.Dispose()|}; }")]
        [InlineData("var c = new Connection(); c.Open(); {|#0:c.Dispose()|};")]
        public Task DisposalOfAUsedObjectOnTheNormalPath_IsReported(string statements)
            => Run<UseAwaitUsingAnalyzer>(Connection + "class C { async Task M(string path) { await Task.Yield(); " + statements + " } }", DiagnosticIds.UseAwaitUsing, 1);

        // ---------------------------------------------------------------- async methods that never await

        private const string Transactions = """
            class Db
            {
                void Check() { }
                async Task<int> BeginCore(bool async, CancellationToken ct) { Check(); using var scope = new MemoryStream(); Func<Task> later = async () => await Task.Delay(1); return 1; }
                async Task<int> BeginAwaiting(bool async) { if (async) await Task.Yield(); else Check(); await Task.Delay(1); return 1; }
                async Task<int> BeginUsing(Connection c) { await using (c) { Check(); } return 1; }
                public int Begin() => BeginCore(false, CancellationToken.None).GetAwaiter().GetResult();
                public int BeginWaiting() => BeginAwaiting(false).Result;
                public int BeginUsing() => BeginUsing(new Connection()).Result;

            """;

        [Theory]
        [InlineData("async Task M() { await Task.Yield(); var id = Begin(); }")]
        [InlineData("async Task M() { await Task.Yield(); var id = BeginCore(true, default).Result; }")]
        [InlineData("async Task M() { await Task.Yield(); var t = BeginCore(false, default); Console.WriteLine(t.GetAwaiter().GetResult()); }")]
        public Task AsyncMethodThatNeverAwaits_IsNotReported(string member)
            => Task.WhenAll(
                NoFinding<MakeHelperChainAsyncAnalyzer>(Connection + Transactions + member + " }"),
                NoFinding<AwaitInsteadOfBlockingAnalyzer>(Connection + Transactions + member + " }"));

        [Theory]
        [InlineData("async Task M() { await Task.Yield(); var id = {|#0:BeginWaiting()|}; }")]
        [InlineData("async Task M() { await Task.Yield(); var id = {|#0:BeginUsing()|}; }")]
        public Task AsyncMethodThatAwaits_IsReportedThroughTheHelper(string member)
            => Run<MakeHelperChainAsyncAnalyzer>(Connection + Transactions + member + " }", DiagnosticIds.MakeHelperChainAsync, 1);

        [Fact]
        public Task AsyncMethodThatAwaits_IsReportedDirectly()
            => Run<AwaitInsteadOfBlockingAnalyzer>(Connection + Transactions + "async Task M() { await Task.Yield(); var id = {|#0:BeginAwaiting(true).Result|}; } }", DiagnosticIds.AwaitInsteadOfBlocking, 1);

        // ---------------------------------------------------------------- best-effort steps of a helper

        private const string Teardown = "class Conn { Stream _s; void Close() { Cleanup(); } async Task OpenAsync() { await Task.Yield(); {|#0:Close()|}; } ";

        [Theory]
        [InlineData("void Cleanup() { try { _s.FlushAsync().GetAwaiter().GetResult(); } catch { } }")]
        [InlineData("void Cleanup() { try { _s.Flush(); } catch (Exception) { /* ignored */ } _s = null; }")]
        [InlineData("void Cleanup() { try { Shutdown(); } catch (IOException) { } catch (Exception) { } } void Shutdown() { _s.Flush(); }")]
        [InlineData("void Cleanup() { try { File.WriteAllText(\"closed.log\", \"\"); } catch { } }")]
        public Task BestEffortStepOfATeardownHelper_IsNotReported(string cleanup)
            => NoFinding<MakeHelperChainAsyncAnalyzer>((Teardown + cleanup + " }").Replace("{|#0:Close()|}", "Close()"));

        [Theory]
        [InlineData("void Cleanup() { try { _s.Flush(); _s.Dispose(); } catch { } }")]
        [InlineData("void Cleanup() { try { _s.Flush(); } catch (Exception e) { Console.WriteLine(e); } }")]
        [InlineData("void Cleanup() { try { _s.Flush(); } finally { _s = null; } }")]
        [InlineData("void Cleanup() { try { var n = _s.Read(new byte[1], 0, 1); } catch { } }")]
        [InlineData("void Cleanup() { try { _s.Flush(); } catch (Exception e) when (e is IOException) { } }")]
        public Task StepWhoseFailureIsNotSimplyIgnored_IsReported(string cleanup)
            => Run<MakeHelperChainAsyncAnalyzer>(Teardown + cleanup + " }", DiagnosticIds.MakeHelperChainAsync, 1);

        // ---------------------------------------------------------------- awaited completion assertions

        private const string FakeFluentAssertions = """
            namespace FluentAssertions
            {
                public class TaskAssertions { public Task CompleteWithinAsync(TimeSpan t) => Task.CompletedTask; public Task NotCompleteWithinAsync(TimeSpan t) => Task.CompletedTask; }
                public class FuncAssertions { public Task CompleteWithinAsync(TimeSpan t) => Task.CompletedTask; public Task NotThrowAsync() => Task.CompletedTask; public Task NotThrowAfterAsync(TimeSpan a, TimeSpan b) => Task.CompletedTask; public Task NotCompleteWithinAsync(TimeSpan t) => Task.CompletedTask; }
                public static class AssertionExtensions
                {
                    public static TaskAssertions Should(this Task t) => new TaskAssertions();
                    public static FuncAssertions Should(this Func<Task> f) => new FuncAssertions();
                }
            }

            """;

        [Theory]
        [InlineData("await t.Should().CompleteWithinAsync(timeout); var r = t.Result;")]
        [InlineData("Func<Task> f = async () => await t; await f.Should().CompleteWithinAsync(timeout); var r = t.Result;")]
        [InlineData("Func<Task> f = async () => { Console.WriteLine(); await t.ConfigureAwait(false); }; await f.Should().NotThrowAsync(); var r = t.Result;")]
        [InlineData("Func<Task> f = async () => await t; await f.Should().NotThrowAfterAsync(timeout, timeout); var r = t.GetAwaiter().GetResult();")]
        public Task TaskAssertedCompleteByAnAwaitedAssertion_IsNotReported(string statements)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>(FakeFluentAssertions + "namespace FluentAssertions.Specs { class C { async Task M(Task<int> t, TimeSpan timeout) { " + statements + " } } }");

        [Theory]
        [InlineData("await t.Should().NotCompleteWithinAsync(timeout); var r = {|#0:t.Result|};")]
        [InlineData("Func<Task> f = async () => await other; await f.Should().CompleteWithinAsync(timeout); var r = {|#0:t.Result|};")]
        [InlineData("Func<Task> f = async () => await t; _ = f.Should().CompleteWithinAsync(timeout); var r = {|#0:t.Result|};")]
        [InlineData("Func<Task> f = async () => { if (timeout > TimeSpan.Zero) await t; }; await f.Should().CompleteWithinAsync(timeout); var r = {|#0:t.Result|};")]
        public Task TaskNotAssertedComplete_IsReported(string statements)
            => Run<AwaitInsteadOfBlockingAnalyzer>(
                FakeFluentAssertions + "namespace FluentAssertions.Specs { class C { async Task M(Task<int> t, Task other, TimeSpan timeout) { await Task.Yield(); " + statements + " } } }",
                DiagnosticIds.AwaitInsteadOfBlocking,
                1);

        // ---------------------------------------------------------------- awaited wrappers whose result is the verdict

        private const string Wrappers = """
            static class TaskWrappers
            {
                public static async Task<bool> AwaitWithTimeout(this Task task, TimeSpan timeout) => await Task.WhenAny(task, Task.Delay(timeout)) == task;
                public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan timeout) { if (await Task.WhenAny(task, Task.Delay(timeout)) != task) throw new TimeoutException(); return await task; }
                public static async Task Within(this Task task, TimeSpan timeout) { if (await Task.WhenAny(task, Task.Delay(timeout)) != task) throw new TimeoutException(); }
            }

            """;

        [Theory]
        [InlineData("await t.WithTimeout(timeout); var r = t.Result;")]
        [InlineData("await t.Within(timeout); var r = t.Result;")]
        public Task WrapperThatThrowsOnTimeout_ProvesCompletion(string statements)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>(Wrappers + "class C { async Task M(Task<int> t, TimeSpan timeout) { " + statements + " } }");

        [Theory]
        [InlineData("await t.AwaitWithTimeout(timeout); var r = {|#0:t.Result|};")]
        [InlineData("var done = await t.AwaitWithTimeout(timeout); var r = {|#0:t.Result|};")]
        public Task WrapperThatReportsTimeoutThroughItsResult_ProvesNothing(string statements)
            => Run<AwaitInsteadOfBlockingAnalyzer>(Wrappers + "class C { async Task M(Task<int> t, TimeSpan timeout) { " + statements + " } }", DiagnosticIds.AwaitInsteadOfBlocking, 1);

        // ---------------------------------------------------------------- a synchronous handler holding its thread on purpose

        private const string Actor = "class Actor { void ReceiveAsync(Func<string, Task> handler) { } ";

        [Theory]
        [InlineData("Task.Run(() => 1).ContinueWith(_ => Console.WriteLine(msg)); Thread.Sleep(3000); return Task.CompletedTask;")]
        [InlineData("_ = Task.Run(() => Console.WriteLine(msg)); Thread.Sleep(100); return Task.CompletedTask;")]
        [InlineData("Task.Factory.StartNew(() => Console.WriteLine(msg)); Console.WriteLine(); Thread.Sleep(100); return Task.CompletedTask;")]
        [InlineData("Task.Run(() => 1).ContinueWith(_ => { }); if (msg.Length > 0) { Thread.Sleep(10); } return Task.CompletedTask;")]
        public Task SleepWhileWorkItStartedRunsInASyncHandler_IsNotReported(string body)
            => NoFinding<UseTaskDelayAnalyzer>(Actor + "public Actor() { ReceiveAsync(msg => { " + body + " }); } }");

        [Theory]
        [InlineData("ReceiveAsync(msg => { {|#0:Thread.Sleep(3000)|}; return Task.CompletedTask; });")]
        [InlineData("ReceiveAsync(msg => { {|#0:Thread.Sleep(3000)|}; Task.Run(() => 1); return Task.CompletedTask; });")]
        [InlineData("ReceiveAsync(async msg => { _ = Task.Run(() => 1); {|#0:Thread.Sleep(3000)|}; await Task.Yield(); });")]
        [InlineData("ReceiveAsync(msg => { var t = Task.Run(() => 1); {|#0:Thread.Sleep(3000)|}; return t; });")]
        public Task SleepWithoutWorkItStartedAndDropped_IsReported(string statement)
            => Run<UseTaskDelayAnalyzer>(Actor + "public Actor() { " + statement + " } }", DiagnosticIds.UseTaskDelay, 1);
    }
}
