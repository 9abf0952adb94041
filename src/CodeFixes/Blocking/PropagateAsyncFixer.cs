using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC106: make the synchronous method async (<c>LoadAsync</c> awaiting what <c>Load</c> waited on, and awaiting the
    /// async versions of its blocking helpers) and switch every call of it on an async path in the solution to await it.
    /// The synchronous method stays as the bridge for callers that cannot await (and for callers outside the solution when
    /// it is public); otherwise it is replaced in place.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PropagateAsyncFixer)), Shared]
    public sealed class PropagateAsyncFixer : CodeFixProvider
    {
        internal const string PropagateKey = DiagnosticIds.PropagateAsync + ":propagate";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PropagateAsync);

        // Each diagnostic rewrites its method and that method's callers across the solution: fixed one by one, in sequence.
        public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var declaration = node.FirstAncestorOrSelf<SyntaxNode>(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax);
                if (declaration is null || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method)
                {
                    continue;
                }

                var plan = await AsyncTwins.ChainPlan.TryCreateForMethodAsync(context.Document.Project.Solution, context.Document, method, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                var title = plan.RemovesOriginal
                    ? $"Make '{method.Name}' async and await it in its callers"
                    : $"Add '{method.Name}Async' and await it in the callers on async paths";
                context.RegisterCodeFix(CodeAction.Create(title, ct => plan.ApplyAsync(ct), PropagateKey), diagnostic);
            }
        }
    }
}
