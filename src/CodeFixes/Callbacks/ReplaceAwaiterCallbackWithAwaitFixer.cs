using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncAnalyzers.CodeFixes.Callbacks
{
    /// <summary>
    /// ASYNC204: <c>t.GetAwaiter().OnCompleted(() =&gt; body)</c> as the last statement of a void method or local function
    /// becomes <c>await t.ConfigureAwait(ForceYielding | SuppressThrowing | ...); body</c> in the method made <c>async Task</c>
    /// (an event handler stays <c>async void</c>). ForceYielding keeps the callback's "always later", SuppressThrowing
    /// its "whatever the outcome"; the method returned to its caller before the callback ran, and still does.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceAwaiterCallbackWithAwaitFixer)), Shared]
    public sealed class ReplaceAwaiterCallbackWithAwaitFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.ReplaceAwaiterCallbackWithAwait + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReplaceAwaiterCallbackWithAwait);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
            => CallbackLinkedPlanning.RegisterAsync(
                context,
                AwaitKey,
                diagnostic => FixKinds.CallbackRewriteOf(diagnostic.Properties) == CallbackRewrite.AwaitTask ? "Use 'await' instead of the awaiter callback" : null,
                async (document, model, root, diagnostic, ct) => (await PlanAsync(document, model, root, diagnostic, ct).ConfigureAwait(false)) is not null,
                FixDocumentAsync);

        private static async Task<AwaiterCallbackPlanner.Site?> PlanAsync(Document document, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
            => (await CallbackLinkedPlanning.PlanAsync(
                document,
                model.Compilation,
                diagnostic.Location.SourceSpan.Start,
                targets => AwaiterCallbackPlanner.TryGetSite(root, model, diagnostic, targets, cancellationToken),
                site => site.Written,
                cancellationToken).ConfigureAwait(false)).Plan;

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var owners = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                // Only the last statement of a function qualifies: at most one site per function.
                if (await PlanAsync(document, model, editor.OriginalRoot, diagnostic, cancellationToken).ConfigureAwait(false) is not { } site || !owners.Add(site.Owner))
                {
                    continue;
                }

                editor.InsertBefore(site.Statement, site.Replacement);
                editor.RemoveNode(site.Statement, SyntaxRemoveOptions.KeepNoTrivia);
                MakeAsync.Apply(editor, site.Owner, model, cancellationToken);
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }
    }
}
