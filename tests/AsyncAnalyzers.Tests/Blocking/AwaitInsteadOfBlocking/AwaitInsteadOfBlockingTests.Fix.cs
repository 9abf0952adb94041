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
        [Theory]
        [InlineData("async Task M(Task<int> t, object gate) { lock (gate) { var x = {|#0:t.Result|}; } }", "Task<int>.Result", "move it out of the lock ('await' cannot be used inside 'lock'), then use 'await'")]
        [InlineData("async Task M(Task t, object gate) { lock (gate) { {|#0:t.Wait()|}; } }", "Task.Wait", "move it out of the lock ('await' cannot be used inside 'lock'), then use 'await'")]
        [InlineData("async Task M(Task<int> t) { try { } catch (Exception) when ({|#0:t.Result|} > 0) { } }", "Task<int>.Result", "move it out of the exception filter ('await' cannot be used in a 'when' clause), then use 'await'")]
        [InlineData("async Task M(Task[] all) { unsafe { {|#0:Task.WaitAll(all)|}; } }", "Task.WaitAll", "move it out of the unsafe context ('await' cannot be used there), then use 'await Task.WhenAll'")]
        public async Task WhereAwaitIsForbidden_MessageSaysWhatToDoAndNoFixIsOffered(string member, string call, string advice)
        {
            var source = Usings + "class C { " + member + " }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
                projectId, ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments(call, "'C.M'", advice));
            await test.RunAsync();
        }

        [Fact]
        public Task Fix_Result_BecomesAwait_KeepingTrivia()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task<int> M(Task<int> t)
                    {
                        // the cached total
                        var total = [|t.Result|]; // blocks
                        return total;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> M(Task<int> t)
                    {
                        // the cached total
                        var total = await t; // blocks
                        return total;
                    }
                }
                """,
                AwaitInsteadOfBlockingFixer.AwaitKey);
        }

        private const string AssertStub = """

            namespace Xunit { public static class Assert { public static void True(bool condition) { } public static void False(bool condition) { } } }
            namespace FluentAssertions
            {
                public sealed class BooleanAssertions { public void BeTrue(string because = "") { } public void BeFalse(string because = "") { } }
                public static class AssertionExtensions { public static BooleanAssertions Should(this bool value) => new BooleanAssertions(); }
            }
            """;

        [Theory]
        [InlineData("Xunit.Assert.True([|t.Wait(TimeSpan.FromSeconds(5))|]);", "await t.WaitAsync(TimeSpan.FromSeconds(5));")]
        [InlineData("Xunit.Assert.True([|t.Wait(5000)|]);", "await t.WaitAsync(TimeSpan.FromMilliseconds(5000));")]
        [InlineData("Xunit.Assert.True([|t.Wait(timeout, ct)|]);", "await t.WaitAsync(timeout, ct);")]
        [InlineData("FluentAssertions.AssertionExtensions.Should([|t.Wait(timeout)|]).BeTrue();", "await t.WaitAsync(timeout);")]
        public Task Fix_AssertedTimedWait_BecomesAwaitWaitAsync_KeepingTheBound(string statement, string fixedStatement)
        {
            var template = Usings + "class C { async Task M(Task t, TimeSpan timeout, CancellationToken ct) { // keep\n        STATEMENT // bounded\n    } }" + AssertStub;
            return Verify.VerifyCodeFixAsync(template.Replace("STATEMENT", statement), template.Replace("STATEMENT", fixedStatement));
        }

        [Theory]
        [InlineData("var ok = {|#0:t.Wait(timeout)|}; Xunit.Assert.True(ok);")]
        [InlineData("if (!{|#0:t.Wait(timeout)|}) { return; }")]
        [InlineData("{|#0:t.Wait(timeout)|};")]
        public async Task TimedWaitNotAssertedTrue_IsReportedWithoutAFix(string statement)
        {
            var source = Usings + "class C { async Task M(Task t, TimeSpan timeout) { " + statement + " } }" + AssertStub;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.Wait", "'C.M'", "use 'await' instead"));
            await test.RunAsync();
        }

        [Fact]
        public async Task AssertedTimedWait_WithoutWaitAsyncInTheFramework_HasNoFix()
        {
            var source = Usings + "class C { async Task M(Task t) { Xunit.Assert.True({|#0:t.Wait(100)|}); await Task.Yield(); } }" + AssertStub;
            var test = new Verify.Test { TestCode = source, FixedCode = source, ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.NetCore.NetCoreApp31 };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task.Wait", "'C.M'", "use 'await' instead"));
            await test.RunAsync();
        }

        [Fact]
        public Task Fix_LambdaMadeAsync_DiscardsTheTasksItStartedWithoutAwaiting()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void M(Task<int> t, Func<Task> notify)
                    {
                        Func<Task> f = () =>
                        {
                            notify();
                            Console.WriteLine([|t.Result|]);
                            return notify();
                        };
                    }
                }
                """,
                Usings + """
                class C
                {
                    void M(Task<int> t, Func<Task> notify)
                    {
                        Func<Task> f = async () =>
                        {
                            _ = notify();
                            Console.WriteLine(await t);
                            await notify();
                        };
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_MethodMadeAsync_LeavesAwaitedAndVoidCallsAlone()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    static void Log() { }
                    Task M(Task<int> t, Func<Task> notify)
                    {
                        Log();
                        Func<Task> inner = () => notify();
                        Console.WriteLine([|t.Result|]);
                        return Task.CompletedTask;
                    }
                }
                """,
                Usings + """
                class C
                {
                    static void Log() { }
                    async Task M(Task<int> t, Func<Task> notify)
                    {
                        Log();
                        Func<Task> inner = () => notify();
                        Console.WriteLine(await t);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ResultFollowedByMemberAccess_IsParenthesized()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(Task<string> t) => [|t.Result|].Length; }",
                Usings + "class C { async Task<int> M(Task<string> t) => (await t).Length; }");
        }

        [Fact]
        public Task Fix_ResultOnAnInvocation_AwaitsTheInvocation()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Func<Task<int>> load) { Console.WriteLine([|load().Result|] + 1); } }",
                Usings + "class C { async Task M(Func<Task<int>> load) { Console.WriteLine(await load() + 1); } }");
        }

        [Fact]
        public Task Fix_ValueTaskResult()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(ValueTask<int> t) { var x = [|t.Result|]; } }",
                Usings + "class C { async Task M(ValueTask<int> t) { var x = await t; } }");
        }

        [Fact]
        public Task Fix_Wait_BecomesAwaitStatement()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Task t) { [|t.Wait()|]; } }",
                Usings + "class C { async Task M(Task t) { await t; } }");
        }

        [Theory]
        [InlineData("t.GetAwaiter().GetResult()", "await t")]
        [InlineData("t.ConfigureAwait(false).GetAwaiter().GetResult()", "await t.ConfigureAwait(false)")]
        [InlineData("t.ConfigureAwait(continueOnCapturedContext: true).GetAwaiter().GetResult()", "await t.ConfigureAwait(continueOnCapturedContext: true)")]
        public Task Fix_GetResult_BecomesAwait_KeepingConfigureAwait(string blocking, string awaited)
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(Task<int> t) { var x = [|" + blocking + "|]; return x; } }",
                Usings + "class C { async Task<int> M(Task<int> t) { var x = " + awaited + "; return x; } }");
        }

        [Fact]
        public Task Fix_ValueTaskGetResultStatement()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(ValueTask t) { [|t.GetAwaiter().GetResult()|]; } }",
                Usings + "class C { async Task M(ValueTask t) { await t; } }");
        }

        [Fact]
        public Task Fix_WaitAll_BecomesWhenAll()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Task a, Task<int> b) { [|Task.WaitAll(a, b)|]; } }",
                Usings + "class C { async Task M(Task a, Task<int> b) { await Task.WhenAll(a, b); } }");
        }

        [Fact]
        public Task Fix_WaitAllOverAnArray_BecomesWhenAll()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Task<int>[] all) { [|Task.WaitAll(all)|]; } }",
                Usings + "class C { async Task M(Task<int>[] all) { await Task.WhenAll(all); } }");
        }

        [Fact]
        public Task Fix_WaitAnyAsStatement_BecomesWhenAny()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Task a, Task b) { [|Task.WaitAny(a, b)|]; } }",
                Usings + "class C { async Task M(Task a, Task b) { await Task.WhenAny(a, b); } }");
        }

        [Fact]
        public Task Fix_WaitAnyUsedAsIndex_KeepsTheIndex()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(Task<int>[] all) { var index = [|Task.WaitAny(all)|]; return index; } }",
                Usings + "class C { async Task<int> M(Task<int>[] all) { var index = Array.IndexOf(all, await Task.WhenAny(all)); return index; } }");
        }

        [Fact]
        public Task Fix_WaitAnyUsedAsIndex_AddsUsingSystem()
        {
            return Verify.VerifyCodeFixAsync(
                "using System.Threading.Tasks;\nclass C { async Task<int> M(Task[] all) => [|Task.WaitAny(all)|]; }",
                "using System;\nusing System.Threading.Tasks;\nclass C { async Task<int> M(Task[] all) => Array.IndexOf(all, await Task.WhenAny(all)); }");
        }

        [Theory]
        [InlineData("async Task M(Task t) { var ok = [|t.Wait(100)|]; }")]
        [InlineData("async Task M(Task t) { [|t.Wait(TimeSpan.FromSeconds(1))|]; }")]
        [InlineData("async Task M(Task t, CancellationToken ct) { [|t.Wait(ct)|]; }")]
        [InlineData("async Task M(Task[] all) { var ok = [|Task.WaitAll(all, 100)|]; }")]
        [InlineData("async Task M(Task[] all, CancellationToken ct) { [|Task.WaitAll(all, ct)|]; }")]
        [InlineData("async Task M(Task a, Task b) { var i = [|Task.WaitAny(a, b)|]; }")]
        [InlineData("async Task M(Func<Task[]> all) { var i = [|Task.WaitAny(all())|]; }")]
        [InlineData("async Task M(Task[] all) { var i = [|Task.WaitAny(all, 100)|]; }")]
        [InlineData("async Task M(Task<int>? t) { var x = t?[|.Result|]; }")]
        [InlineData("async Task M(List<Task<int>> tasks) { var all = tasks.Select(t => [|t.Result|]).ToList(); }")]
        [InlineData("async Task M(List<Task> tasks) { tasks.ForEach(t => [|t.Wait()|]); }")]
        [InlineData("async Task M(Task<int> t) { try { var x = [|t.Result|]; } catch (AggregateException e) { Console.WriteLine(e.InnerException); } }")]
        [InlineData("async Task M(Task t) { try { [|t.Wait()|]; } catch (AggregateException) { } }")]
        [InlineData("async Task M(Task<int> t, object gate) { lock (gate) { var x = [|t.Result|]; } }")]
        [InlineData("Task<int> M(Task<int> t, out int y) { y = 0; return Task.FromResult([|t.Result|]); }")]
        [InlineData("Task<int> M(Task<int> t) { Span<int> s = stackalloc int[1]; s[0] = [|t.Result|]; return Task.FromResult(s[0]); }")]
        [InlineData("Task<int> M(Task<int> t) { var x = [|t.Result|]; return null!; }")]
        public Task Fix_WhenItWouldChangeMeaningOrCannotCompile_IsNotOffered(string member)
        {
            var source = Usings + "#nullable enable\nclass C { " + member + " }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Theory]
        [InlineData("async Task M(Task<int> t) { var x = [|t.Result|]; }", "async Task M(Task<int> t) { var x = await t; }")]
        [InlineData("async Task M(ValueTask<int> t) { var x = [|t.GetAwaiter().GetResult()|]; }", "async Task M(ValueTask<int> t) { var x = await t; }")]
        [InlineData("async Task M(ValueTask t) { [|t.GetAwaiter().GetResult()|]; }", "async Task M(ValueTask t) { await t; }")]
        [InlineData("async Task M(Task t) { [|t.GetAwaiter().GetResult()|]; }", "async Task M(Task t) { await t; }")]
        [InlineData("async ValueTask<int> M(Task<int> t) => [|t.Result|];", "async ValueTask<int> M(Task<int> t) => await t;")]
        [InlineData("void M(Task<int> t) { Func<Task> f = async () => Console.WriteLine([|t.Result|]); }", "void M(Task<int> t) { Func<Task> f = async () => Console.WriteLine(await t); }")]
        [InlineData("void M(Task<int> t) { Func<Task<int>> f = () => Task.FromResult([|t.Result|]); }", "void M(Task<int> t) { Func<Task<int>> f = async () => await t; }")]
        [InlineData("void M(Task t) { async Task Local() { [|t.Wait()|]; } }", "void M(Task t) { async Task Local() { await t; } }")]
        [InlineData("async IAsyncEnumerable<int> M(Task<int> t) { yield return [|t.Result|]; }", "async IAsyncEnumerable<int> M(Task<int> t) { yield return await t; }")]
        [InlineData("ValueTask<int> M(Task<int> t) => new ValueTask<int>([|t.Result|]);", "async ValueTask<int> M(Task<int> t) => await t;")]
        [InlineData("Task M(Task t) { [|t.Wait()|]; return Task.CompletedTask; }", "async Task M(Task t) { await t; }")]
        public Task Fix_AcrossAwaitableShapesAndContexts(string member, string fixedMember)
        {
            return Verify.VerifyCodeFixAsync(Usings + "class C { " + member + " }", Usings + "class C { " + fixedMember + " }");
        }

        [Theory]
        [InlineData("async Task<string> M(Task<int> t) => [|t.Result|] switch { 1 => \"one\", _ => \"other\" };", "async Task<string> M(Task<int> t) => (await t) switch { 1 => \"one\", _ => \"other\" };")]
        [InlineData("async Task<bool> M(Task<bool> t) => ![|t.Result|];", "async Task<bool> M(Task<bool> t) => !await t;")]
        [InlineData("async Task<string> M(Task<string?> t) => [|t.Result|]!;", "async Task<string> M(Task<string?> t) => (await t)!;")]
        [InlineData("async Task<int[]> M(Task<int[]> t) => [|t.Result|][1..];", "async Task<int[]> M(Task<int[]> t) => (await t)[1..];")]
        [InlineData("async Task<int?> M(Task<string?> t) => [|t.Result|]?.Length;", "async Task<int?> M(Task<string?> t) => (await t)?.Length;")]
        [InlineData("async Task<string> M(Task<int> t) => $\"{[|t.Result|]}\";", "async Task<string> M(Task<int> t) => $\"{await t}\";")]
        [InlineData("async Task<object> M(Task<int> t) => new { [|t.Result|] };", "async Task<object> M(Task<int> t) => new { Result = await t };")]
        [InlineData("async Task<R> M(Task<R> t) => [|t.Result|] with { A = 2 }; record R(int A);", "async Task<R> M(Task<R> t) => (await t) with { A = 2 }; record R(int A);")]
        [InlineData("async Task<object> M(Task<int> t) => new { Value = [|t.Result|] };", "async Task<object> M(Task<int> t) => new { Value = await t };")]
        public Task Fix_Precedence(string member, string fixedMember)
        {
            return Verify.VerifyCodeFixAsync(Usings + "#nullable enable\nclass C { " + member + " }", Usings + "#nullable enable\nclass C { " + fixedMember + " }");
        }

        [Fact]
        public Task Fix_AggregateExceptionHandlerElsewhere_StillFixes()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Task t) { [|t.Wait()|]; try { } catch (AggregateException) { } } }",
                Usings + "class C { async Task M(Task t) { await t; try { } catch (AggregateException) { } } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    public Task<int> TotalAsync(Task<int> pending, bool cached)
                    {
                        if (cached)
                        {
                            return Task.FromResult(0);
                        }

                        return Task.FromResult([|pending.Result|] + 1);
                    }
                }
                """,
                Usings + """
                class C
                {
                    public async Task<int> TotalAsync(Task<int> pending, bool cached)
                    {
                        if (cached)
                        {
                            return 0;
                        }

                        return await pending + 1;
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_TaskReturningLocalFunction_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void M(Task warmUp)
                    {
                        Task Local()
                        {
                            [|warmUp.Wait()|];
                            return Task.CompletedTask;
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    void M(Task warmUp)
                    {
                        async Task Local()
                        {
                            await warmUp;
                        }
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_AsyncVoidEventHandler()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { Task<string> text = Task.Run(() => \"x\"); async void OnClick(object sender, EventArgs e) { Console.WriteLine([|text.Result|]); } }",
                Usings + "class C { Task<string> text = Task.Run(() => \"x\"); async void OnClick(object sender, EventArgs e) { Console.WriteLine(await text); } }");
        }

        [Fact]
        public Task Fix_AsyncLambdaExpressionBody()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { Func<Task<int>, Task<int>> f = async t => [|t.Result|] * 2; }",
                Usings + "class C { Func<Task<int>, Task<int>> f = async t => await t * 2; }");
        }
    }
}
