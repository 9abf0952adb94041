using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Internal;
using AsyncAnalyzers.Internal;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncAnalyzers.Tests.FixHelpers
{
    /// <summary>The shared fix helpers on their own, through the same clean-up a code action gets (imports, simplification, formatting).</summary>
    public class FixHelperTests
    {
        private const string Usings = "using System;\nusing System.Threading.Tasks;\n";

        // ---------------------------------------------------------------- AwaitSyntax.Await

        [Theory]
        [InlineData("async Task<int> M(Task<string> t) => /*x*/t.Result.Length;", "async Task<int> M(Task<string> t) => (await t).Length;")]
        [InlineData("async Task<string> M(Task<string> t) => /*x*/t.Result;", "async Task<string> M(Task<string> t) => await t;")]
        [InlineData("async Task<string> M(Task<string> t) => /*x*/t.Result + \"!\";", "async Task<string> M(Task<string> t) => await t + \"!\";")]
        [InlineData("async Task<string> M(Task<string> t) => /*x*/t.Result?.Trim();", "async Task<string> M(Task<string> t) => (await t)?.Trim();")]
        [InlineData("async Task<char> M(Task<string> t) => /*x*/t.Result[0];", "async Task<char> M(Task<string> t) => (await t)[0];")]
        [InlineData("async Task<int> M(Task<Func<int>> t) => /*x*/t.Result();", "async Task<int> M(Task<Func<int>> t) => (await t)();")]
        [InlineData("async Task<bool> M(Task<bool> t) => !/*x*/t.Result;", "async Task<bool> M(Task<bool> t) => !await t;")]
        [InlineData("async Task<object> M(Task<string> t) => (object)/*x*/t.Result;", "async Task<object> M(Task<string> t) => (object)await t;")]
        public async Task Await_ParenthesizesOnlyWhereNeeded(string member, string expected)
        {
            var actual = await ApplyAsync("class C { " + member + " }", (editor, node, model) =>
            {
                var access = Member(editor, "Result");
                editor.ReplaceNode(access, AwaitSyntax.Await(access.Expression, access));
            });
            Assert.Equal(Usings + "class C { " + expected + " }", actual);
        }

        [Fact]
        public async Task Await_OperandThatBindsLooser_IsParenthesized()
        {
            var actual = await ApplyAsync("class C { async Task<object> M(bool b, Task<object> x, Task<object> y) => /*x*/(b ? x : y).Result; }", (editor, node, model) =>
            {
                var access = Member(editor, "Result");
                var conditional = ((ParenthesizedExpressionSyntax)access.Expression).Expression;
                editor.ReplaceNode(access, AwaitSyntax.Await(conditional, access));
            });
            Assert.Equal(Usings + "class C { async Task<object> M(bool b, Task<object> x, Task<object> y) => await (b ? x : y); }", actual);
        }

        // ---------------------------------------------------------------- MakeAsync

        [Fact]
        public Task MakeAsync_VoidMethod_BecomesAsyncTask()
        {
            return AssertMakeAsync(
                "class C\n{\n    /// <summary>Docs stay.</summary>\n    public void /*x*/Run()\n    {\n    }\n}",
                "class C\n{\n    /// <summary>Docs stay.</summary>\n    public async Task Run()\n    {\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_MethodWithoutModifiers_KeepsLeadingTrivia()
        {
            return AssertMakeAsync(
                "class C\n{\n    // comment\n    int /*x*/Count()\n    {\n        return 1;\n    }\n}",
                "class C\n{\n    // comment\n    async Task<int> Count()\n    {\n        return 1;\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_EventHandler_StaysVoid()
        {
            return AssertMakeAsync(
                "class C\n{\n    private void /*x*/OnClick(object sender, EventArgs e)\n    {\n    }\n}",
                "class C\n{\n    private async void OnClick(object sender, EventArgs e)\n    {\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_ExpressionBodiedTaskMethod_AwaitsTheBody()
        {
            return AssertMakeAsync(
                "class C\n{\n    Task /*x*/Run() => Task.Delay(1);\n}",
                "class C\n{\n    async Task Run() => await Task.Delay(1);\n}");
        }

        [Fact]
        public Task MakeAsync_ExpressionBodiedFromResult_IsUnwrapped()
        {
            return AssertMakeAsync(
                "class C\n{\n    Task<int> /*x*/Run() => Task.FromResult(1 + 2);\n}",
                "class C\n{\n    async Task<int> Run() => 1 + 2;\n}");
        }

        [Fact]
        public Task MakeAsync_ExpressionBodiedCompletedTask_BecomesEmptyBlock()
        {
            return AssertMakeAsync(
                "class C\n{\n    Task /*x*/Run() => Task.CompletedTask;\n}",
                "class C\n{\n    async Task Run()\n    {\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_ValueTask_DefaultAndCompletedReturns()
        {
            return AssertMakeAsync(
                "class C\n{\n    ValueTask /*x*/Run(bool b)\n    {\n        if (b)\n            return default;\n        return new ValueTask();\n    }\n}",
                "class C\n{\n    async ValueTask Run(bool b)\n    {\n        if (b)\n            return;\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_NestedLambdaReturns_AreLeftAlone()
        {
            return AssertMakeAsync(
                "class C\n{\n    Task<int> /*x*/Run()\n    {\n        Func<int> f = () => { return 1; };\n        return Task.FromResult(f());\n    }\n}",
                "class C\n{\n    async Task<int> Run()\n    {\n        Func<int> f = () => { return 1; };\n        return f();\n    }\n}");
        }

        [Fact]
        public Task MakeAsync_LocalFunction_VoidBecomesTask()
        {
            return AssertMakeAsync(
                "class C\n{\n    void M()\n    {\n        void /*x*/Local() { }\n    }\n}",
                "class C\n{\n    void M()\n    {\n        async Task Local() { }\n    }\n}");
        }

        [Theory]
        [InlineData("class C { void M() { Action a = /*x*/() => { }; } }")]
        [InlineData("class C { Task /*x*/M(ref int x) => Task.CompletedTask; }")]
        [InlineData("class C { Task /*x*/M() => null; }")]
        [InlineData("class C { System.Collections.Generic.IEnumerable<int> /*x*/M() { yield return 1; } }")]
        [InlineData("class C { Task /*x*/M() { Span<int> s = stackalloc int[1]; return Task.CompletedTask; } }")]
        [InlineData("class B { public virtual void M() { } } class C : B { public override void /*x*/M() { } }")]
        [InlineData("interface I { void M(); } class C : I { public void /*x*/M() { } }")]
        [InlineData("class C { Task<int> /*x*/P { get { return Task.FromResult(1); } } }")]
        public async Task CanMakeAsync_RefusesWhatWouldNotCompileOrWouldBeAsyncVoid(string source)
        {
            var (document, node) = await CreateAsync(source);
            var model = (await document.GetSemanticModelAsync())!;
            var owner = node is AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax ? node : node.FirstAncestorOrSelf<SyntaxNode>(n => n is MethodDeclarationSyntax or PropertyDeclarationSyntax)!;
            if (owner is PropertyDeclarationSyntax property)
            {
                owner = property.AccessorList!.Accessors[0];
            }

            Assert.False(MakeAsync.CanMakeAsync(owner, model, CancellationToken.None));
        }

        [Fact]
        public async Task CanMakeAsync_EventHandlerLambda_IsAllowed()
        {
            var (document, node) = await CreateAsync("class C { event EventHandler E; void M() { E += /*x*/(s, e) => { }; } }");
            var model = (await document.GetSemanticModelAsync())!;
            Assert.True(MakeAsync.CanMakeAsync(node, model, CancellationToken.None));
        }

        // ---------------------------------------------------------------- harness

        private static MemberAccessExpressionSyntax Member(DocumentEditor editor, string name)
            => editor.OriginalRoot.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Single(m => m.Name.Identifier.ValueText == name);

        private static async Task AssertMakeAsync(string source, string expected)
        {
            var actual = await ApplyAsync(source, (editor, node, model) =>
            {
                var owner = node.FirstAncestorOrSelf<SyntaxNode>(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)!;
                Assert.True(MakeAsync.CanMakeAsync(owner, model, CancellationToken.None));
                MakeAsync.Apply(editor, owner, model, CancellationToken.None);
            });
            Assert.Equal(Usings + expected, actual);
        }

        /// <summary>Finds the node right after the <c>/*x*/</c> marker, lets <paramref name="edit"/> change it, cleans up like a code action, and returns the text without the marker.</summary>
        private static async Task<string> ApplyAsync(string source, Action<DocumentEditor, SyntaxNode, SemanticModel> edit)
        {
            var (document, node) = await CreateAsync(source);
            var editor = await DocumentEditor.CreateAsync(document);
            edit(editor, node, editor.SemanticModel);
            var changed = await FixedDocument.FinishAsync(editor, CancellationToken.None);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation);
            var text = (await changed.GetTextAsync()).ToString();

            var compilation = (await changed.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return text.Replace("/*x*/", string.Empty);
        }

        private static async Task<(Document Document, SyntaxNode Node)> CreateAsync(string source)
        {
            var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Helpers",
                "Helpers",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: new CSharpParseOptions(TestDefaults.LanguageVersion),
                metadataReferences: references));
            var document = workspace.AddDocument(project.Id, "Test.cs", SourceText.From(Usings + source));
            var root = (await document.GetSyntaxRootAsync())!;
            var marker = root.DescendantTrivia().Single(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia) && t.ToString() == "/*x*/");
            // The marker stands in front of a token (in its leading trivia, or in the trailing trivia of the one before):
            // take the largest expression or declaration that starts at that token.
            var token = marker.Token.TrailingTrivia.Contains(marker) ? marker.Token.GetNextToken() : marker.Token;
            SyntaxNode node = token.Parent!;
            while (node.Parent is { } parent && parent.SpanStart == token.SpanStart && parent is not StatementSyntax and not MemberDeclarationSyntax)
            {
                node = parent;
            }

            return (document, node);
        }
    }
}
