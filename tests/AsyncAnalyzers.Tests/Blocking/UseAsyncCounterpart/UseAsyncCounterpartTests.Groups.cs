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
        private const string Subscriber = """

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

            """;

        /// <summary>The line the test class starts on: the one after the usings and <see cref="Subscriber"/>.</summary>
        private static readonly int GroupLine = (Usings + Subscriber).Split('\n').Length;

        private static DiagnosticResult Group(string call, string advice, string later, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1)
                .WithArguments(call, owner, advice + "; this finding also covers the " + later);

        [Fact]
        public Task CallsOnOneObject_AreOneFindingAtTheFirst()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; {|#1:p.Cancel()|}; await Task.Yield(); } }",
                Group("Sub.Request", "use 'await p.RequestAsync(1)'", $"later synchronous call on 'p' here: 'Cancel' (line {GroupLine})"));
        }

        [Fact]
        public Task ManyLaterCalls_AreCountedAfterThree()
        {
            var body = "var p = Sub.Create(); {|#0:p.Request(1)|}; var a = {|#1:p.Next()|}; var b = {|#2:p.Next()|}; var c = {|#3:p.Next()|}; {|#4:p.Cancel()|}; await Task.Yield();";
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M() { " + body + " } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4)
                    .WithArguments("Sub.Request", "'C.M'", $"use 'await p.RequestAsync(1)'; this finding also covers the 4 later synchronous calls on 'p' here: 'Next' (line {GroupLine}), 'Next' (line {GroupLine}), 'Next' (line {GroupLine}) and 1 more, the last at line {GroupLine}"));
        }

        [Fact]
        public Task Fix_ConvertsTheLaterCallsToo()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + Subscriber + "class C { async Task M(Sub p) { [|p.Request(1)|]; var n = p.Next(); p.Cancel(); await Task.Yield(); } }",
                Usings + Subscriber + "class C { async Task M(Sub p) { await p.RequestAsync(1); var n = await p.NextAsync(); await p.CancelAsync(); await Task.Yield(); } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsyncOnce()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + Subscriber + "class C { Task<int> M(Sub p) { [|p.Request(1)|]; return Task.FromResult(p.Next()); } }",
                Usings + Subscriber + "class C { async Task<int> M(Sub p) { await p.RequestAsync(1); return await p.NextAsync(); } }");
        }

        [Fact]
        public Task FixAll_ConvertsEveryGroup()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + Subscriber + "class C { async Task M(Sub p, Sub q) { [|p.Request(1)|]; [|q.Request(2)|]; p.Cancel(); q.Cancel(); await Task.Yield(); } }",
                FixedCode = Usings + Subscriber + "class C { async Task M(Sub p, Sub q) { await p.RequestAsync(1); await q.RequestAsync(2); await p.CancelAsync(); await q.CancelAsync(); await Task.Yield(); } }",
            };
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_WhenTheFirstCallHasNoFix_StillConvertsTheLaterOnes()
        {
            // The first call's fluent result is chained on: it has no fix, and stays a finding after the later call is converted.
            var test = new Verify.Test
            {
                TestCode = Usings + Subscriber + "class C { async Task M(Sub p) { var r = {|#0:p.Request(1)|}; {|#1:p.Cancel()|}; await Task.Yield(); } }",
                FixedCode = Usings + Subscriber + "class C { async Task M(Sub p) { var r = {|#0:p.Request(1)|}; await p.CancelAsync(); await Task.Yield(); } }",
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
            test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task AWriteToTheVariable_StartsAnotherGroup()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; p = Sub.Create(); {|#1:p.Cancel()|}; await Task.Yield(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task ALambda_HasGroupsOfItsOwn()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p) { {|#0:p.Request(1)|}; Func<Task> later = async () => { {|#1:p.Cancel()|}; await Task.Yield(); }; await later(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task DifferentObjects_AreFindingsOfTheirOwn()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p, Sub q) { {|#0:p.Request(1)|}; {|#1:q.Request(1)|}; await Task.Yield(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task FrameworkCallsOnOneObject_StayFindingsOfTheirOwn()
        {
            // Each read and write of a stream blocks by itself.
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Stream s, byte[] b) { {|#0:s.Write(b, 0, 1)|}; {|#1:s.Flush()|}; await Task.Yield(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null),
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task ALaterCall_IsNotReportedByItself()
        {
            // Only the first call of the object carries a finding; the second is one of its additional locations.
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p) { await p.RequestAsync(1); {|#0:p.Request(2)|}; {|#1:p.Request(3)|}; } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithLocation(1).WithMessage(null));
        }

        [Fact]
        public Task ALaterCallThatIsNotAFinding_IsNotInTheGroup()
        {
            // The later call is deliberate (its peer rule is suppressed there): neither reported nor converted.
            var source = Usings + Subscriber + "class C { async Task M(Sub p) { {|#0:p.Request(1)|};\n#pragma warning disable VSTHRD103\n        p.Cancel();\n#pragma warning restore VSTHRD103\n        await Task.Yield(); } }";
            return Verify.VerifyAnalyzerAsync(
                source,
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                    .WithArguments("Sub.Request", "'C.M'", "use 'await p.RequestAsync(1)'"));
        }

        [Fact]
        public Task CallsOnOneObjectInSynchronousCode_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { void M(Sub p) { p.Request(1); p.Cancel(); } }");
        }

        [Fact]
        public Task ALaterCallOnTheSynchronousSideOfADualModeMethod_IsNotInTheGroup()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + Subscriber + "class C { async Task M(Sub p, bool async) { {|#0:p.Request(1)|}; if (async) await p.CancelAsync(); else p.Cancel(); } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                    .WithArguments("Sub.Request", "'C.M'", "use 'await p.RequestAsync(1)'"));
        }
    }
}
