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
        /// <param name="fixDocumentAsync">Applies the fixes of one equivalence key to the diagnostics of one document.</param>
        /// <param name="defaultKey">
        /// The key to apply when Fix All is started without one: <c>dotnet format</c> takes the key of the first action the
        /// first diagnostic offers, and starts with none when that site has no fix (a wait inside <c>lock</c>), which would
        /// otherwise leave every other site unfixed.
        /// </param>
        public static FixAllProvider Create(Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> fixDocumentAsync, string? defaultKey = null)
        {
            return FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                var key = context.CodeActionEquivalenceKey ?? defaultKey;
                if (diagnostics.IsDefaultOrEmpty || key is null)
                {
                    return document;
                }

                return await fixDocumentAsync(document, diagnostics, key, context.CancellationToken).ConfigureAwait(false);
            });
        }
    }
}
