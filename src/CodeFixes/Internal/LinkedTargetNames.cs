using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>
    /// The other side of <see cref="LinkedTargets"/>: a member a fix adds must not exist already in another target framework
    /// of a multi-targeted project (a <c>LoadAsync</c> declared under <c>#if NET8_0_OR_GREATER</c> is absent from the
    /// netstandard2.0 compilation, where a fix would otherwise add a second one to the shared file).
    /// </summary>
    internal static class LinkedTargetNames
    {
        /// <summary>
        /// True when no linked target in which <paramref name="position"/> is active code has a member named
        /// <paramref name="name"/> on <paramref name="type"/>. A single-target project answers true without building anything.
        /// </summary>
        public static async Task<bool> FreeInEveryTargetAsync(Document document, int position, INamedTypeSymbol type, string name, CancellationToken cancellationToken)
        {
            var linked = document.GetLinkedDocumentIds();
            if (linked.IsEmpty)
            {
                return true;
            }

            var typeId = DocumentationCommentId.CreateDeclarationId(type.OriginalDefinition);
            if (typeId is null)
            {
                return false;
            }

            foreach (var linkedId in linked)
            {
                var other = document.Project.Solution.GetDocument(linkedId);
                var root = other is null ? null : await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || position < 0 || position >= root.FullSpan.End
                    || root.FindTrivia(position, findInsideTrivia: false).IsKind(SyntaxKind.DisabledTextTrivia))
                {
                    continue;
                }

                var compilation = await other!.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation is null)
                {
                    return false;
                }

                if (DocumentationCommentId.GetFirstSymbolForDeclarationId(typeId, compilation) is INamedTypeSymbol otherType
                    && !otherType.GetMembers(name).IsEmpty)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
