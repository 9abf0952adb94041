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
        private static Task VerifyNotReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");
        }

        [Fact]
        public Task ResultAfterAReportedWait_IsNotReportedAgain()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Task<int> t) { {|#0:t.Wait()|}; var x = t.Result; var y = t.GetAwaiter().GetResult(); } }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.Wait", "'C.M'", "use 'await' instead"));
        }

        [Fact]
        public Task SecondResultOfTheSameTask_IsNotReportedAgain()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Task<int> t) { var x = {|#0:t.Result|}; var y = t.Result + 1; } }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", "'C.M'", "use 'await' instead"));
        }

        [Fact]
        public Task WaitAllOverACopyMakesTheCollectionComplete()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(List<Task<int>> tasks) { {|#0:Task.WaitAll(tasks.ToArray())|}; var sum = tasks.Sum(t => t.Result); } }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.WaitAll", "'C.M'", "use 'await Task.WhenAll' instead"));
        }

        [Fact]
        public Task WaitAllMakesItsTasksComplete()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Task<int> a, Task<int> b) { {|#0:Task.WaitAll(a, b)|}; var x = a.Result + b.Result; } }",
                Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.WaitAll", "'C.M'", "use 'await Task.WhenAll' instead"));
        }

        [Theory]
        [InlineData("void M(Task<int> t) { var x = t.Result; t.Wait(); t.GetAwaiter().GetResult(); Task.WaitAll(t); Task.WaitAny(t); }")]
        [InlineData("int M(Task<int> t) => t.Result;")]
        [InlineData("C(Task t) { t.Wait(); }")]
        [InlineData("static C() { Task.Delay(1).Wait(); }")]
        [InlineData("static void Main() { Task.Delay(1).Wait(); }")]
        [InlineData("int P => Task.FromResult(1).Result + Load().Result; static Task<int> Load() => Task.FromResult(2);")]
        [InlineData("async Task M(Task<int> t) { await Task.Run(() => t.Result); }")]
        [InlineData("async Task M(Task t) { await Task.Run(() => t.Wait()); }")]
        [InlineData("async Task M(Task t) { await Task.Factory.StartNew(() => t.Wait()); }")]
        [InlineData("async Task M(Task t) { new Thread(() => t.Wait()).Start(); }")]
        [InlineData("async Task M(Task t) { ThreadPool.QueueUserWorkItem(_ => t.Wait()); }")]
        [InlineData("async Task M(Task<int> t) { Func<int> f = () => t.Result; }")]
        [InlineData("async Task M(Task<int> t) { int Local() => t.Result; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { var deferred = tasks.Select(t => t.Result); }")]
        [InlineData("async Task<IEnumerable<int>> M(List<Task<int>> tasks) { await Task.Yield(); return tasks.Select(t => t.Result); }")]
        [InlineData("async Task M(List<Task<int>> tasks) { Consume(tasks.Select(t => t.Result)); } static void Consume(IEnumerable<int> xs) { }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.Run(() => tasks.Select(t => t.Result).ToList()); }")]
        [InlineData("void M(List<Task<int>> tasks) { var all = tasks.Select(t => t.Result).ToList(); }")]
        [InlineData("async Task M() { System.Linq.Expressions.Expression<Func<Task<int>, int>> e = t => t.Result; }")]
        [InlineData("async Task M() { var n = nameof(Task<int>.Result); }")]
        [InlineData("async Task M() { var n = nameof(Task.Wait); }")]
        [InlineData("async Task M(Lazy<int> lazy) { var x = lazy.Value; }")]
        [InlineData("async Task M(Task t) { await t.WaitAsync(TimeSpan.FromSeconds(1)); }")]
        [InlineData("async Task M(SemaphoreSlim gate) { await gate.WaitAsync(); }")]
        [InlineData("async Task M(System.Runtime.CompilerServices.TaskAwaiter<int> awaiter) { var x = awaiter.GetResult(); }")]
        public Task NotAnAsyncPath_IsNotReported(string member)
            => VerifyNotReported(member);

        [Theory]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.True(t.IsCompleted); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.False(!t.IsCompletedSuccessfully); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.True(t.Status == TaskStatus.RanToCompletion); t.Wait(); }")]
        public Task TestAssertionThatTheTaskCompleted_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + FakeXunit + "class C { " + member + " }");

        [Fact]
        public Task UserTypesNamedTask_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                namespace Mine
                {
                    class Task<T> { public T Result => default!; public void Wait() { } }
                    class Awaiter { public int GetResult() => 1; }
                    class Job { public Awaiter GetAwaiter() => new Awaiter(); }
                    class C
                    {
                        async System.Threading.Tasks.Task M(Task<int> t, Job job)
                        {
                            var x = t.Result;
                            t.Wait();
                            var y = job.GetAwaiter().GetResult();
                            await System.Threading.Tasks.Task.Yield();
                        }
                    }
                }
                """);
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("""
                // <auto-generated/>
                using System.Threading.Tasks;
                class C { async Task M(Task<int> t) { var x = t.Result; } }
                """);
        }

        [Fact]
        public Task IncompleteCode_DoesNotCrash()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(Task<int> t) { var a = {|#0:t.Result|}.; t.Wait(; {|#1:Task.WaitAll(|}; var b = Undefined.Result; t.GetAwaiter().GetResult(",
            };
            test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
            // Calls that already bind are reported like finished ones; the rest are skipped.
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", "'C.M'", "use 'await' instead"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(1).WithArguments("Task.WaitAll", "'C.M'", "use 'await Task.WhenAll' instead"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("async Task M(Task<int> t) { await t; var x = t.Result; }")]
        [InlineData("async Task M(Task<int> t) { await t.ConfigureAwait(false); var x = t.Result; }")]
        [InlineData("async Task M(Task<int> t) { var first = await t; var x = t.GetAwaiter().GetResult(); }")]
        [InlineData("async Task M(Task<int> t) { Console.WriteLine(await t); t.Wait(); }")]
        [InlineData("async Task M(ValueTask<int> t) { await t; var x = t.Result; }")]
        [InlineData("async Task M(Task<int> t, bool b) { await t; if (b) { foreach (var i in new[] { 1 }) { var x = t.Result; } } }")]
        [InlineData("async Task M(Task<int> t) { await t; var x = 0; x += 1; Console.WriteLine(x + t.Result); }")]
        [InlineData("async Task M(Task<int> t) { try { await t; var x = t.Result; } catch { } }")]
        [InlineData("async Task M(Task<int> t) { await t; try { Console.WriteLine(); } finally { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t, int k) { await t; switch (k) { case 1: var x = t.Result; break; } }")]
        [InlineData("async Task M(Task<int> t) { { await t; } var x = t.Result; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { await Task.WhenAll(a, b); var x = a.Result + b.Result; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { await Task.WhenAll(new[] { a, b }); var x = b.Result; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { var all = await Task.WhenAll(a, b).ConfigureAwait(false); var x = a.Result; }")]
        [InlineData("async Task M(Task<int>[] tasks) { await Task.WhenAll(tasks); var x = tasks[0].Result; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks); var x = tasks[0].Result; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks.ToArray()); var x = tasks[0].Result; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks.AsEnumerable()); var sum = tasks.Sum(t => t.Result); }")]
        [InlineData("async Task M(Task<int>[] tasks) { await Task.WhenAll(tasks.ToList()); var sum = tasks.Sum(t => t.Result); }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks); var sum = 0; foreach (var t in tasks) { sum += t.Result; } }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks); var all = tasks.Select(t => t.Result).ToList(); }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks); var sum = tasks.Where(t => t != null).Sum(t => t.Result); }")]
        [InlineData("async Task M(List<Task<int>> tasks) { await Task.WhenAll(tasks); foreach (var t in tasks.Take(2)) { Console.WriteLine(t.Result); } }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { var done = await Task.WhenAny(a, b); var x = done.Result; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { var x = (await Task.WhenAny(a, b)).Result; }")]
        [InlineData("async Task M(Task<int> a, Task<int> b) { Task<int> done; done = await Task.WhenAny(a, b); var x = done.Result; }")]
        [InlineData("async Task M(Task<int> t) { if (t.IsCompleted) { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t) { if (t.IsCompletedSuccessfully) Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { if (t.Status == TaskStatus.RanToCompletion) { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t) { if (TaskStatus.RanToCompletion == t.Status) { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t) { var x = t.IsCompleted ? t.Result : await t; }")]
        [InlineData("async Task M(Task<int> t) { if (t.IsCompleted && t.Result > 0) { } }")]
        [InlineData("async Task M(Task<int> t, bool b) { if (b && t.IsCompleted) { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t) { if (!t.IsCompleted || t.Result == 0) { } }")]
        [InlineData("async Task M(Task<int> t) { if (!t.IsCompleted) { await Task.Yield(); } else { var x = t.Result; } }")]
        [InlineData("async Task M(Task<int> t) { if (!t.IsCompleted) return; var x = t.Result; }")]
        [InlineData("async Task M(Task<int> t) { if (t.Status != TaskStatus.RanToCompletion) { throw new InvalidOperationException(); } var x = t.Result; }")]
        [InlineData("async Task M(ValueTask<int> t) { if (t.IsCompletedSuccessfully) { var x = t.Result; } }")]
        [InlineData("async Task M() { var x = Task.FromResult(1).Result; }")]
        [InlineData("async Task M() { Task.CompletedTask.Wait(); Task.CompletedTask.GetAwaiter().GetResult(); }")]
        [InlineData("async Task M() { var t = Task.FromResult(1); var x = t.Result; }")]
        [InlineData("async Task M() { var x = ValueTask.FromResult(1).Result; }")]
        [InlineData("async Task M(Task<int> t) { await t.ContinueWith(async previous => { Console.WriteLine(previous.Result); await Task.Yield(); }); }")]
        [InlineData("async Task M(Task<int> t) { await t.ContinueWith(previous => previous.Result + 1); }")]
        [InlineData("readonly Task<int> loading = Task.Run(() => 1); async Task M() { await loading; var x = loading.Result; }")]
        [InlineData("async Task M(Task<int> t, List<int> xs) { await t; xs.ForEach(x => Console.WriteLine(x + t.Result)); }")]
        [InlineData("async Task M(Task<int> t) { switch (t.Status) { case TaskStatus.RanToCompletion: Console.WriteLine(t.Result); break; } }")]
        [InlineData("Task<int> value; async Task M() { switch (value?.Status) { case TaskStatus.RanToCompletion: Console.WriteLine(value.Result); break; case TaskStatus.Faulted: break; } }")]
        [InlineData("Task<int> cache = Task.Run(() => 1); Task<int> M() { if (cache.IsCompletedSuccessfully) return Task.FromResult(cache.Result); return cache; }")]
        [InlineData("static Task<int> shared = Task.Run(() => 1); async Task M() { await shared; Console.WriteLine(shared.Result); }")]
        [InlineData("Task<int> cache = Task.Run(() => 1); async Task M() { await this.cache; Console.WriteLine(cache.Result); }")]
        public Task KnownCompleteTask_IsNotReported(string member)
            => VerifyNotReported(member);
    }
}
