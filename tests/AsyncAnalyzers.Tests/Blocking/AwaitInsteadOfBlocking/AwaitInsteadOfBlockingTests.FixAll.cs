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
        [Fact]
        public Task FixAll_EveryShapeInOneTaskReturningMethod_MakesItAsyncOnce()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    Task<int> M(Task<int> a, Task b, Task<int>[] all)
                    {
                        [|b.Wait()|];
                        [|Task.WaitAll(a, b)|];
                        var first = [|Task.WaitAny(all)|];
                        var x = [|all[first].GetAwaiter().GetResult()|];
                        return Task.FromResult(x + [|all[0].Result|]);
                    }

                    async Task N(Task<string> s)
                    {
                        Console.WriteLine([|s.Result|].Length);
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task<int> M(Task<int> a, Task b, Task<int>[] all)
                    {
                        await b;
                        await Task.WhenAll(a, b);
                        var first = Array.IndexOf(all, await Task.WhenAny(all));
                        var x = await all[first];
                        return x + await all[0];
                    }

                    async Task N(Task<string> s)
                    {
                        Console.WriteLine((await s).Length);
                    }
                }
                """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_AcrossDocuments()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "class A { async Task M(Task<int> t) { var x = [|t.Result|]; } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "class B { Task M(Task t) { [|t.Wait()|]; return Task.CompletedTask; } }"));
            test.FixedState.Sources.Add(("A.cs", Usings + "class A { async Task M(Task<int> t) { var x = await t; } }"));
            test.FixedState.Sources.Add(("B.cs", Usings + "class B { async Task M(Task t) { await t; } }"));
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_LeavesSitesWithoutAFix()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    async Task M(Task<int> t, Task u, List<Task<int>> tasks)
                    {
                        var x = [|t.Result|];
                        var ok = [|u.Wait(10)|];
                        var all = tasks.Select(p => [|p.Result|]).ToList();
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task M(Task<int> t, Task u, List<Task<int>> tasks)
                    {
                        var x = await t;
                        var ok = [|u.Wait(10)|];
                        var all = tasks.Select(p => [|p.Result|]).ToList();
                    }
                }
                """,
            };
            test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
            return test.RunAsync();
        }

        private const string MixedOriginal = """
            class C
            {
                Task<int> M(Task<int> t, Task u)
                {
                    {|ASYNC102:Thread.Sleep(10)|};
                    var x = {|ASYNC101:t.Result|};
                    var ok = {|ASYNC101:u.Wait(5)|};
                    {|ASYNC102:Thread.Sleep(20)|};
                    return Task.FromResult(x);
                }
            }
            """;

        private const string MixedAfterAsync101 = """
            class C
            {
                async Task<int> M(Task<int> t, Task u)
                {
                    {|ASYNC102:Thread.Sleep(10)|};
                    var x = await t;
                    var ok = {|ASYNC101:u.Wait(5)|};
                    {|ASYNC102:Thread.Sleep(20)|};
                    return x;
                }
            }
            """;

        private const string MixedAfterAsync102 = """
            class C
            {
                async Task<int> M(Task<int> t, Task u)
                {
                    await Task.Delay(10);
                    var x = {|ASYNC101:t.Result|};
                    var ok = {|ASYNC101:u.Wait(5)|};
                    await Task.Delay(20);
                    return x;
                }
            }
            """;

        private const string MixedFinal = """
            class C
            {
                async Task<int> M(Task<int> t, Task u)
                {
                    await Task.Delay(10);
                    var x = await t;
                    var ok = {|ASYNC101:u.Wait(5)|};
                    await Task.Delay(20);
                    return x;
                }
            }
            """;

        [Theory]
        [InlineData("101 then 102")]
        [InlineData("102 then 101")]
        public async Task FixAll_MixedWithThreadSleep_EachFixerFixesItsOwnAndTheyCompose(string order)
        {
            if (order == "101 then 102")
            {
                await new MixedTest<AwaitInsteadOfBlockingFixer>(Usings + MixedOriginal, Usings + MixedAfterAsync101).RunAsync();
                await new MixedTest<UseTaskDelayFixer>(Usings + MixedAfterAsync101, Usings + MixedFinal).RunAsync();
            }
            else
            {
                await new MixedTest<UseTaskDelayFixer>(Usings + MixedOriginal, Usings + MixedAfterAsync102).RunAsync();
                await new MixedTest<AwaitInsteadOfBlockingFixer>(Usings + MixedAfterAsync102, Usings + MixedFinal).RunAsync();
            }
        }

        /// <summary>Runs both blocking analyzers, and one fixer: the other rule's diagnostics must survive its Fix All untouched.</summary>
        private sealed class MixedTest<TFixer> : CSharpCodeFixTest<AwaitInsteadOfBlockingAnalyzer, TFixer, DefaultVerifier>
            where TFixer : CodeFixProvider, new()
        {
            public MixedTest(string source, string fixedSource)
            {
                ReferenceAssemblies = Verifiers.TestDefaults.ReferenceAssemblies;
                SolutionTransforms.Add((solution, projectId) => Verifiers.TestDefaults.Apply(solution, projectId));
                TestCode = source;
                FixedCode = fixedSource;
                FixedState.MarkupHandling = MarkupMode.Allow;
            }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
                => new DiagnosticAnalyzer[] { new AwaitInsteadOfBlockingAnalyzer(), new UseTaskDelayAnalyzer() };
        }
    }
}
