using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Test projects calling the solution's own synchronous API on purpose (left alone by default, framework I/O still
    /// reported, <c>async_analyzers.report_own_sync_apis_in_tests</c> to report them), and calls that an argument makes
    /// non-blocking (<c>CommandFlags.FireAndForget</c>, <c>async_analyzers.non_blocking_arguments</c>).
    /// </summary>
    public class TestCodeTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n";

        private const string Client = """
            public class Client
            {
                public void Send(string m) { }
                public Task SendAsync(string m) => Task.CompletedTask;
                public int Receive() => 0;
                public Task<int> ReceiveAsync() => Task.FromResult(0);
            }

            """;

        private const string Redis = """
            namespace StackExchange.Redis
            {
                [System.Flags] public enum CommandFlags { None = 0, HighPriority = 1, FireAndForget = 2 }
                public class Db
                {
                    public bool StringSet(string key, string value, CommandFlags flags = CommandFlags.None) => true;
                    public System.Threading.Tasks.Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => System.Threading.Tasks.Task.FromResult(true);
                }
            }

            """;

        private static Task Run(string source, string? editorconfig, params int[] locations)
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Test { TestCode = Usings + source };
            if (editorconfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorconfig + "\n"));
            }

            foreach (var location in locations)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(location).WithMessage(null));
            }

            return test.RunAsync();
        }

        // ---------------------------------------------------------------- test projects: own API left alone

        [Theory]
        [InlineData("[Xunit.Fact] public async Task Sends() { var c = new Client(); c.Send(\"x\"); await Task.Yield(); }")]
        [InlineData("[Xunit.Fact] public async Task Receives() { var c = new Client(); var n = c.Receive(); await Task.Yield(); }")]
        [InlineData("async Task Helper(Client c) { c.Send(\"x\"); await Task.Yield(); }")]
        public Task OwnSyncApiInTestProject_IsNotReported(string member)
            => Run(FakeXunit + Client + "public class Tests { " + member + " }", null);

        [Theory]
        [InlineData("namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }\n", "[NUnit.Framework.Test]")]
        [InlineData("namespace Microsoft.VisualStudio.TestTools.UnitTesting { public sealed class TestMethodAttribute : System.Attribute { } }\n", "[Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]")]
        public Task OwnSyncApiInOtherTestFrameworks_IsNotReported(string framework, string attribute)
            => Run(framework + Client + "public class Tests { " + attribute + " public async Task Sends() { new Client().Send(\"x\"); await Task.Yield(); } }", null);

        [Fact]
        public Task InheritedSyncApiOfOwnStreamInTestProject_IsNotReported()
            => Run(FakeXunit + "public class PipeStream : Stream { public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => true; public override long Length => 0; public override long Position { get; set; } public override void Flush() { } public override int Read(byte[] b, int o, int c) => 0; public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { } public override void Write(byte[] b, int o, int c) { } }\n"
                + "public class Tests { [Xunit.Fact] public async Task Writes() { var p = new PipeStream(); p.Write(new byte[1], 0, 1); p.CopyTo(Stream.Null); await Task.Yield(); } }", null);

        private const string TestKit = """
            public class Probe
            {
                public void ExpectMsg(string m) { }
                public Task ExpectMsgAsync(string m) => Task.CompletedTask;
            }

            """;

        /// <summary>A test project named <paramref name="testProject"/> referencing the projects Lib (Client) and Lib.TestKit (Probe).</summary>
        private static Task RunInSolution(string testProject, string tests, params int[] locations)
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Test { TestCode = Usings + FakeXunit + tests };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + Client);
            test.TestState.AdditionalProjects["Lib.TestKit"].Sources.Add(Usings + TestKit);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            test.TestState.AdditionalProjectReferences.Add("Lib.TestKit");
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, testProject));
            foreach (var location in locations)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(location).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Theory]
        [InlineData("Lib.Tests")]
        [InlineData("Lib.UnitTests")]
        [InlineData("LibTests")]
        [InlineData("Test.Lib")]
        public Task ProjectUnderTest_SyncApiIsNotReported_TestKitIsReported(string testProject)
            => RunInSolution(testProject, "public class Tests { [Xunit.Fact] public async Task T(Probe p) { new Client().Send(\"x\"); {|#0:p.ExpectMsg(\"x\")|}; await Task.Yield(); } }", 0);

        [Fact]
        public Task ProjectUnderTest_TestProjectsOwnHelpersAreReported()
            => RunInSolution(
                "Lib.Tests",
                "public class Harness { public void Drain() { } public Task DrainAsync() => Task.CompletedTask; } public class Tests { [Xunit.Fact] public async Task T() { new Client().Send(\"x\"); {|#0:new Harness().Drain()|}; await Task.Yield(); } }",
                0);

        [Fact]
        public Task NoProjectNamedAfterTheTests_EveryProjectOfTheSolutionIsLeftAlone()
            => RunInSolution("IntegrationSuite", "public class Tests { [Xunit.Fact] public async Task T(Probe p) { new Client().Send(\"x\"); p.ExpectMsg(\"x\"); await Task.Yield(); } }");

        [Fact]
        public Task ProjectUnderTest_ReportedWhenConfigured()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Test
            {
                TestCode = Usings + FakeXunit + "public class Tests { [Xunit.Fact] public async Task T() { {|#0:new Client().Send(\"x\")|}; await Task.Yield(); } }",
            };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + Client);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Lib.Tests"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.report_own_sync_apis_in_tests = true\n"));
            test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<UseAsyncCounterpartAnalyzer>.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task FrameworkIoInTestProject_IsReported()
            => Run(FakeXunit + Client + "public class Tests { [Xunit.Fact] public async Task Reads() { new Client().Send(\"x\"); {|#0:File.ReadAllText(\"a\")|}; await Task.Yield(); } }", null, 0);

        [Fact]
        public Task OwnSyncApiInTestProject_IsReportedWhenConfigured()
            => Run(FakeXunit + Client + "public class Tests { [Xunit.Fact] public async Task Sends() { {|#0:new Client().Send(\"x\")|}; await Task.Yield(); } }", "async_analyzers.report_own_sync_apis_in_tests = true", 0);

        [Fact]
        public Task OwnSyncApiOutsideTestProjects_IsReported()
            => Run(Client + "public class App { public async Task Run() { {|#0:new Client().Send(\"x\")|}; await Task.Yield(); } }", null, 0);

        [Fact]
        public Task ConfiguredBlockingMethodInTestProject_IsReported()
            => Run(FakeXunit + "public class Pump { public void Drain() { } } public class Tests { [Xunit.Fact] public async Task T() { {|#0:new Pump().Drain()|}; await Task.Yield(); } }", "async_analyzers.additional_blocking_methods = Pump.Drain", 0);

        // ---------------------------------------------------------------- arguments that make a call non-blocking

        [Theory]
        [InlineData("db.StringSet(\"k\", \"v\", StackExchange.Redis.CommandFlags.FireAndForget);")]
        [InlineData("db.StringSet(\"k\", \"v\", flags: StackExchange.Redis.CommandFlags.FireAndForget | StackExchange.Redis.CommandFlags.HighPriority);")]
        public Task FireAndForgetFlag_IsNotReported(string statement)
            => Run(Redis + "public class App { public async Task Run(StackExchange.Redis.Db db) { " + statement + " await Task.Yield(); } }", null);

        [Theory]
        [InlineData("db.StringSet(\"k\", \"v\");")]
        [InlineData("db.StringSet(\"k\", \"v\", StackExchange.Redis.CommandFlags.HighPriority);")]
        public Task OtherFlags_AreReported(string statement)
            => Run(Redis + "public class App { public async Task Run(StackExchange.Redis.Db db) { {|#0:" + statement.TrimEnd(';') + "|}; await Task.Yield(); } }", null, 0);

        [Theory]
        [InlineData("Queue.Post(enqueueOnly=true)")]
        [InlineData("Queue.*(enqueueOnly=True)")]
        [InlineData("Other.Method(x=1), Queue.Post(enqueueOnly=true)")]
        public Task ConfiguredNonBlockingArgument_IsNotReported(string entry)
            => Run("public class Queue { public void Post(int m, bool enqueueOnly = false) { } public Task PostAsync(int m, bool enqueueOnly = false) => Task.CompletedTask; } public class App { public async Task Run(Queue q) { q.Post(1, enqueueOnly: true); await Task.Yield(); } }", "async_analyzers.non_blocking_arguments = " + entry);

        [Theory]
        [InlineData("Queue.Post(enqueueOnly=true)", "q.Post(1)")]
        [InlineData("Queue.Post(enqueueOnly=true)", "q.Post(1, enqueueOnly: false)")]
        [InlineData("Queue.Send(enqueueOnly=true)", "q.Post(1, true)")]
        public Task ConfiguredNonBlockingArgument_OtherCallsAreReported(string entry, string call)
            => Run("public class Queue { public void Post(int m, bool enqueueOnly = false) { } public Task PostAsync(int m, bool enqueueOnly = false) => Task.CompletedTask; } public class App { public async Task Run(Queue q) { {|#0:" + call + "|}; await Task.Yield(); } }", "async_analyzers.non_blocking_arguments = " + entry, 0);
    }
}
