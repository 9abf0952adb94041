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
    /// ASYNC202: <c>x.BeginRead(a, b, c, ar =&gt; { var n = x.EndRead(ar); ... }, null);</c> as the last statement of a void
    /// method becomes <c>var n = await x.ReadAsync(a, b, c); ...</c> (or <c>await Task.Factory.FromAsync(...)</c> when the
    /// type has no Task-returning counterpart) in the method made <c>async Task</c>; an event handler stays <c>async void</c>.
    /// A private method-group callback referenced only there is inlined the same way and removed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertBeginEndToAwaitFixer)), Shared]
    public sealed class ConvertBeginEndToAwaitFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.ConvertBeginEndToAwait + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConvertBeginEndToAwait);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
            => CallbackLinkedPlanning.RegisterAsync(
                context,
                AwaitKey,
                diagnostic => FixKinds.CallbackRewriteOf(diagnostic.Properties) switch
                {
                    CallbackRewrite.AwaitTaskMethod => "Use 'await' on the Task-based method",
                    CallbackRewrite.AwaitFromAsync => "Use 'await Task.Factory.FromAsync(...)'",
                    _ => null,
                },
                async (document, model, root, diagnostic, ct) => (await PlanAsync(document, model, root, diagnostic, ct).ConfigureAwait(false)) is not null,
                FixDocumentAsync);

        private static async Task<ApmCallbackPlanner.Site?> PlanAsync(Document document, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
            => (await CallbackLinkedPlanning.PlanAsync(
                document,
                model.Compilation,
                diagnostic.Location.SourceSpan.Start,
                targets => ApmCallbackPlanner.TryGetSite(root, model, diagnostic, targets, cancellationToken),
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
                foreach (var removed in site.AlsoRemoved)
                {
                    editor.RemoveNode(removed, SyntaxRemoveOptions.KeepNoTrivia);
                }

                if (site.CallbackMethod is not null)
                {
                    editor.RemoveNode(site.CallbackMethod);
                }

                if (site.MakesOwnerAsync)
                {
                    MakeAsync.Apply(editor, site.Owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }
    }
}
