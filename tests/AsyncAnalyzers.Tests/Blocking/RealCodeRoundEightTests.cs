using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on a Redis client library and its test suite, a repository the rules were never tuned on: test fixtures
    /// that wait on the library's own async API, test helpers that only wrap the library's synchronous API, the two ends of
    /// an in-memory pipe, a fire-and-forget flag carried inside the message a call is given, and helpers that hand back
    /// the task they were given.
    /// </summary>
    public class RealCodeRoundEightTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n";

        // The library under test (project Lib) and a test kit of the same solution (project Lib.TestKit).
        private const string Lib = """
            public class Connection
            {
                public static Task<Connection> ConnectAsync(string config) => Task.FromResult(new Connection());
                public static Connection Connect(string config) => new Connection();
                public Task<long> IncrementAsync(string key) => Task.FromResult(1L);
                public long Increment(string key) => 1;
                public void Add(string key, double x) { }
                public Task AddAsync(string key, double x) => Task.CompletedTask;
            }

            """;

        private const string TestKit = """
            public class Probe
            {
                public Task<string> NextAsync() => Task.FromResult("");
                public void Expect(string m) { }
                public Task ExpectAsync(string m) => Task.CompletedTask;
            }

            """;

        /// <summary>The test project Lib.Tests (xUnit) referencing Lib and Lib.TestKit.</summary>
        private static Task InTests<TAnalyzer>(string tests, string? editorconfig, string? expectedId)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + FakeXunit + tests };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + Lib);
            test.TestState.AdditionalProjects["Lib.TestKit"].Sources.Add(Usings + TestKit);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            test.TestState.AdditionalProjectReferences.Add("Lib.TestKit");
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Lib.Tests"));
            if (editorconfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorconfig + "\n"));
            }

            if (expectedId is not null)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(expectedId).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        // ---------------------------------------------------------------- ASYNC105: fixtures waiting on the API under test

        private const string Fixtures = """
            public static class Fixture
            {
                public static Connection Create()
                {
                    var task = Connection.ConnectAsync("localhost");
                    if (!task.Wait(5000)) throw new TimeoutException("Connect timeout");
                    return task.Result;
                }
                public static Connection CreateClient() => Connection.ConnectAsync("localhost").Result;
                public static Connection Shared => shared ??= CreateClient();
                static Connection? shared;
                public static TaskStatus SafeStatus(Task task) { if (!task.IsCompleted && !task.Wait(1000)) throw new TimeoutException(); return task.Status; }
                public static TaskStatus SafeStatus2(Task task) { try { if (!task.Wait(1000)) return TaskStatus.Running; } catch (AggregateException) { return TaskStatus.Faulted; } return task.Status; }
                public static void AssertDone(Task task) { if (!task.Wait(1000)) throw new TimeoutException(); }
                public static string Describe(Task<long> task) { task.Wait(1000); return task.Status + " " + task.Result; }
                public static string Next(Probe p) => p.NextAsync().Result;
                public static void Pause() => Task.Delay(100).Wait();
            }

            """;

        [Theory]
        [InlineData("var c = Fixture.Create();")]
        [InlineData("var c = Fixture.CreateClient();")]
        [InlineData("var c = Fixture.Shared;")]
        [InlineData("var s = Fixture.SafeStatus(Task.Delay(10));")]
        [InlineData("var c = Connection.Connect(\"x\"); var incr = c.IncrementAsync(\"k\"); var s = Fixture.SafeStatus2(incr);")]
        public Task FixtureWaitingOnTheApiUnderTest_IsNotReported(string statement)
            => InTests<MakeHelperChainAsyncAnalyzer>(Fixtures + "public class Tests { [Xunit.Fact] public async Task T() { " + statement + " await Task.Yield(); } }", null, null);

        [Theory]
        [InlineData("var s = {|#0:Fixture.Next(new Probe())|};")]
        [InlineData("{|#0:Fixture.Pause()|};")]
        [InlineData("{|#0:Fixture.AssertDone(Task.Delay(10))|};")]
        [InlineData("var c = Connection.Connect(\"x\"); var incr = c.IncrementAsync(\"k\"); var n = {|#0:Fixture.Describe(incr)|};")]
        public Task FixtureWaitingOnATestKitOrItsOwnTask_IsReported(string statement)
            => InTests<MakeHelperChainAsyncAnalyzer>(Fixtures + "public class Tests { [Xunit.Fact] public async Task T() { " + statement + " await Task.Yield(); } }", null, DiagnosticIds.MakeHelperChainAsync);

        [Fact]
        public Task FixtureWaitingOnTheApiUnderTest_WithTheOptionOn_IsReported()
            => InTests<MakeHelperChainAsyncAnalyzer>(
                Fixtures + "public class Tests { [Xunit.Fact] public async Task T() { var c = {|#0:Fixture.Create()|}; await Task.Yield(); } }",
                "async_analyzers.report_own_sync_apis_in_tests = true",
                DiagnosticIds.MakeHelperChainAsync);

        [Fact]
        public Task LibraryHelperWaitingOnItsOwnAsyncApi_IsReported()
        {
            var test = new Chains.Test
            {
                TestCode = Usings + Lib + """
                    public static class Pool
                    {
                        public static Connection Create() => Connection.ConnectAsync("localhost").Result;
                    }
                    public class Service { public async Task RunAsync() { var c = {|#0:Pool.Create()|}; await Task.Yield(); } }
                    """,
            };
            test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- ASYNC103: test helpers that wrap the API under test

        private const string Helpers = """
            public class Setup
            {
                public void Seed(Connection c) { c.Add("k", 1); c.Add("k", 2); }
                public async Task SeedAsync(Connection c) { await c.AddAsync("k", 1); await c.AddAsync("k", 2); }
                public void SeedFromFile(Connection c) { c.Add("k", double.Parse(File.ReadAllText("seed.txt"))); }
                public async Task SeedFromFileAsync(Connection c) => await c.AddAsync("k", double.Parse(await File.ReadAllTextAsync("seed.txt")));
                public void Await(Probe p) { p.Expect("ready"); }
                public Task AwaitAsync(Probe p) => p.ExpectAsync("ready");
                public void Nothing() { }
                public Task NothingAsync() => Task.CompletedTask;
            }

            """;

        [Fact]
        public Task TestHelperThatOnlyCallsTheApiUnderTest_IsNotReported()
            => InTests<UseAsyncCounterpartAnalyzer>(Helpers + "public class Tests { [Xunit.Fact] public async Task T(Connection c) { new Setup().Seed(c); await Task.Yield(); } }", null, null);

        [Theory]
        [InlineData("{|#0:new Setup().SeedFromFile(c)|};")]
        [InlineData("{|#0:new Setup().Await(new Probe())|};")]
        [InlineData("{|#0:new Setup().Nothing()|};")]
        public Task TestHelperThatDoesMoreOrOtherThanTheApiUnderTest_IsReported(string statement)
            => InTests<UseAsyncCounterpartAnalyzer>(Helpers + "public class Tests { [Xunit.Fact] public async Task T(Connection c) { " + statement + " await Task.Yield(); } }", null, DiagnosticIds.UseAsyncCounterpart);

        [Fact]
        public Task TestHelperThatOnlyCallsTheApiUnderTest_WithTheOptionOn_IsReported()
            => InTests<UseAsyncCounterpartAnalyzer>(
                Helpers + "public class Tests { [Xunit.Fact] public async Task T(Connection c) { {|#0:new Setup().Seed(c)|}; await Task.Yield(); } }",
                "async_analyzers.report_own_sync_apis_in_tests = true",
                DiagnosticIds.UseAsyncCounterpart);

        // ---------------------------------------------------------------- the two ends of an in-memory pipe

        private const string Pipelines = """
            namespace System.IO.Pipelines
            {
                public abstract class PipeWriter
                {
                    public abstract void Complete(Exception? exception = null);
                    public virtual System.Threading.Tasks.ValueTask CompleteAsync(Exception? exception = null) => default;
                    public static PipeWriter Create(System.IO.Stream stream) => null!;
                }
                public abstract class PipeReader
                {
                    public abstract void Complete(Exception? exception = null);
                    public virtual System.Threading.Tasks.ValueTask CompleteAsync(Exception? exception = null) => default;
                }
                public sealed class Pipe
                {
                    public PipeReader Reader => null!;
                    public PipeWriter Writer => null!;
                }
            }

            """;

        private static Task Pipe(string members, bool reported)
        {
            var test = new Counterparts.Test { TestCode = Usings + "using System.IO.Pipelines;\n" + Pipelines + "class C\n{\n" + members + "\n}\n" };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("async Task M() { var pipe = new Pipe(); pipe.Writer.Complete(); await Task.Yield(); }")]
        [InlineData("readonly Pipe inbound = new Pipe(); async ValueTask DisposeAsync() { inbound.Writer.Complete(); inbound.Reader.Complete(); await Task.Yield(); }")]
        [InlineData("async Task M() { var pipe = new Pipe(); PipeWriter w = pipe.Writer; w.Complete(); await Task.Yield(); }")]
        public Task CompletingAnEndOfAnInMemoryPipe_IsNotReported(string members)
            => Pipe(members, reported: false);

        [Theory]
        [InlineData("async Task M(Stream s) { var w = PipeWriter.Create(s); {|#0:w.Complete()|}; await Task.Yield(); }")]
        [InlineData("async Task M(PipeWriter w) { {|#0:w.Complete()|}; await Task.Yield(); }")]
        [InlineData("async Task M(Stream s) { var pipe = new Pipe(); PipeWriter w = pipe.Writer; w = PipeWriter.Create(s); {|#0:w.Complete()|}; await Task.Yield(); }")]
        public Task CompletingAWriterOverAStreamOrOfUnknownOrigin_IsReported(string members)
            => Pipe(members, reported: true);

        // ---------------------------------------------------------------- a fire-and-forget flag inside the message

        private const string Redis = """
            namespace StackExchange.Redis
            {
                [System.Flags] public enum CommandFlags { None = 0, HighPriority = 1, FireAndForget = 2 }
                public sealed class Message { public static Message Create(int db, CommandFlags flags, string command) => new Message(); }
                public class Multiplexer
                {
                    readonly System.Threading.SemaphoreSlim writeLock = new System.Threading.SemaphoreSlim(1);
                    public T Execute<T>(Message message) => default!;
                    public System.Threading.Tasks.Task<T> ExecuteAsync<T>(Message message) => System.Threading.Tasks.Task.FromResult(default(T)!);
                    internal void ExecuteSyncImpl(Message message) { writeLock.Wait(); writeLock.Release(); }
                }
            }

            """;

        private static Task Redis103(string statement, bool reported)
        {
            var test = new Counterparts.Test
            {
                TestCode = Usings + "using StackExchange.Redis;\n" + Redis + "class C { async Task M(Multiplexer mux, CommandFlags flags) { " + statement + " await Task.Yield(); } }\n",
            };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("mux.Execute<long>(Message.Create(-1, flags | CommandFlags.FireAndForget, \"CONFIG\"));")]
        [InlineData("var message = Message.Create(-1, CommandFlags.FireAndForget, \"CONFIG\"); mux.Execute<long>(message);")]
        public Task FireAndForgetFlagInsideTheMessage_IsNotReported(string statement)
            => Redis103(statement, reported: false);

        [Theory]
        [InlineData("{|#0:mux.Execute<long>(Message.Create(-1, flags | CommandFlags.HighPriority, \"CONFIG\"))|};")]
        [InlineData("var message = Message.Create(-1, CommandFlags.None, \"CONFIG\"); {|#0:mux.Execute<long>(message)|};")]
        [InlineData("var message = Message.Create(-1, CommandFlags.FireAndForget, \"CONFIG\"); message = Message.Create(-1, flags, \"GET\"); {|#0:mux.Execute<long>(message)|};")]
        public Task MessageWithoutTheFlag_IsReported(string statement)
            => Redis103(statement, reported: true);

        private static Task Redis105(string helper, bool reported)
        {
            var test = new Chains.Test
            {
                TestCode = Usings + "using StackExchange.Redis;\n" + Redis + "class C\n{\n" + helper + "\nasync Task M(Multiplexer mux, CommandFlags flags) { " + (reported ? "{|#0:Unsubscribe(mux, flags)|}" : "Unsubscribe(mux, flags)") + "; await Task.Yield(); }\n}\n",
            };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Fact]
        public Task HelperSendingAFireAndForgetMessage_IsNotReported()
            => Redis105("void Unsubscribe(Multiplexer mux, CommandFlags flags) { var message = Message.Create(-1, flags | CommandFlags.FireAndForget, \"UNSUBSCRIBE\"); mux.ExecuteSyncImpl(message); }", reported: false);

        [Fact]
        public Task HelperSendingAMessageThatWaitsForTheReply_IsReported()
            => Redis105("void Unsubscribe(Multiplexer mux, CommandFlags flags) { var message = Message.Create(-1, flags, \"UNSUBSCRIBE\"); mux.ExecuteSyncImpl(message); }", reported: true);

        private static Task ExtensionFromAnotherProject(string body, bool reported)
        {
            var test = new Waits.Test { TestCode = Usings + "class C\n{\n    async Task<long> M(Task<long> a, Task<long> b)\n    {\n" + body + "\n    }\n}\n" };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + """
                public static class TaskExtensions
                {
                    public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable ForAwait(this Task task) => task.ConfigureAwait(false);
                    public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T> task) => task.ConfigureAwait(false);
                    public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable<bool> Settled<T>(this Task<T> task) => Task.FromResult(task.IsCompleted).ConfigureAwait(false);
                }
                """);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("        await Task.WhenAll(a, b).ForAwait();\n        return a.Result + b.Result;")]
        [InlineData("        await a.ForAwait();\n        return a.Result;")]
        public Task ResultAfterAConfigureAwaitExtensionOfAnotherAssembly_IsNotReported(string body)
            => ExtensionFromAnotherProject(body, reported: false);

        [Theory]
        [InlineData("        if (!await a.Settled()) return 0;\n        return {|#0:a.Result|};")]
        [InlineData("        await b.ForAwait();\n        return {|#0:a.Result|};")]
        public Task ResultAfterAnExtensionOfAnotherShapeOrTask_IsReported(string body)
            => ExtensionFromAnotherProject(body, reported: true);

        // ---------------------------------------------------------------- ASYNC101: a switch on a copy of the task's status

        private static Task StatusSwitch(string body, bool reported)
        {
            var test = new Waits.Test { TestCode = Usings + "class C\n{\n    bool flag;\n    async Task<long> M(Task<long> t, Task<long> other)\n    {\n        await Task.Yield();\n" + body + "\n    }\n}\n" };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("        var status = t.Status;\n        return status switch { TaskStatus.RanToCompletion => t.Result, TaskStatus.Faulted => -1, _ => 0 };")]
        [InlineData("        return t.Status switch { TaskStatus.RanToCompletion => t.Result, _ => 0 };")]
        public Task ResultInTheRanToCompletionArmOfASwitchOnTheStatus_IsNotReported(string body)
            => StatusSwitch(body, reported: false);

        [Theory]
        [InlineData("        var status = t.Status;\n        return status switch { TaskStatus.Faulted => {|#0:t.Result|}, _ => 0 };")]
        [InlineData("        var status = t.Status;\n        if (flag) status = TaskStatus.RanToCompletion;\n        return status switch { TaskStatus.RanToCompletion => {|#0:t.Result|}, _ => 0 };")]
        [InlineData("        var status = t.Status;\n        if (flag) t = other;\n        return status switch { TaskStatus.RanToCompletion => {|#0:t.Result|}, _ => 0 };")]
        [InlineData("        var status = other.Status;\n        return status switch { TaskStatus.RanToCompletion => {|#0:t.Result|}, _ => 0 };")]
        public Task ResultInAnArmThatDoesNotProveCompletion_IsReported(string body)
            => StatusSwitch(body, reported: true);

        // ---------------------------------------------------------------- ASYNC101: a task added to a list that is awaited

        private static Task AddedToList(string body, bool reported)
        {
            var test = new Waits.Test
            {
                TestCode = Usings + "using System.Collections.Generic;\nusing System.Linq;\nclass C\n{\n    Task<long> Next() => Task.FromResult(1L);\n    async Task<long> M(bool c)\n    {\n        var tasks = new List<Task>();\n        var t = Next();\n" + body + "\n    }\n}\n",
            };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("        tasks.Add(Next());\n        tasks.Add(t);\n        await Task.WhenAll(tasks.ToArray());\n        return t.Result;")]
        [InlineData("        tasks.Add(t);\n        tasks.Add(Next());\n        await Task.WhenAll(tasks);\n        return t.Result;")]
        public Task ResultOfATaskAddedToAnAwaitedList_IsNotReported(string body)
            => AddedToList(body, reported: false);

        [Theory]
        [InlineData("        if (c) tasks.Add(t);\n        await Task.WhenAll(tasks);\n        return {|#0:t.Result|};")]
        [InlineData("        tasks.Add(t);\n        tasks.Clear();\n        await Task.WhenAll(tasks);\n        return {|#0:t.Result|};")]
        [InlineData("        tasks.Add(t);\n        t = Next();\n        await Task.WhenAll(tasks);\n        return {|#0:t.Result|};")]
        [InlineData("        tasks.Add(t);\n        await Task.WhenAll(tasks.Take(1));\n        return {|#0:t.Result|};")]
        public Task ResultOfATaskNotCertainlyInTheAwaitedList_IsReported(string body)
            => AddedToList(body, reported: true);

        // ---------------------------------------------------------------- ASYNC105: a disposal inside a lock, as ASYNC104 judges it

        private static Task DisposalInHelper(string helper, bool reported)
        {
            var test = new Chains.Test
            {
                TestCode = Usings + """
                    class Fixture
                    {
                        readonly object gate = new object();
                        FileStream? current;
                    """ + helper + "\n    public async Task UseAsync() { var c = " + (reported ? "{|#0:Get()|}" : "Get()") + "; await Task.Yield(); }\n}\n",
            };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Fact]
        public Task HelperDisposingInsideALock_IsNotReported()
            => DisposalInHelper("FileStream Get() { lock (gate) { if (current is { CanWrite: false }) { var old = current; current = null; old.Dispose(); } return current ??= File.Create(\"log.txt\"); } }", reported: false);

        [Fact]
        public Task HelperDisposingOutsideALock_IsReported()
            => DisposalInHelper("FileStream Get() { if (current is { CanWrite: false }) { var old = current; current = null; old.Dispose(); } lock (gate) { return current ??= File.Create(\"log.txt\"); } }", reported: true);

        // ---------------------------------------------------------------- ASYNC101: helpers that hand back the task they were given

        private const string TaskHelpers = """
            static class TaskExtensions
            {
                public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable ForAwait(this Task task) => task.ConfigureAwait(false);
                public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable ForOther(this Task task) => Task.CompletedTask.ConfigureAwait(false);
                public static Task<T> QuickWait<T>(Task<T> task) { if (!task.IsCompleted) { try { task.Wait(200); } catch { } } return task; }
                public static Task<T> Swap<T>(Task<T> task, Task<T> other) { task = other; return task; }
                public static Task<T> Copy<T>(Task<T> task) { {|#1:task.Wait(200)|}; return Task.FromResult({|#2:task.Result|}); }
            }

            """;

        private static Task Helpers101(string body, params int[] locations)
        {
            var test = new Waits.Test { TestCode = Usings + TaskHelpers + "class C\n{\n    async Task<long> M(Task<long> a, Task<long> b)\n    {\n" + body + "\n    }\n}\n" };
            // The two waits inside Copy, which makes a new task of its own, are always findings.
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(1).WithMessage(null));
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(2).WithMessage(null));
            foreach (var location in locations)
            {
                test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(location).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("        await Task.WhenAll(a, b).ForAwait();\n        return a.Result + b.Result;")]
        [InlineData("        if (!TaskExtensions.QuickWait(a).IsCompleted) return 0;\n        return a.Result;")]
        public Task ResultAfterAHelperThatHandsBackTheTask_IsNotReported(string body)
            => Helpers101(body);

        [Theory]
        [InlineData("        await Task.WhenAll(a, b).ForOther();\n        return {|#0:a.Result|};")]
        [InlineData("        if (!TaskExtensions.Swap(a, b).IsCompleted) return 0;\n        return {|#0:a.Result|};")]
        [InlineData("        if (!TaskExtensions.Copy(a).IsCompleted) return 0;\n        return {|#0:a.Result|};")]
        public Task ResultAfterAHelperThatHandsBackSomethingElse_IsReported(string body)
            => Helpers101(body, 0);
    }
}
