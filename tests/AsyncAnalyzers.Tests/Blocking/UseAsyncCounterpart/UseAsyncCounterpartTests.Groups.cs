using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Synchronous calls one function makes on the same object of a type that is not the framework's are one finding, at
    /// the first call: a later call may only reuse what the first one waited for (a probe's subscription), which the
    /// type's body, in another assembly, would tell. The finding names the later calls and its fix converts them all.
    /// </summary>
    public partial class UseAsyncCounterpartTests
    {
        /// <summary>A test kit of another project (Kit), whose bodies the analysis cannot read from the test's compilation.</summary>
        private const string Subscriber = """
            using System.Threading.Tasks;
            public class Sub
            {
                public Sub Request(int n) => this;
                public Task RequestAsync(int n) => Task.CompletedTask;
                public Sub Cancel() => this;
                public Task CancelAsync() => Task.CompletedTask;
                public int Next() => 1;
                public Task<int> NextAsync() => Task.FromResult(1);
                public static Sub Create() => new Sub();
            }
            namespace Microsoft.Data
            {
                public class Context
                {
                    public int SaveChanges() => 1;
                    public Task<int> SaveChangesAsync() => Task.FromResult(1);
                }
            }
            """;

        /// <summary>The line the test class starts on: the one after the usings.</summary>
        private static readonly int GroupLine = Usings.Split('\n').Length;

        private static DiagnosticResult Group(string call, string advice, string later, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1)
                .WithArguments(call, owner, advice + "; this finding also covers the " + later);

        private static DiagnosticResult Alone(int marker)
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(marker).WithMessage(null);

        /// <summary>The test code (usings, then <paramref name="code"/>) in a project that references the Kit project.</summary>
        private static Verify.Test WithKit(string code, string? fixedCode = null)
        {
            var test = new Verify.Test { TestCode = Usings + code };
            test.TestState.AdditionalProjects["Kit"].Sources.Add(Subscriber);
            test.TestState.AdditionalProjectReferences.Add("Kit");
            if (fixedCode is not null)
            {
                test.FixedCode = Usings + fixedCode;
                test.FixedState.AdditionalProjects["Kit"].Sources.Add(Subscriber);
                test.FixedState.AdditionalProjectReferences.Add("Kit");
            }

            return test;
        }

        private static Task Analyze(string code, params DiagnosticResult[] expected)
        {
            var test = WithKit(code);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private static Task Fix(string code, string fixedCode) => WithKit(code, fixedCode).RunAsync();

        [Fact]
        public Task CallsOnOneObject_AreOneFindingAtTheFirst()
        {
            return Analyze(
                "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; {|#1:p.Cancel()|}; await Task.Yield(); } }",
                Group("Sub.Request", "use 'await p.RequestAsync(1)'", $"later synchronous call on 'p' here: 'Cancel' (line {GroupLine})"));
        }

        [Fact]
        public Task ManyLaterCalls_AreCountedAfterThree()
        {
            var body = "var p = Sub.Create(); {|#0:p.Request(1)|}; var a = {|#1:p.Next()|}; var b = {|#2:p.Next()|}; var c = {|#3:p.Next()|}; {|#4:p.Cancel()|}; await Task.Yield();";
            return Analyze(
                "class C { async Task M() { " + body + " } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4)
                    .WithArguments("Sub.Request", "'C.M'", $"use 'await p.RequestAsync(1)'; this finding also covers the 4 later synchronous calls on 'p' here: 'Next' (line {GroupLine}), 'Next' (line {GroupLine}), 'Next' (line {GroupLine}) and 1 more, the last at line {GroupLine}"));
        }

        [Fact]
        public Task Fix_ConvertsTheLaterCallsToo()
        {
            return Fix(
                "class C { async Task M(Sub p) { [|p.Request(1)|]; var n = p.Next(); p.Cancel(); await Task.Yield(); } }",
                "class C { async Task M(Sub p) { await p.RequestAsync(1); var n = await p.NextAsync(); await p.CancelAsync(); await Task.Yield(); } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsyncOnce()
        {
            return Fix(
                "class C { Task<int> M(Sub p) { [|p.Request(1)|]; return Task.FromResult(p.Next()); } }",
                "class C { async Task<int> M(Sub p) { await p.RequestAsync(1); return await p.NextAsync(); } }");
        }

        [Fact]
        public Task FixAll_ConvertsEveryGroup()
            => Fix(
                "class C { async Task M(Sub p, Sub q) { [|p.Request(1)|]; [|q.Request(2)|]; p.Cancel(); q.Cancel(); await Task.Yield(); } }",
                "class C { async Task M(Sub p, Sub q) { await p.RequestAsync(1); await q.RequestAsync(2); await p.CancelAsync(); await q.CancelAsync(); await Task.Yield(); } }");

        [Fact]
        public Task Fix_WhenTheFirstCallHasNoFix_StillConvertsTheLaterOnes()
        {
            // The first call's fluent result is chained on: it has no fix, and stays a finding after the later call is converted.
            var test = WithKit(
                "class C { async Task M(Sub p) { var r = {|#0:p.Request(1)|}; {|#1:p.Cancel()|}; await Task.Yield(); } }",
                "class C { async Task M(Sub p) { var r = {|#0:p.Request(1)|}; await p.CancelAsync(); await Task.Yield(); } }");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
            test.FixedState.ExpectedDiagnostics.Add(Alone(0));
            return test.RunAsync();
        }

        [Fact]
        public Task AWriteToTheVariable_StartsAnotherGroup()
        {
            return Analyze(
                "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; p = Sub.Create(); {|#1:p.Cancel()|}; await Task.Yield(); } }",
                Alone(0),
                Alone(1));
        }

        [Fact]
        public Task ALambda_HasGroupsOfItsOwn()
        {
            return Analyze(
                "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; Func<Task> later = async () => { {|#1:p.Cancel()|}; await Task.Yield(); }; await later(); } }",
                Alone(0),
                Alone(1));
        }

        [Fact]
        public Task DifferentObjects_AreFindingsOfTheirOwn()
        {
            return Analyze(
                "class C { async Task M(Sub p, Sub q) { {|#0:p.Request(1)|}; {|#1:q.Request(1)|}; await Task.Yield(); } }",
                Alone(0),
                Alone(1));
        }

        [Fact]
        public Task PlatformClientCallsOnOneObject_StayFindingsOfTheirOwn()
        {
            // Each SaveChanges of a Microsoft.* client is a round trip.
            return Analyze(
                "class C { async Task M(Microsoft.Data.Context db) { {|#0:db.SaveChanges()|}; await Task.Yield(); {|#1:db.SaveChanges()|}; } }",
                Alone(0),
                Alone(1));
        }

        [Fact]
        public Task CallsOnATypeOfTheSameCompilation_StayFindingsOfTheirOwn()
        {
            // Its bodies are readable here: nothing to hide behind another assembly.
            return Verify.VerifyAnalyzerAsync(
                Usings + "public class Own { public void Send() { } public Task SendAsync() => Task.CompletedTask; }\nclass C { async Task M(Own o) { {|#0:o.Send()|}; {|#1:o.Send()|}; await Task.Yield(); } }",
                Alone(0),
                Alone(1));
        }

        [Theory]
        // Calls on branches that exclude each other, or a first call that may not run.
        [InlineData("if (b) {|#0:p.Request(1)|}; else {|#1:p.Cancel()|};")]
        [InlineData("if (b) {|#0:p.Request(1)|}; {|#1:p.Cancel()|};")]
        [InlineData("var r = b ? {|#0:p.Request(1)|} : null; {|#1:p.Cancel()|};")]
        [InlineData("var r = b && {|#0:p.Request(1)|} != null; {|#1:p.Cancel()|};")]
        [InlineData("foreach (var i in new int[0]) {|#0:p.Request(i)|}; {|#1:p.Cancel()|};")]
        [InlineData("for (var i = 0; i < 0; i++) { {|#0:p.Request(i)|}; } {|#1:p.Cancel()|};")]
        [InlineData("while (b) { {|#0:p.Request(1)|}; } {|#1:p.Cancel()|};")]
        [InlineData("switch (b) { case true: {|#0:p.Request(1)|}; break; default: {|#1:p.Cancel()|}; break; }")]
        // A write in between: another object from there on (a deconstruction, ref, out).
        [InlineData("{|#0:p.Request(1)|}; (p, q) = (q, p); {|#1:p.Cancel()|};")]
        [InlineData("{|#0:p.Request(1)|}; Swap(ref p, q); {|#1:p.Cancel()|};")]
        [InlineData("{|#0:p.Request(1)|}; p ??= q; {|#1:p.Cancel()|};")]
        // A variable that a lambda writes is not grouped at all.
        [InlineData("Action swap = () => p = q; {|#0:p.Request(1)|}; swap(); {|#1:p.Cancel()|};")]
        // A static field is grouped like any variable, but not across a call to another function of the class that writes it.
        [InlineData("{|#0:shared.Request(1)|}; {|#1:q.Cancel()|};")]
        public Task CallsThatDoNotAlwaysFollowTheFirst_AreFindingsOfTheirOwn(string statements)
        {
            return Analyze(
                "class C { static Sub shared = new Sub(); static void Swap(ref Sub a, Sub b) { a = b; } async Task M(Sub p, Sub q, bool b) { " + statements + " await Task.Yield(); } }",
                Alone(0),
                Alone(1));
        }

        [Theory]
        // A later call in a nested block, a loop, a try, or after an early return is still after the first call.
        [InlineData("{|#0:p.Request(1)|}; if (b) {|#1:p.Cancel()|};")]
        [InlineData("{|#0:p.Request(1)|}; foreach (var i in new[] { 1 }) { {|#1:p.Cancel()|}; }")]
        [InlineData("{|#0:p.Request(1)|}; try { {|#1:p.Cancel()|}; } finally { }")]
        [InlineData("{|#0:p.Request(1)|}; if (b) return; {|#1:p.Cancel()|};")]
        [InlineData("{|#0:shared.Request(1)|}; {|#1:shared.Cancel()|};")]
        // After a loop that runs at least once.
        [InlineData("foreach (var i in Enumerable.Range(1, 4)) {|#0:p.Request(i)|}; {|#1:p.Cancel()|};")]
        [InlineData("foreach (var i in new[] { 1, 2 }) { {|#0:p.Request(i)|}; } {|#1:p.Cancel()|};")]
        [InlineData("for (var i = 0; i < 3; i++) { {|#0:p.Request(i)|}; } {|#1:p.Cancel()|};")]
        [InlineData("do { {|#0:p.Request(1)|}; } while (b); {|#1:p.Cancel()|};")]
        public Task CallsThatAlwaysFollowTheFirst_AreOneFinding(string statements)
        {
            return Analyze(
                "class C { static Sub shared = new Sub(); async Task M(Sub p, bool b) { " + statements + " await Task.Yield(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task ACallInAnArgument_RunsFirst_AndLeads()
        {
            return Analyze(
                "class C { async Task M(Sub p) { {|#1:p.Request({|#0:p.Next()|})|}; await Task.Yield(); } }",
                Group("Sub.Next", "use 'await p.NextAsync()'", $"later synchronous call on 'p' here: 'Request' (line {GroupLine})"));
        }

        [Fact]
        public Task Fix_ACallInAnArgument_ConvertsBoth()
            => Fix(
                "class C { async Task M(Sub p) { p.Request([|p.Next()|]); await Task.Yield(); } }",
                "class C { async Task M(Sub p) { await p.RequestAsync(await p.NextAsync()); await Task.Yield(); } }");

        [Fact]
        public Task AFirstCallSuppressedForThisRule_LeadsNothing()
        {
            // The pragma hides the first call; the next call leads the group instead of disappearing with it. (The
            // framework's check that a file-wide pragma hides every finding does not hold: the restore re-enables the id.)
            var test = WithKit("class C { async Task M(Sub p) {\n#pragma warning disable ASYNC103\n        p.Request(1);\n#pragma warning restore ASYNC103\n        {|#0:p.Cancel()|}; {|#1:p.Next()|}; await Task.Yield(); } }");
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task ALaterCallSuppressedForThisRule_IsNeitherCoveredNorConverted()
        {
            var code = "class C { async Task M(Sub p) {\n        [|p.Request(1)|];\n#pragma warning disable ASYNC103\n        p.Cancel();\n#pragma warning restore ASYNC103\n        await Task.Yield(); } }";
            var test = WithKit(code, code.Replace("[|p.Request(1)|]", "await p.RequestAsync(1)"));
            test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
            return test.RunAsync();
        }

        [Fact]
        public Task FrameworkCallsOnOneObject_StayFindingsOfTheirOwn()
        {
            // Each read and write of a stream blocks by itself.
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Stream s, byte[] b) { {|#0:s.Write(b, 0, 1)|}; {|#1:s.Flush()|}; await Task.Yield(); } }",
                Alone(0),
                Alone(1));
        }

        [Fact]
        public Task ALaterCall_IsNotReportedByItself()
        {
            // Only the first call of the object carries a finding; the second is one of its additional locations.
            return Analyze(
                "class C { async Task M(Sub p) { await p.RequestAsync(1); {|#0:p.Request(2)|}; {|#1:p.Request(3)|}; } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task ALaterCallThatIsNotAFinding_IsNotInTheGroup()
        {
            // The later call is deliberate (its peer rule is suppressed there): neither reported nor converted.
            return Analyze(
                "class C { async Task M(Sub p) { {|#0:p.Request(1)|};\n#pragma warning disable VSTHRD103\n        p.Cancel();\n#pragma warning restore VSTHRD103\n        await Task.Yield(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                    .WithArguments("Sub.Request", "'C.M'", "use 'await p.RequestAsync(1)'"));
        }

        [Fact]
        public Task CallsOnOneObjectInSynchronousCode_AreNotReported()
        {
            return Analyze(
                "class C { void M(Sub p) { p.Request(1); p.Cancel(); } }");
        }

        [Fact]
        public Task ALaterCallOnTheSynchronousSideOfADualModeMethod_IsNotInTheGroup()
        {
            return Analyze(
                "class C { async Task M(Sub p, bool async) { {|#0:p.Request(1)|}; if (async) await p.CancelAsync(); else p.Cancel(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                    .WithArguments("Sub.Request", "'C.M'", "use 'await p.RequestAsync(1)'"));
        }
    }
}
