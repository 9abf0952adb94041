using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class MakeHelperChainAsyncTests
    {
        [Fact]
        public Task FixAll_AcrossProjects()
        {
            // Each project's helpers are summarized in their own compilation; Fix All in the solution fixes both.
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "public class A\n{\n    public async Task RunAsync() { [|Step()|]; await Task.Yield(); }\n\n    void Step() => Thread.Sleep(1);\n}\n"));
            test.TestState.AdditionalProjects["App"].Sources.Add(("B.cs", Usings + "class B\n{\n    async Task RunAsync(A a) { [|Pause()|]; await a.RunAsync(); }\n\n    static void Pause() => Thread.Sleep(2);\n}\n"));
            test.TestState.AdditionalProjects["App"].AdditionalProjectReferences.Add("TestProject");
            test.FixedState.Sources.Add(("A.cs", Usings + "public class A\n{\n    public async Task RunAsync() { await StepAsync(); await Task.Yield(); }\n\n    void Step() => Thread.Sleep(1);\n\n    async Task StepAsync() => await Task.Delay(1);\n}\n"));
            test.FixedState.AdditionalProjects["App"].Sources.Add(("B.cs", Usings + "class B\n{\n    async Task RunAsync(A a) { await PauseAsync(); await a.RunAsync(); }\n\n    static void Pause() => Thread.Sleep(2);\n\n    static async Task PauseAsync() => await Task.Delay(2);\n}\n"));
            test.FixedState.AdditionalProjects["App"].AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_SharesTwinsBetweenCallSitesAcrossDocuments()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "partial class C { async Task A() { [|Step()|]; await Task.Yield(); } async Task B() { [|Step()|]; await Task.Yield(); } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "partial class C\n{\n    void Step() => Util.Nap();\n}\n"));
            test.TestState.Sources.Add(("D.cs", Usings + "static class Util\n{\n    public static void Nap() => Thread.Sleep(3);\n}\n"));
            const string FixedB = "partial class C\n{\n    void Step() => Util.Nap();\n\n    async Task StepAsync() => await Util.NapAsync();\n}\n";
            const string FixedD = "static class Util\n{\n    public static void Nap() => Thread.Sleep(3);\n\n    public static async Task NapAsync() => await Task.Delay(3);\n}\n";
            test.BatchFixedState.Sources.Add(("A.cs", Usings + "partial class C { async Task A() { await StepAsync(); await Task.Yield(); } async Task B() { await StepAsync(); await Task.Yield(); } }"));
            test.BatchFixedState.Sources.Add(("B.cs", Usings + FixedB));
            test.BatchFixedState.Sources.Add(("D.cs", Usings + FixedD));

            // Fixed one at a time, the first fix creates StepAsync: the other call then has an async twin and becomes ASYNC103's
            // finding (await StepAsync()), no longer this rule's.
            test.FixedState.Sources.Add(("A.cs", Usings + "partial class C { async Task A() { await StepAsync(); await Task.Yield(); } async Task B() { Step(); await Task.Yield(); } }"));
            test.FixedState.Sources.Add(("B.cs", Usings + FixedB));
            test.FixedState.Sources.Add(("D.cs", Usings + FixedD));
            return test.RunAsync();
        }
    }
}
