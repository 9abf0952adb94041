using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    internal static class FixedDocument
    {
        /// <summary>
        /// The edited document with the usings that new framework names need (nodes carrying
        /// <see cref="Simplifier.AddImportsAnnotation"/>); simplification and formatting of annotated nodes follow in
        /// the code action's own clean-up.
        /// </summary>
        public static Task<Document> FinishAsync(DocumentEditor editor, CancellationToken cancellationToken)
        {
            return ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);
        }
    }
}
