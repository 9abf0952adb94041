using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class AwaitInsteadOfBlockingTests
    {
        private static Task VerifyReported(string member, string call, string owner, string replacement = "await", bool adviceIsComplete = false)
        {
            var source = Usings + "class C { " + member + " }";
            var advice = adviceIsComplete ? replacement : "use '" + replacement + "' instead";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments(call, owner, advice));
        }

        [Theory]
        [InlineData("async Task M(Task<int> t) { var x = {|#0:t.Result|}; }", "Task<int>.Result")]
        [InlineData("async Task M(Task<string> t) { var n = {|#0:t.Result|}.Length; }", "Task<string>.Result")]
        [InlineData("async Task M(ValueTask<int> t) { var x = {|#0:t.Result|}; }", "ValueTask<int>.Result")]
        [InlineData("async Task M(Task t) { {|#0:t.Wait()|}; }", "Task.Wait")]
        [InlineData("async Task M(Task<int> t) { {|#0:t.Wait()|}; }", "Task.Wait")]
        [InlineData("async Task M(Task t) { {|#0:t.Wait(100)|}; }", "Task.Wait")]
        [InlineData("async Task M(Task t) { var ok = {|#0:t.Wait(TimeSpan.FromSeconds(1))|}; }", "Task.Wait")]
        [InlineData("async Task M(Task t, CancellationToken ct) { {|#0:t.Wait(ct)|}; }", "Task.Wait")]
        [InlineData("async Task M(Task t, CancellationToken ct) { {|#0:t.Wait(5, ct)|}; }", "Task.Wait")]
        [InlineData("async Task M(Task t) { {|#0:t.GetAwaiter().GetResult()|}; }", "Task.GetAwaiter().GetResult()")]
        [InlineData("async Task M(Task<int> t) { var x = {|#0:t.GetAwaiter().GetResult()|}; }", "Task<int>.GetAwaiter().GetResult()")]
        [InlineData("async Task M(Task<int> t) { var x = {|#0:t.ConfigureAwait(false).GetAwaiter().GetResult()|}; }", "Task<int>.GetAwaiter().GetResult()")]
        [InlineData("async Task M(ValueTask t) { {|#0:t.GetAwaiter().GetResult()|}; }", "ValueTask.GetAwaiter().GetResult()")]
        [InlineData("async Task M(ValueTask<int> t) { var x = {|#0:t.GetAwaiter().GetResult()|}; }", "ValueTask<int>.GetAwaiter().GetResult()")]
        [InlineData("async Task M(ValueTask<int> t) { var x = {|#0:t.ConfigureAwait(true).GetAwaiter().GetResult()|}; }", "ValueTask<int>.GetAwaiter().GetResult()")]
        [InlineData("async Task M(Func<Task<int>> f) { var x = {|#0:f().Result|}; }", "Task<int>.Result")]
        [InlineData("async Task M(Task<Task<int>> t) { var x = {|#0:t.Result|}; }", "Task<Task<int>>.Result")]
        public Task BlockingShape_IsReported(string member, string call)
            => VerifyReported(member, call, "'C.M'");

        [Theory]
        [InlineData("async Task M(Task a, Task b) { {|#0:Task.WaitAll(a, b)|}; }", "Task.WaitAll", "await Task.WhenAll")]
        [InlineData("async Task M(Task[] all) { {|#0:Task.WaitAll(all)|}; }", "Task.WaitAll", "await Task.WhenAll")]
        [InlineData("async Task M(Task[] all) { var ok = {|#0:Task.WaitAll(all, 100)|}; }", "Task.WaitAll", "await Task.WhenAll")]
        [InlineData("async Task M(Task a, Task b) { {|#0:Task.WaitAny(a, b)|}; }", "Task.WaitAny", "await Task.WhenAny")]
        [InlineData("async Task M(Task[] all) { var i = {|#0:Task.WaitAny(all)|}; }", "Task.WaitAny", "await Task.WhenAny")]
        [InlineData("async Task M(Task[] all) { var i = {|#0:Task.WaitAny(all, TimeSpan.FromSeconds(1))|}; }", "Task.WaitAny", "await Task.WhenAny")]
        [InlineData("async Task M(Task[] all) { {|#0:System.Threading.Tasks.Task.WaitAll(all)|}; }", "Task.WaitAll", "await Task.WhenAll")]
        public Task WaitAllAndWaitAny_AreReported(string member, string call, string replacement)
            => VerifyReported(member, call, "'C.M'", replacement);

        [Theory]
        [InlineData("async Task M(Task<int> t) { var x = {|#0:t.Result|}; }", "'C.M'")]
        [InlineData("async Task<int> M(Task<int> t) { return {|#0:t.Result|}; }", "'C.M'")]
        [InlineData("async ValueTask M(Task<int> t) { var x = {|#0:t.Result|}; }", "'C.M'")]
        [InlineData("async ValueTask<int> M(Task<int> t) { return {|#0:t.Result|}; }", "'C.M'")]
        [InlineData("async void OnClick(object sender, EventArgs e) { var x = {|#0:Source.Result|}; } static Task<int> Source = Task.Run(() => 1);", "'C.OnClick'")]
        [InlineData("async IAsyncEnumerable<int> M(Task<int> t) { yield return {|#0:t.Result|}; await Task.Yield(); }", "'C.M'")]
        [InlineData("Task<int> M(Task<int> t) { return Task.FromResult({|#0:t.Result|}); }", "'C.M'")]
        [InlineData("ValueTask<int> M(Task<int> t) => new ValueTask<int>({|#0:t.Result|});", "'C.M'")]
        [InlineData("void M(Task<int> t) { Func<Task> f = async () => Console.WriteLine({|#0:t.Result|}); }", "the lambda in 'C.M'")]
        [InlineData("void M(Task<int> t) { Func<Task> f = async delegate { Console.WriteLine({|#0:t.Result|}); }; }", "the lambda in 'C.M'")]
        [InlineData("void M(Task<int> t) { async Task Local() { Console.WriteLine({|#0:t.Result|}); } }", "'Local'")]
        [InlineData("void M(Task<int> t) { Task.Run(async () => Console.WriteLine({|#0:t.Result|})); }", "the lambda in 'C.M'")]
        [InlineData("void M(Task<int> t) { Func<Task<int>> f = () => Task.FromResult({|#0:t.Result|}); }", "the lambda in 'C.M'")]
        [InlineData("static async Task Main() { {|#0:Task.Delay(1).Wait()|}; }", "'C.Main'")]
        public Task BlockingWait_InEveryAsyncContext_IsReported(string member, string owner)
        {
            var call = member.Contains(".Wait()") ? "Task.Wait" : "Task<int>.Result";
            return VerifyReported(member, call, owner);
        }

        [Fact]
        public Task TopLevelStatementsThatAwait_AreReported()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "var t = Task.Run(() => 1);\nConsole.WriteLine({|#0:t.Result|});\nawait Task.Yield();\n",
                FixedCode = Usings + "var t = Task.Run(() => 1);\nConsole.WriteLine(await t);\nawait Task.Yield();\n",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", "top-level statements", "use 'await' instead"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("async Task M(List<Task<int>> tasks) { var all = tasks.Select(t => {|#0:t.Result|}).ToList(); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var all = tasks.Select(t => {|#0:t.Result|}).ToArray(); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var sum = tasks.Sum(t => {|#0:t.Result|}); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var first = tasks.First(t => {|#0:t.Result|} > 0); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var n = tasks.Where(t => {|#0:t.Result|} > 0).Count(); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { foreach (var x in tasks.Select(t => {|#0:t.Result|})) { } }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var s = string.Join(\",\", tasks.Select(t => {|#0:t.Result|})); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task<int>> tasks) { var l = new List<int>(tasks.Select(t => {|#0:t.Result|})); }", "Task<int>.Result")]
        [InlineData("async Task M(List<Task> tasks) { tasks.ForEach(t => {|#0:t.Wait()|}); }", "Task.Wait")]
        [InlineData("async Task M(Task[] tasks) { Array.ForEach(tasks, t => {|#0:t.Wait()|}); }", "Task.Wait")]
        [InlineData("async Task M(List<List<Task<int>>> groups) { var sums = groups.Select(g => g.Sum(t => {|#0:t.Result|})).ToList(); }", "Task<int>.Result")]
        public Task SyncLambdaThatRunsInline_IsReportedForTheOuterFunction(string member, string call)
            => VerifyReported(member, call, "'C.M'");

        [Fact]
        public Task LockExpressionItself_KeepsTheAwaitAdvice()
            => VerifyReported("async Task M(Task<object> t) { lock ({|#0:t.Result|}) { } }", "Task<object>.Result", "'C.M'");

        [Fact]
        public Task AsyncLambdaInsideLock_IsNamedAfterItsMethod_AndKeepsTheAwaitAdvice()
            => VerifyReported("void M(Task<int> t, object gate) { lock (gate) { Func<Task> f = async () => Console.WriteLine({|#0:t.Result|}); } }", "Task<int>.Result", "the lambda in 'C.M'");

        [Fact]
        public Task LambdaInLocalFunction_IsNamedAfterTheLocalFunction()
            => VerifyReported("void M(Task<int> t) { void Local() { Func<Task> f = async () => Console.WriteLine({|#0:t.Result|}); } }", "Task<int>.Result", "the lambda in 'Local'");

        [Fact]
        public Task NestedLambda_IsNamedAfterTheMethodItIsWrittenIn()
            => VerifyReported("void Load(Task<int> t) { Func<Func<Task>> f = () => async () => Console.WriteLine({|#0:t.Result|}); }", "Task<int>.Result", "the lambda in 'C.Load'");

        [Fact]
        public Task LambdaInFieldInitializer_IsNamedAfterTheField()
            => VerifyReported("static Task<int> T = Task.Run(() => 1); Func<Task> f = async () => Console.WriteLine({|#0:T.Result|});", "Task<int>.Result", "the lambda in 'C.f'");

        [Fact]
        public Task InQueryClause_SaysToMoveItOutOfTheClause()
            => VerifyReported(
                "async Task M(List<Task<int>> tasks) { var l = (from t in tasks select {|#0:t.Result|}).ToList(); }",
                "Task<int>.Result",
                "'C.M'",
                "move it out of the query clause ('await' cannot be used there), then use 'await'",
                adviceIsComplete: true);

        [Fact]
        public Task InlineLambdaInAsyncLambda_NamesTheAsyncLambda()
            => VerifyReported("void M(List<Task<int>> tasks) { Func<Task<int>> f = async () => tasks.Sum(t => {|#0:t.Result|}); }", "Task<int>.Result", "the lambda in 'C.M'");

        [Theory]
        [InlineData("async Task M(Task<int> t, bool b) { if (b) await t; var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t, Func<Task<int>> next) { await t; t = next(); var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t) { try { await t; } catch { } var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t, bool b) { if (t.IsCompleted || b) { var x = {|#0:t.Result|}; } }")]
        [InlineData("async Task M(Task<int> t) { if (!t.IsCompleted) { var x = {|#0:t.Result|}; } }")]
        [InlineData("async Task M(Task<int> t) { if (t.Status == TaskStatus.Faulted) { var x = {|#0:t.Result|}; } }")]
        [InlineData("async Task M(Task<int> t) { if (t.Status != TaskStatus.RanToCompletion) { var x = {|#0:t.Result|}; } }")]
        [InlineData("async Task M(Task<int> t) { Func<Task> f = async () => await t; var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t, Task<int> u) { await u; var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { await Task.WhenAny(a, b); var x = {|#0:a.Result|}; }")]
        [InlineData("async Task M(Task<int>[] a, Task<int>[] b) { await Task.WhenAll(a); var x = {|#0:b[0].Result|}; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks.Take(1)); var x = {|#0:tasks[1].Result|}; }")]
        [InlineData("async Task M(List<Task<int>> tasks, Task<int> extra) { await Task.WhenAll(tasks); tasks.Add(extra); var x = tasks.Sum(t => {|#0:t.Result|}); }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks.Where(t => t.Id > 1)); var x = tasks.Sum(t => {|#0:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t, Func<Task<int>> next) { await t; for (var i = 0; i < 3; i++) { var x = {|#0:t.Result|}; t = next(); } }")]
        [InlineData("async Task M(Task<int> t, bool b) { while (b) { await t; } var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t, bool b) { var y = b && await t > 0; var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t) { var x = {|#0:t.Result|}; await t; }")]
        [InlineData("async Task M(Task<int> t) { var x = t.IsCompleted ? 0 : {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t) { if (!t.IsCompleted) Console.WriteLine(); var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int>[] tasks, Task<int> extra) { await Task.WhenAll(tasks); tasks[0] = extra; var x = {|#0:tasks[0].Result|}; }")]
        [InlineData("async Task M(Task<int> t) { var u = Task.FromResult(1); await u; var x = {|#0:t.Result|}; }")]
        [InlineData("async Task M(Task<int> t, List<int> xs, Func<Task<int>> next) { await t; xs.ForEach(x => { Console.WriteLine({|#0:t.Result|}); t = next(); }); }")]
        [InlineData("async Task M(Task<int> t) { switch (t.Status) { case TaskStatus.RanToCompletion: case TaskStatus.Faulted: Console.WriteLine({|#0:t.Result|}); break; } }")]
        [InlineData("async Task M(Task<int> t) { switch (t.Status) { case TaskStatus.Faulted: break; default: Console.WriteLine({|#0:t.Result|}); break; } }")]
        [InlineData("async Task M(Task<int> t, Task<int> u) { switch (u.Status) { case TaskStatus.RanToCompletion: Console.WriteLine({|#0:t.Result|}); break; } }")]
        [InlineData("Task<int> cache = Task.Run(() => 1); async Task M(Func<Task<int>> reload) { await cache; cache = reload(); var x = {|#0:cache.Result|}; }")]
        [InlineData("async Task M(C other) { await other.cache; var x = {|#0:other.cache.Result|}; } Task<int> cache = Task.Run(() => 1);")]
        public Task NotProvablyComplete_IsReported(string member)
            => VerifyReported(member, "Task<int>.Result", "'C.M'");

        [Fact]
        public Task WaitWithTimeout_DoesNotProveCompletion()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Task<int> t) { {|#0:t.Wait(100)|}; var x = {|#1:t.Result|}; } }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.Wait", "'C.M'", "use 'await' instead"),
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(1).WithArguments("Task<int>.Result", "'C.M'", "use 'await' instead"));
        }

        [Theory]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.False(t.IsCompleted); Console.WriteLine({|#0:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t) { System.Diagnostics.Debug.Assert(t.IsCompleted); Console.WriteLine({|#0:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t, Task<int> u) { Xunit.Assert.True(u.IsCompleted); Console.WriteLine({|#0:t.Result|}); }")]
        public Task AssertionsThatDoNotProveCompletion_AreReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + FakeXunit + "class C { " + member + " }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", "'C.M'", "use 'await' instead"));
        }
    }
}
