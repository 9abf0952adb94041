using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Internal;
using AsyncAnalyzers.CpuLoops;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.CpuLoops
{
    /// <summary>
    /// ASYNC301: moves a CPU-bound loop to the thread pool (<c>await Task.Run(() =&gt; { loop })</c>, returning the locals it
    /// computes), or, when the analyzer proved its iterations independent, runs it with <c>Parallel.For</c>/<c>ForEach</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OffloadCpuBoundLoopFixer)), Shared]
    public sealed partial class OffloadCpuBoundLoopFixer : CodeFixProvider
    {
        internal const string TaskRunKey = DiagnosticIds.OffloadCpuBoundLoop + ":task-run";

        internal const string ParallelKey = DiagnosticIds.OffloadCpuBoundLoop + ":parallel";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OffloadCpuBoundLoop);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (CanFix(root, model, diagnostic, TaskRunKey, context.CancellationToken, out _, out _))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Run the loop on the thread pool ('await Task.Run')",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), TaskRunKey, ct),
                            TaskRunKey),
                        diagnostic);
                }

                if (CanFix(root, model, diagnostic, ParallelKey, context.CancellationToken, out _, out _))
                {
                    var shape = CpuLoopFixKinds.ParallelShapeOf(diagnostic.Properties) == ParallelShape.For ? "Parallel.For" : "Parallel.ForEach";
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Parallelize the loop ('" + shape + "')",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ParallelKey, ct),
                            ParallelKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var madeAsync = new HashSet<SyntaxNode>();

            foreach (var diagnostic in diagnostics)
            {
                if (!CanFix(root, model, diagnostic, equivalenceKey, cancellationToken, out var loop, out var owner))
                {
                    continue;
                }

                var awaits = true;
                if (equivalenceKey == TaskRunKey)
                {
                    RunOnThreadPool(editor, model, loop, CancellationTokenFinder.Find(model, loop.SpanStart, cancellationToken), cancellationToken);
                }
                else
                {
                    awaits = !IsRequestHandler(diagnostic);
                    Parallelize(editor, model, loop, diagnostic, awaits);
                }

                if (awaits && FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(owner))
                {
                    MakeAsync.Apply(editor, owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static bool IsRequestHandler(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(CpuLoopProperties.RequestHandler, out var value) && value == "true";

        private static bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken, out StatementSyntax loop, out SyntaxNode owner)
        {
            loop = null!;
            owner = null!;
            var wanted = equivalenceKey == TaskRunKey ? CpuLoopProperties.TaskRun : CpuLoopProperties.Parallel;
            if (!diagnostic.Properties.ContainsKey(wanted)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax keyword
                || keyword is not (ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                || MovedStatement(keyword, equivalenceKey, diagnostic) is not { } found
                || found.Parent is not (BlockSyntax or GlobalStatementSyntax or LabeledStatementSyntax)
                || FunctionSyntax.FindOwner(found) is not { } foundOwner)
            {
                return false;
            }

            var awaits = equivalenceKey == TaskRunKey || !IsRequestHandler(diagnostic);
            var becomesAsync = FunctionSyntax.IsAsync(foundOwner) || FixProperties.NeedsAsyncModifier(diagnostic.Properties);
            if (awaits
                && (!becomesAsync
                    || !FunctionSyntax.CanAwaitAt(found, foundOwner)
                    || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(foundOwner, model, cancellationToken, MovedIntoLambda(model, found, equivalenceKey, cancellationToken)))))
            {
                return false;
            }

            loop = found;
            owner = foundOwner;
            return true;
        }

        /// <summary>What the Task.Run fix moves into its lambda (the statement and the declarations before it), for the async check.</summary>
        private static IReadOnlyList<SyntaxNode>? MovedIntoLambda(SemanticModel model, StatementSyntax statement, string equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey != TaskRunKey)
            {
                return null;
            }

            var moved = new List<SyntaxNode>(MovableDeclarations(model, statement, cancellationToken)) { statement };
            return moved;
        }

        /// <summary>The loop, or for the Task.Run fix of a loop in a <c>lock</c>, the lock statement around it.</summary>
        private static StatementSyntax? MovedStatement(StatementSyntax loop, string equivalenceKey, Diagnostic diagnostic)
        {
            if (equivalenceKey != TaskRunKey || !diagnostic.Properties.ContainsKey(CpuLoopProperties.MovesLock))
            {
                return loop;
            }

            foreach (var ancestor in loop.Ancestors())
            {
                if (ancestor is LockStatementSyntax lockStatement)
                {
                    return lockStatement;
                }
            }

            return null;
        }

        private static ExpressionSyntax Parenthesized(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        private static NameSyntax FrameworkName(string ns, string type)
        {
            return SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::" + ns), SyntaxFactory.IdentifierName(type))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        }

        private static string UniqueName(string text, string name)
        {
            var candidate = name;
            for (var i = 2; ContainsWord(text, candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static bool ContainsWord(string text, string word)
        {
            for (var index = text.IndexOf(word, System.StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, System.StringComparison.Ordinal))
            {
                var before = index == 0 ? ' ' : text[index - 1];
                var after = index + word.Length >= text.Length ? ' ' : text[index + word.Length];
                if (!char.IsLetterOrDigit(before) && before != '_' && !char.IsLetterOrDigit(after) && after != '_')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
