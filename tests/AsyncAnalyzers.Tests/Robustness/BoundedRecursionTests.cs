using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CpuLoops;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The analyses that follow operations downwards (loop cost, known-complete tasks) stay within a bounded depth. Roslyn
    /// needs a deep stack to bind 5,000-deep code, so the operations are built on a thread that has one; our code then runs
    /// on a thread with a 1 MB stack (the size of the IDE's worker threads), where unbounded recursion over that code
    /// would overflow and kill the process.
    /// </summary>
    public class BoundedRecursionTests
    {
        private const int Depth = 5_000;
        private const int SmallStack = 1024 * 1024;

        [Fact]
        public async Task LoopCost_OnAThousandsDeepExpression_StaysBounded()
        {
            // A left-deep chain: the parser and binder handle it without recursion, so it really reaches our code.
            var expression = new StringBuilder("x");
            for (var i = 0; i < Depth; i++)
            {
                expression.Append(" + x");
            }

            var source = "using System; using System.Threading.Tasks;\nclass C { async Task M(int[] xs) { var x = 0; for (var i = 0; i < xs.Length; i++) { for (var j = 0; j < xs.Length; j++) { x += " + expression + "; } } await Task.Yield(); } }";
            var (compilation, root) = await BindOnABigStackAsync(source);
            var loop = root.Descendants().OfType<IForLoopOperation>().First();
            var types = KnownTypes.Create(compilation);

            var evaluation = await AnalyzerHarness.RunOnStackAsync(SmallStack, () => LoopCostModel.Evaluate(loop, new CpuLoopSymbols(compilation, types), CpuLoopOptions.Default));

            // Too deep to judge: left alone rather than guessed.
            Assert.False(evaluation.IsHeavy(CpuLoopOptions.Default));
        }

        [Fact]
        public async Task KnownCompleteTask_OnAThousandsLongConditionAndNestedBlocks_StaysBounded()
        {
            var condition = new StringBuilder("!t.IsCompleted");
            for (var i = 0; i < Depth; i++)
            {
                condition.Append(" && flags[" + (i % 7) + "]");
            }

            var blocks = new string('{', Depth) + " return; " + new string('}', Depth);
            var source = "using System.Threading.Tasks;\nclass C { async Task M(Task<int> t, bool[] flags) { if (" + condition + ") " + blocks + " var r = t.Result; await Task.Yield(); } }";
            var (compilation, root) = await BindOnABigStackAsync(source);
            var result = root.Descendants().OfType<IPropertyReferenceOperation>().Last(p => p.Property.Name == "Result");
            var members = new TaskMembers(KnownTypes.Create(compilation));

            var known = await AnalyzerHarness.RunOnStackAsync(SmallStack, () => KnownCompleteTask.IsKnownComplete(result.Instance!, result, members));

            // The early return does not prove completion (the condition needs t unfinished AND every flag): not known.
            Assert.False(known);
        }

        private static async Task<(Compilation Compilation, IOperation Root)> BindOnABigStackAsync(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Deep",
                new[] { CSharpSyntaxTree.ParseText(source, AnalyzerHarness.ParseOptions) },
                await AnalyzerHarness.ReferencesAsync(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var root = await AnalyzerHarness.RunOnStackAsync(512 * 1024 * 1024, () =>
            {
                var tree = compilation.SyntaxTrees.Single();
                var model = compilation.GetSemanticModel(tree);
                Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
                var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
                var operation = model.GetOperation(method)!;
                // Materialize the whole tree here: operation children are created lazily in some Roslyn versions.
                foreach (var unused in operation.Descendants())
                {
                }

                return operation;
            });
            return (compilation, root);
        }
    }
}
