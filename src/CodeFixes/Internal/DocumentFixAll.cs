using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>
    /// Fix All that applies every diagnostic of a document in one editing session. Needed because the blocking fixes
    /// interact: two fixes in one function both make it async, which a text-merging batch fixer would drop as a conflict.
    /// </summary>
    internal static class DocumentFixAll
    {
        public static FixAllProvider Create(Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> fixDocumentAsync)
        {
            return FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                if (diagnostics.IsDefaultOrEmpty || context.CodeActionEquivalenceKey is null)
                {
                    return document;
                }

                return await fixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);
            });
        }
    }
}
