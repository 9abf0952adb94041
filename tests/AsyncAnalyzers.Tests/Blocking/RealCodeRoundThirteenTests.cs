using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Session 22's sample of a large test suite: the synchronous helpers of a test project that write and read the fixture
    /// files of their tests (a temp file the test itself wrote, checked with <c>ReadToEnd</c>), called from async and
    /// synchronous tests alike. ASYNC105 does not follow a helper chain into that file I/O; the same call made in an async
    /// test itself stays an ASYNC103 finding, and so does anything else a helper blocks on.
    /// </summary>
    public class RealCodeRoundThirteenTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n";

        private static Task Run<TAnalyzer>(string source, bool inTests, bool expected)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + (inTests ? FakeXunit : string.Empty) + source };
            if (expected)
            {
                test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIdFor<TAnalyzer>(), Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        private static string DiagnosticIdFor<TAnalyzer>()
            => typeof(TAnalyzer) == typeof(AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer) ? DiagnosticIds.MakeHelperChainAsync : DiagnosticIds.UseAsyncCounterpart;

        private static string Spec(string helper, string call, bool inTests = true)
            => "public class FileSpec\n{\n" + helper + "\n    " + (inTests ? "[Xunit.Fact] " : string.Empty) + "public async Task Writes() { await Task.Yield(); {|#0:" + call + "|}; }\n}\n";

        [Theory]
        // A temp file the test wrote, checked through a reader over a FileStream.
        [InlineData("    static void CheckFileContent(string path, string expected) { using var s = new FileStream(path, FileMode.Open); var r = new StreamReader(s); if (r.ReadToEnd() != expected) throw new Exception(); }", "CheckFileContent(\"f\", \"x\")")]
        // Fixture set-up with File's static helpers.
        [InlineData("    static string TestFile() { var p = Path.GetTempFileName(); File.AppendAllText(p, new string('x', 6000)); return p; }", "TestFile()")]
        [InlineData("    static void ManyLines(string p) { File.AppendAllLines(p, new[] { \"a\", \"b\" }); }", "ManyLines(\"f\")")]
        // A reader opened on a path, and one from File.OpenText.
        [InlineData("    static string Read(string p) { using var r = new StreamReader(p); return r.ReadToEnd(); }", "Read(\"f\")")]
        [InlineData("    static string Read(string p) { using var r = File.OpenText(p); return r.ReadLine() ?? \"\"; }", "Read(\"f\")")]
        // A writer over a stream File.Create opened, flushed by hand.
        [InlineData("    static void Write(string p) { using var w = new StreamWriter(File.Create(p), Encoding.UTF8); w.Write(\"x\"); w.Flush(); }", "Write(\"f\")")]
        public Task TestHelperFixtureFileAccess_IsNotReported(string helper, string call)
            => Run<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>(Spec(helper, call), inTests: true, expected: false);

        [Theory]
        [InlineData("    static void CheckFileContent(string path, string expected) { using var s = new FileStream(path, FileMode.Open); var r = new StreamReader(s); if (r.ReadToEnd() != expected) throw new Exception(); }", "CheckFileContent(\"f\", \"x\")")]
        [InlineData("    static string TestFile() { var p = Path.GetTempFileName(); File.AppendAllText(p, new string('x', 6000)); return p; }", "TestFile()")]
        public Task TheSameHelperOutsideATestProject_IsReported(string helper, string call)
            => Run<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>(Spec(helper, call, inTests: false), inTests: false, expected: true);

        [Theory]
        // A helper that also sleeps, or reads a stream it was handed (a network stream, for all it knows).
        [InlineData("    static void Settle(string p) { File.AppendAllText(p, \"x\"); Thread.Sleep(100); }", "Settle(\"f\")")]
        [InlineData("    static string Drain(Stream s) { var r = new StreamReader(s); return r.ReadToEnd(); }", "Drain(Stream.Null)")]
        // A wait on a task in a test helper is not file I/O.
        [InlineData("    static void Flush(string p) { File.WriteAllTextAsync(p, \"x\").Wait(); }", "Flush(\"f\")")]
        public Task TestHelperBlockingOnSomethingElse_IsReported(string helper, string call)
            => Run<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>(Spec(helper, call), inTests: true, expected: true);

        [Fact]
        public Task FileAccessInTheAsyncTestItself_StaysAnAsync103Finding()
            => Run<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>(
                "public class FileSpec { [Xunit.Fact] public async Task Reads() { await Task.Yield(); var text = {|#0:File.ReadAllText(\"f\")|}; } }",
                inTests: true,
                expected: true);

        // ---------------------------------------------------------------- the fixture rule is ASYNC105's alone (review)

        private const string Lib = "public class Connection { public void Add(string k, double v) { } public Task AddAsync(string k, double v) => Task.CompletedTask; }\n";

        /// <summary>The test project Lib.Tests (xUnit) referencing Lib.</summary>
        private static Task InLibTests(string tests, bool expected)
        {
            var test = new Counterparts.Test { TestCode = Usings + FakeXunit + tests };
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + Lib);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Lib.Tests"));
            if (expected)
            {
                test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Fact]
        public Task TestProjectStreamOverAFile_StaysAnAsync103Finding()
        {
            // The stream's overrides write to a file: it is no memory sink, whatever the fixture rule says about helpers.
            return InLibTests(
                "public sealed class FileFront : Stream\n{\n    private readonly FileStream file = File.Create(\"x.bin\");\n"
                + "    public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true; public override long Length => 0; public override long Position { get; set; }\n"
                + "    public override void Flush() => file.Flush(); public override int Read(byte[] b, int o, int c) => 0; public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { }\n"
                + "    public override void Write(byte[] b, int o, int c) => file.Write(b, o, c);\n}\n"
                + "public class Spec { [Xunit.Fact] public async Task T() { var s = new FileFront(); await Task.Yield(); {|#0:s.Write(new byte[8], 0, 8)|}; } }\n",
                expected: true);
        }

        [Fact]
        public Task HelperWithATwinThatReachesAFixtureFileOneLevelDown_StaysAnAsync103Finding()
            => InLibTests(
                "public class Setup { public void SeedFromFile(Connection c) { c.Add(\"k\", ReadSeed()); } public Task SeedFromFileAsync(Connection c) => c.AddAsync(\"k\", 1); static double ReadSeed() => double.Parse(File.ReadAllText(\"seed.txt\")); }\n"
                + "public class Spec { [Xunit.Fact] public async Task T(Connection c) { {|#0:new Setup().SeedFromFile(c)|}; await Task.Yield(); } }\n",
                expected: true);

        [Fact]
        public Task HelperThatOnlyChecksAFileAroundTheApiUnderTest_IsNotReported()
            => InLibTests(
                "public class Setup { public void Seed(Connection c) { if (!File.Exists(\"skip\")) c.Add(\"k\", 1); } public Task SeedAsync(Connection c) => c.AddAsync(\"k\", 1); }\n"
                + "public class Spec { [Xunit.Fact] public async Task T(Connection c) { new Setup().Seed(c); await Task.Yield(); } }\n",
                expected: false);

        [Fact]
        public Task Async105Fix_InATestProject_StillAwaitsTheFixtureFileInTheTwin()
        {
            var test = new Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>.Test
            {
                TestCode = Usings + FakeXunit + "public class Spec\n{\n    static void Settle(string p) { File.AppendAllText(p, \"x\"); Thread.Sleep(100); }\n    [Xunit.Fact] public async Task T() { await Task.Yield(); [|Settle(\"f\")|]; }\n}\n",
                FixedCode = Usings + FakeXunit + "public class Spec\n{\n    static void Settle(string p) { File.AppendAllText(p, \"x\"); Thread.Sleep(100); }\n\n    static async Task SettleAsync(string p)\n    { await File.AppendAllTextAsync(p, \"x\"); await Task.Delay(100); }\n    [Xunit.Fact] public async Task T() { await Task.Yield(); await SettleAsync(\"f\"); }\n}\n",
            };
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- a call in a synchronous lambda that runs inline

        [Theory]
        [InlineData("new[] { \"a\" }.ToList().ForEach(p => {|#0:File.ReadAllText(p)|});", "that 'ForEach' runs", "use 'await File.ReadAllTextAsync(p)'")]
        [InlineData("var total = new[] { \"a\" }.Sum(p => {|#0:File.ReadAllText(p)|}.Length);", "that 'Sum' runs", "use 'await File.ReadAllTextAsync(p)'")]
        public Task CallInAnInlineLambda_SaysAwaitCannotGoThere(string statement, string runner, string advice)
        {
            var test = new Counterparts.Test { TestCode = Usings + "using System.Linq;\nclass C { async Task M() { await Task.Yield(); " + statement + " } }" };
            test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("File.ReadAllText", "'C.M'", "it sits in a synchronous lambda " + runner + ", where 'await' cannot go: make that a loop, then " + advice));
            return test.RunAsync();
        }

        [Fact]
        public Task CallInAnAsyncLambda_KeepsThePlainAdvice()
        {
            var test = new Counterparts.Test { TestCode = Usings + "class C { async Task M() { Func<Task> f = async () => { await Task.Yield(); {|#0:File.ReadAllText(\"a\")|}; }; await f(); } }" };
            test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("File.ReadAllText", "the lambda in 'C.M'", "use 'await File.ReadAllTextAsync(\"a\")'"));
            return test.RunAsync();
        }
    }
}
