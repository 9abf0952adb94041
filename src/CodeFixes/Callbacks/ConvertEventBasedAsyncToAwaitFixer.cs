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
    /// ASYNC203: <c>var client = new T(); client.XxxCompleted += (s, e) =&gt; { ... e.Result ... }; client.XxxAsync(args);</c>
    /// at the end of a void method becomes <c>... await client.XxxTaskAsync(args) ...</c> in the method made async Task.
    /// The object must be created in the method and used for nothing else, so that dropping the subscription changes nothing.
    /// A TaskCompletionSource adapter over an operation with a Task-based twin becomes <c>return client.XxxTaskAsync(args);</c>
    /// (see <see cref="EapAdapterPlanner"/>); the function keeps its signature.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertEventBasedAsyncToAwaitFixer)), Shared]
    public sealed class ConvertEventBasedAsyncToAwaitFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.ConvertEventBasedAsyncToAwait + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConvertEventBasedAsyncToAwait);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
            => CallbackLinkedPlanning.RegisterAsync(
                context,
                AwaitKey,
                diagnostic => FixKinds.CallbackRewriteOf(diagnostic.Properties) == CallbackRewrite.AwaitTaskMethod ? "Use 'await' on the Task-based method" : null,
                async (document, model, root, diagnostic, ct) => (await PlanAsync(document, model, root, diagnostic, ct).ConfigureAwait(false)) is not null,
                FixDocumentAsync);

        private static async Task<EapCallbackPlanner.Site?> PlanAsync(Document document, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
            => (await CallbackLinkedPlanning.PlanAsync(
                document,
                model.Compilation,
                diagnostic.Location.SourceSpan.Start,
                targets => EapCallbackPlanner.TryGetSite(root, model, diagnostic, targets, cancellationToken),
                site => site.Written,
                cancellationToken).ConfigureAwait(false)).Plan;

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var owners = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (await PlanAsync(document, model, editor.OriginalRoot, diagnostic, cancellationToken).ConfigureAwait(false) is not { } site || !owners.Add(site.Owner))
                {
                    continue;
                }

                editor.InsertBefore(site.Subscription, site.Replacement);
                editor.RemoveNode(site.Subscription, SyntaxRemoveOptions.KeepNoTrivia);
                editor.RemoveNode(site.Start, SyntaxRemoveOptions.KeepNoTrivia);
                foreach (var removed in site.AlsoRemoved)
                {
                    editor.RemoveNode(removed, SyntaxRemoveOptions.KeepNoTrivia);
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
