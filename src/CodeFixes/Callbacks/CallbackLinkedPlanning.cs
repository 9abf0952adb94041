using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Callbacks
{
    /// <summary>
    /// The callback fixers' answer to multi-targeted projects: the analyzer planned a rewrite with the members of one target
    /// framework; the fixed file is shared by every target, so a member the plan writes that another target lacks is taken
    /// away and the site planned again (the planners then write a fallback, or nothing).
    /// </summary>
    internal static class CallbackLinkedPlanning
    {
        /// <summary>
        /// The plan of one site that writes only members every linked target has, and the targets it was planned with;
        /// a null plan when there is none. A single-target document is planned once, as the analyzer did. Planning starts
        /// from <paramref name="start"/> when given (members already known to be missing).
        /// </summary>
        public static async Task<(T? Plan, CallbackTargets Targets)> PlanAsync<T>(
            Document document,
            Compilation compilation,
            int position,
            Func<CallbackTargets, T?> plan,
            Func<T, List<ISymbol>> written,
            CancellationToken cancellationToken,
            CallbackTargets? start = null)
            where T : class
        {
            var targets = start ?? CallbackTargets.Of(compilation);
            var multiTargeted = LinkedTargets.IsMultiTargeted(document);

            // Each round takes away at least one member, and a plan writes at most a couple: a few rounds settle it.
            for (var round = 0; round < 4; round++)
            {
                var result = plan(targets);
                if (result is null || !multiTargeted)
                {
                    return (result, targets);
                }

                List<ISymbol>? missing = null;
                foreach (var symbol in written(result))
                {
                    if (!await LinkedTargets.ExistsAsync(document, position, symbol, cancellationToken).ConfigureAwait(false))
                    {
                        (missing ??= new List<ISymbol>()).Add(symbol);
                    }
                }

                if (missing is null)
                {
                    return (result, targets);
                }

                targets = targets.Without(missing);
            }

            return (null, targets);
        }

        /// <summary>
        /// Offers the fix for each diagnostic whose Rewrite property <paramref name="titleFor"/> names, and, in a multi-targeted
        /// project, only when a plan that compiles in every target exists (<paramref name="hasPlanAsync"/>).
        /// </summary>
        public static async Task RegisterAsync(
            CodeFixContext context,
            string equivalenceKey,
            Func<Diagnostic, string?> titleFor,
            Func<Document, SemanticModel, SyntaxNode, Diagnostic, CancellationToken, Task<bool>> hasPlanAsync,
            Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> fixDocumentAsync)
        {
            var document = context.Document;
            var multiTargeted = LinkedTargets.IsMultiTargeted(document);
            SyntaxNode? root = null;
            SemanticModel? model = null;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (titleFor(diagnostic) is not { } title)
                {
                    continue;
                }

                if (multiTargeted)
                {
                    root ??= await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    model ??= await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    if (root is null || model is null || !await hasPlanAsync(document, model, root, diagnostic, context.CancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => fixDocumentAsync(document, ImmutableArray.Create(diagnostic), equivalenceKey, ct),
                        equivalenceKey),
                    diagnostic);
            }
        }
    }
}
