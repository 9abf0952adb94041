using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes of wrong findings left on real code after issue 11's first pass: a task compared by reference with the result of
    /// an awaited Task.WhenAny, a do-while whose condition follows an awaited WhenAny, the repository's own assertion
    /// wrappers, and their look-alikes that must stay reported.
    /// </summary>
    public class RealCodeCausesTests
    {
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public static class Assert { public static void True(bool condition, string message = null) { } public static void False(bool condition, string message = null) { } } }\n";

        private static Task NoFinding<TAnalyzer>(string source)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
            => Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(Usings + FakeXunit + source);

        private static Task Findings<TAnalyzer>(string source, string id, int count = 1)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + FakeXunit + source };
            for (var i = 0; i < count; i++)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id).WithLocation(i).WithMessage(null));
            }

            return test.RunAsync();
        }

        // ---------------------------------------------------------------- the task WhenAny handed back

        [Theory]
        [InlineData("async Task<int> M(Task<int> t) { if (await Task.WhenAny(t, Task.Delay(100)) == t) return t.Result; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(t, Task.Delay(100)); if (done == t) return t.Result; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(t, Task.Delay(100)).ConfigureAwait(false); if (t != done) throw new TimeoutException(); return t.Result; }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(Task.Delay(100), t); return done == t && t.Result > 0 ? 1 : 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { Task done; done = await Task.WhenAny(t, Task.Delay(100)); if (done != t) return -1; return t.GetAwaiter().GetResult(); }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(t, Task.Delay(100)); if (done == t) { Console.WriteLine(); return t.Result; } return 0; }")]
        public Task TaskSameAsTheOneWhenAnyReturned_IsNotReported(string member)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }");

        [Theory]
        [InlineData("async Task<int> M(Task<int> t, Task other) { await Task.Yield(); if (other == t) return {|#0:t.Result|}; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(t, Task.Delay(100)); if (done != t) return {|#0:t.Result|}; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t, Task<int> u) { var done = await Task.WhenAny(t, u); if (done == u) return {|#0:t.Result|}; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t, bool b) { var done = await Task.WhenAny(t, Task.Delay(100)); if (b) done = Task.Delay(5); if (done == t) return {|#0:t.Result|}; return 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { Task done = Task.Delay(1); if (done == t) return {|#0:t.Result|}; await Task.Yield(); return 0; }")]
        [InlineData("async Task<int> M(Task<int> t) { var done = await Task.WhenAny(t, Task.Delay(100)); Func<int> f = () => done == t ? 0 : 1; if (done == t || f() > 0) return {|#0:t.Result|}; return 0; }")]
        public Task TaskComparedWithAnUnknownTask_IsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        // ---------------------------------------------------------------- do-while conditions after the body's await

        [Theory]
        [InlineData("async Task M(Task<bool>[] reads) { Task<bool> read; do { Console.WriteLine(); read = await Task.WhenAny(reads); } while (read.Result); }")]
        [InlineData("async Task M(Task<bool> read, Func<Task<bool>> next) { do { read = next(); await read; } while (read.Result); }")]
        [InlineData("async Task M(Task<bool>[] reads, CancellationToken ct) { Task<bool> read; do { read = await Task.WhenAny(reads).ConfigureAwait(false); } while (read.Result && !ct.IsCancellationRequested); }")]
        [InlineData("async Task M(Task<bool>[] reads) { Task<bool> read; do { await Task.Delay(1); read = await Task.WhenAny(reads); Console.WriteLine(); } while (read.Result); }")]
        public Task DoWhileConditionAfterTheAwaitInTheBody_IsNotReported(string member)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }");

        [Theory]
        [InlineData("async Task M(Task<bool>[] reads, bool skip) { Task<bool> read = reads[0]; do { if (skip) continue; read = await Task.WhenAny(reads); } while ({|#0:read.Result|}); }")]
        [InlineData("async Task M(Task<bool>[] reads, bool b) { Task<bool> read = reads[0]; do { if (b) read = await Task.WhenAny(reads); } while ({|#0:read.Result|}); }")]
        [InlineData("async Task M(Task<bool>[] reads, Func<Task<bool>> next) { Task<bool> read; do { read = await Task.WhenAny(reads); read = next(); } while ({|#0:read.Result|}); }")]
        [InlineData("async Task M(Task<bool>[] reads) { Task<bool> read = reads[0]; while ({|#0:read.Result|}) { read = await Task.WhenAny(reads); } }")]
        public Task DoWhileConditionWithoutADefiniteAwait_IsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        // ---------------------------------------------------------------- the repository's own assertion wrappers

        private const string Wrappers = """
            static class SpecExtensions
            {
                public static void ShouldBeTrue(this bool b, string message = null) { Xunit.Assert.True(b, message); }
                public static void ShouldBeFalse(this bool b, string message = null) { Xunit.Assert.False(b, message); }
                public static void MustHold(bool condition) { if (!condition) throw new InvalidOperationException(); }
                public static void Expect(this bool b) => Xunit.Assert.True(b);
                public static void Log(this bool b) { Console.WriteLine(b); }
                public static void AssertedOther(bool b, bool c) { Xunit.Assert.True(c); }
            }

            """;

        [Theory]
        [InlineData("async Task M(Task<int> t) { {|#0:t.Wait(TimeSpan.FromSeconds(1))|}.ShouldBeTrue(); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { SpecExtensions.MustHold({|#0:t.Wait(1000)|}); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { {|#0:t.Wait(1000)|}.Expect(); Console.WriteLine(t.GetAwaiter().GetResult()); }")]
        [InlineData("async Task M(Task<int> t, Task u) { t.IsCompleted.ShouldBeTrue(); Console.WriteLine(t.Result); {|#0:u.Wait(1)|}.ShouldBeTrue(); }")]
        public Task WaitAssertedByARepositoryWrapper_OnlyTheWaitIsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>(Wrappers + "class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        [Fact]
        public async Task WaitAssertedByAShouldBeTrueOfAReferencedAssembly_OnlyTheWaitIsReported()
        {
            // The test kit's assertion lives in another project: its body cannot be read, its name says what it does.
            var test = new Verifiers.CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Test { TestCode = "using Kit;\n" + Usings + "class C { async Task M(Task<int> t) { {|#0:t.Wait(1000)|}.ShouldBeTrue(); Console.WriteLine(t.Result); } }" };
            test.TestState.AdditionalProjects["TestKit"].Sources.Add("namespace Kit { public static class SpecExtensions { public static void ShouldBeTrue(this bool b) { } } }");
            test.TestState.AdditionalProjectReferences.Add("TestKit");
            test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            await test.RunAsync();
        }

        [Fact]
        public async Task ShouldBeTrueThatReturnsAValue_LeavesTheReadReported()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Test { TestCode = "using Kit;\n" + Usings + "class C { async Task M(Task<int> t) { _ = {|#0:t.Wait(1000)|}.ShouldBeTrue(); Console.WriteLine({|#1:t.Result|}); } }" };
            test.TestState.AdditionalProjects["TestKit"].Sources.Add("namespace Kit { public static class SpecExtensions { public static bool ShouldBeTrue(this bool b) => b; } }");
            test.TestState.AdditionalProjectReferences.Add("TestKit");
            test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(1).WithMessage(null));
            await test.RunAsync();
        }

        [Fact]
        public Task Fix_WaitAssertedByARepositoryWrapper_BecomesAwaitWaitAsync()
        {
            return Verifiers.CSharpCodeFixVerifier<AwaitInsteadOfBlockingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>.VerifyCodeFixAsync(
                Usings + FakeXunit + Wrappers + "class C { async Task M(Task<int> t) {\n        [|t.Wait(1000)|].ShouldBeTrue(); // bounded\n        Console.WriteLine(t.Result); } }",
                Usings + FakeXunit + Wrappers + "class C { async Task M(Task<int> t) {\n        await t.WaitAsync(TimeSpan.FromMilliseconds(1000)); // bounded\n        Console.WriteLine(t.Result); } }");
        }

        [Theory]
        [InlineData("async Task M(Task<int> t) { {|#0:t.Wait(1000)|}.Log(); Console.WriteLine({|#1:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t) { SpecExtensions.AssertedOther({|#0:t.Wait(1000)|}, true); Console.WriteLine({|#1:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t, Task u) { t.IsCompleted.ShouldBeFalse(); Console.WriteLine({|#0:t.Result|}); {|#1:u.Wait(1)|}.Log(); }")]
        public Task BoolHelperThatDoesNotAssertTrue_LeavesTheReadReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>(Wrappers + "class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking, count: 2);

        // The repository's own ShouldBeFalse asserts the wait timed out: the wait is the check, the later read is reported.
        [Fact]
        public Task OwnHelperAssertingTheWaitTimedOut_LeavesOnlyTheReadReported()
            => Findings<AwaitInsteadOfBlockingAnalyzer>(Wrappers + "class C { async Task M(Task<int> t) { t.Wait(1000).ShouldBeFalse(); Console.WriteLine({|#0:t.Result|}); } }", DiagnosticIds.AwaitInsteadOfBlocking);

        // ---------------------------------------------------------------- a constant argument that switches the blocking branch off

        private const string Helpers = "bool Bad; void Bind() { Thread.Sleep(1); } int Load() { Thread.Sleep(1); return 1; }\n";

        [Theory]
        [InlineData("async Task Use() { Process(validate: false); await Task.Yield(); } void Process(bool validate) { Console.WriteLine(); if (validate) Thread.Sleep(1); }")]
        [InlineData("async Task Use() { Process(false); await Task.Yield(); } void Process(bool validate) { if (!validate) return; Thread.Sleep(1); }")]
        [InlineData("async Task Use() { Process(1, check: false); await Task.Yield(); } void Process(int n, bool check) { if (n > 0 && check) Thread.Sleep(1); }")]
        [InlineData("async Task Use() { Console.WriteLine(Process(false)); await Task.Yield(); } int Process(bool load) => load ? Load() : 0;")]
        [InlineData("async Task Use() { Process(false); await Task.Yield(); } void Process(bool validate) { for (var i = 0; i < 3; i++) { if (validate) Bind(); } }")]
        [InlineData("async Task Use() { Process(true); await Task.Yield(); } void Process(bool skip) { if (skip == false) { Bind(); } }")]
        public Task ConstantArgumentThatSwitchesOffEveryBlockingSite_IsNotReported(string members)
            => NoFinding<MakeHelperChainAsyncAnalyzer>("class C { " + Helpers + members + " }");

        [Theory]
        [InlineData("async Task Use() { {|#0:Process(validate: true)|}; await Task.Yield(); } void Process(bool validate) { if (validate) Thread.Sleep(1); }")]
        [InlineData("async Task Use(bool flag) { {|#0:Process(flag)|}; await Task.Yield(); } void Process(bool validate) { if (validate) Thread.Sleep(1); }")]
        [InlineData("async Task Use() { {|#0:Process(false)|}; await Task.Yield(); } void Process(bool validate) { if (validate) Console.WriteLine(); Thread.Sleep(1); }")]
        [InlineData("async Task Use() { {|#0:Process(false)|}; await Task.Yield(); } void Process(bool validate) { validate = !validate; if (validate) Thread.Sleep(1); }")]
        [InlineData("async Task Use() { {|#0:Process(false)|}; await Task.Yield(); } void Process(bool validate) { if (validate || Bad) Bind(); }")]
        [InlineData("async Task Use() { {|#0:Process(false)|}; await Task.Yield(); } void Process(bool validate) { if (validate) Bind(); else Console.WriteLine(Load()); }")]
        public Task ConstantArgumentThatLeavesABlockingSite_IsReported(string members)
            => Findings<MakeHelperChainAsyncAnalyzer>("class C { " + Helpers + members + " }", DiagnosticIds.MakeHelperChainAsync);

        // ---------------------------------------------------------------- the async twin backed by its own synchronous method

        [Theory]
        [InlineData("class C { public Task CancelAsync() { {|#0:Cancel()|}; return Task.CompletedTask; } public void Cancel() { Thread.Sleep(1); } }", "CancelAsync", "Cancel")]
        [InlineData("class C { public static Task FlushAsync() { {|#0:Flush()|}; return Task.CompletedTask; } static void Flush() { Thread.Sleep(1); } }", "FlushAsync", "Flush")]
        [InlineData("class C<T> { public Task<int> ReadAsync(T item) => Task.FromResult({|#0:Read(item)|}); int Read(T item) { Thread.Sleep(1); return 0; } }", "ReadAsync", "Read")]
        public Task AsyncTwinBackedByItsSyncMethod_IsReportedWithoutAFix(string source, string twin, string callee)
        {
            // Its callers await it and block all the same; the only async form of the callee is the method itself.
            var test = new Verifiers.CSharpCodeFixVerifier<MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>.Test
            {
                TestCode = Usings + source,
                FixedCode = Usings + source,
            };
            test.ExpectedDiagnostics.Add(Verifiers.CSharpCodeFixVerifier<MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>
                .Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0)
                .WithArguments(callee, callee + " -> Thread.Sleep; this call is inside '" + twin + "', the async form of '" + callee + "' itself, which runs it synchronously: no fix is offered (awaiting '"
                    + twin + "' here would call itself); make the blocking work async and await it here"));
            return test.RunAsync();
        }

        [Theory]
        // The twin calls its synchronous method only on a fast path, beside its own async work.
        [InlineData("class C { byte[]? buffer; public Task<int> ReadAsync(int n) { if (buffer is not null) return Task.FromResult(Read(n)); return Core(n); } async Task<int> Core(int n) { await Task.Delay(n); return n; } public int Read(int n) { if (buffer is not null) return n; Thread.Sleep(n); return n; } }")]
        [InlineData("class C { public Task<int> ReadAsync(bool cached) => cached ? Task.FromResult(Read()) : Task.Run(Read); public int Read() { Thread.Sleep(1); return 1; } }")]
        [InlineData("class C { public Task FlushAsync(bool sync) { while (sync) { Flush(); sync = false; } return Task.CompletedTask; } public void Flush() { Thread.Sleep(1); } }")]
        public Task AsyncTwinThatCallsItsSyncMethodOnAFastPath_IsNotReported(string source)
            => NoFinding<MakeHelperChainAsyncAnalyzer>(source);

        [Theory]
        [InlineData("class C { public Task StopAsync() { {|#0:Cancel()|}; return Task.CompletedTask; } public void Cancel() { Thread.Sleep(1); } }")]
        [InlineData("class C { public void Cancel() { Thread.Sleep(1); } } class D { public Task CancelAsync(C c) { {|#0:c.Cancel()|}; return Task.CompletedTask; } }")]
        [InlineData("class C { public Task FlushAsync() { {|#0:Flush()|}; return Task.CompletedTask; } static void Flush() { Thread.Sleep(1); } }")]
        public Task SyncCallInAnotherAsyncMethod_IsReported(string source)
            => Findings<MakeHelperChainAsyncAnalyzer>(source, DiagnosticIds.MakeHelperChainAsync);

        // ---------------------------------------------------------------- one dotnet format pass forwards tokens wherever it can

        [Fact]
        public Task FixAll_FirstSiteHasNoToken_OtherSitesStillGetTheirToken()
        {
            return Verifiers.CSharpCodeFixVerifier<UseAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>.VerifyCodeFixAsync(
                Usings + "class C {\n    async Task A(string p) { [|System.IO.File.WriteAllText(p, \"x\")|]; }\n    async Task B(string p, CancellationToken ct) { [|System.IO.File.WriteAllText(p, \"y\")|]; }\n}",
                Usings + "class C {\n    async Task A(string p) { await System.IO.File.WriteAllTextAsync(p, \"x\"); }\n    async Task B(string p, CancellationToken ct) { await System.IO.File.WriteAllTextAsync(p, \"y\", ct); }\n}");
        }

        [Fact]
        public Task FixAll_FirstSleepHasNoToken_OtherSleepsStillGetTheirToken()
        {
            return Verifiers.CSharpCodeFixVerifier<UseTaskDelayAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>.VerifyCodeFixAsync(
                Usings + "class C {\n    async Task A() { [|Thread.Sleep(1)|]; }\n    async Task B(CancellationToken ct) { [|Thread.Sleep(2)|]; }\n}",
                Usings + "class C {\n    async Task A() { await Task.Delay(1); }\n    async Task B(CancellationToken ct) { await Task.Delay(2, ct); }\n}");
        }
    }
}
