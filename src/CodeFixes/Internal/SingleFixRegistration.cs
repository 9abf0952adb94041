using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>
    /// Registration for fixers that offer one rewrite per diagnostic and apply it with the same document-level routine that
    /// their Fix All uses: the action is offered when <c>titleFor</c> names it (its preconditions hold), and not otherwise.
    /// </summary>
    internal static class SingleFixRegistration
    {
        public static async Task RegisterAsync(
            CodeFixContext context,
            string equivalenceKey,
            Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, string?> titleFor,
            Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> fixDocumentAsync)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (titleFor(root, model, diagnostic, context.CancellationToken) is not { } title)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => fixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), equivalenceKey, ct),
                        equivalenceKey),
                    diagnostic);
            }
        }
    }
}
