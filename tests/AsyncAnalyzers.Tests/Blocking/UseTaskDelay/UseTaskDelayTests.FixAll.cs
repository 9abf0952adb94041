using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseTaskDelayTests
    {
        [Fact]
        public Task FixAll_SeveralSleepsInOneTaskMethod_MakeItAsyncOnce()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    Task<int> M()
                    {
                        [|Thread.Sleep(1)|];
                        [|Thread.Sleep(2)|];
                        return Task.FromResult(3);
                    }

                    async Task N()
                    {
                        [|Thread.Sleep(4)|];
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task<int> M()
                    {
                        await Task.Delay(1);
                        await Task.Delay(2);
                        return 3;
                    }

                    async Task N()
                    {
                        await Task.Delay(4);
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
            test.TestState.Sources.Add(("A.cs", Usings + "class A { async Task M() { [|Thread.Sleep(1)|]; } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "class B { Task M() { [|Thread.Sleep(2)|]; return Task.CompletedTask; } }"));
            test.FixedState.Sources.Add(("A.cs", Usings + "class A { async Task M() { await Task.Delay(1); } }"));
            test.FixedState.Sources.Add(("B.cs", Usings + "class B { async Task M() { await Task.Delay(2); } }"));
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_AcrossProjects_Compiles()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "public class A { public Task<int> M() { [|Thread.Sleep(1)|]; return Task.FromResult(1); } }"));
            test.TestState.AdditionalProjects["Other"].Sources.Add(("B.cs", Usings + "class B { async Task M(A a) { [|Thread.Sleep(2)|]; await a.M(); } }"));
            test.TestState.AdditionalProjects["Other"].AdditionalProjectReferences.Add("TestProject");
            test.FixedState.Sources.Add(("A.cs", Usings + "public class A { public async Task<int> M() { await Task.Delay(1); return 1; } }"));
            test.FixedState.AdditionalProjects["Other"].Sources.Add(("B.cs", Usings + "class B { async Task M(A a) { await Task.Delay(2); await a.M(); } }"));
            test.FixedState.AdditionalProjects["Other"].AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }
    }
}
