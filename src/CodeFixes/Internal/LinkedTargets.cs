using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>
    /// A multi-targeted project (<c>&lt;TargetFrameworks&gt;net8.0;netstandard2.0&lt;/TargetFrameworks&gt;</c>) loads in the
    /// IDE and in <c>dotnet format</c> as one project per target framework, each compiling the same files (linked
    /// documents). The analyzer sees one of those compilations at a time; a fix is applied to the file they share, so it
    /// must compile in all of them. These helpers answer whether the symbols a fix is about to write exist in every
    /// compilation where the fixed code is active (code under an <c>#if</c> that another target excludes does not count
    /// for that target).
    /// </summary>
    internal static class LinkedTargets
    {
        /// <summary>
        /// True when each symbol exists (by documentation id: same containing type, name and signature) in every other
        /// target's compilation in which <paramref name="position"/> is active code. A single-target project answers
        /// true without building anything.
        /// </summary>
        public static async Task<bool> AllExistAsync(Document document, int position, ImmutableArray<ISymbol> symbols, CancellationToken cancellationToken)
        {
            var linked = document.GetLinkedDocumentIds();
            if (linked.IsEmpty || symbols.IsDefaultOrEmpty)
            {
                return true;
            }

            var ids = ImmutableArray.CreateBuilder<string>(symbols.Length);
            foreach (var symbol in symbols)
            {
                if (symbol is null)
                {
                    continue;
                }

                var id = DocumentationCommentId.CreateDeclarationId(Definition(symbol));
                if (id is null)
                {
                    return false; // cannot be named, so cannot be proven to exist elsewhere
                }

                ids.Add(id);
            }

            var compilations = await OtherActiveCompilationsAsync(document, position, cancellationToken).ConfigureAwait(false);
            if (compilations.IsDefault)
            {
                return false;
            }

            foreach (var compilation in compilations)
            {
                foreach (var id in ids)
                {
                    if (DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The single-symbol form of <see cref="AllExistAsync(Document, int, ImmutableArray{ISymbol}, CancellationToken)"/>.</summary>
        public static Task<bool> ExistsAsync(Document document, int position, ISymbol? symbol, CancellationToken cancellationToken)
            => symbol is null
                ? Task.FromResult(true)
                : AllExistAsync(document, position, ImmutableArray.Create(symbol), cancellationToken);

        /// <summary>
        /// True when no other target declares a member named <paramref name="name"/> in <paramref name="type"/> (a twin the
        /// fix would generate must not collide with one that exists only under another target's <c>#if</c>).
        /// </summary>
        public static async Task<bool> NameIsFreeInEveryTargetAsync(Document document, int position, INamedTypeSymbol type, string name, CancellationToken cancellationToken)
        {
            if (document.GetLinkedDocumentIds().IsEmpty)
            {
                return true;
            }

            var typeId = DocumentationCommentId.CreateDeclarationId(type.OriginalDefinition);
            var compilations = typeId is null
                ? default
                : await OtherActiveCompilationsAsync(document, position, cancellationToken).ConfigureAwait(false);
            if (compilations.IsDefault)
            {
                return false;
            }

            foreach (var compilation in compilations)
            {
                if (DocumentationCommentId.GetFirstSymbolForDeclarationId(typeId!, compilation) is INamedTypeSymbol otherType
                    && !otherType.GetMembers(name).IsEmpty)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The compilations of the other targets in which <paramref name="position"/> is active code; default when one of
        /// them cannot be built (the caller then offers nothing it cannot check).
        /// </summary>
        private static async Task<ImmutableArray<Compilation>> OtherActiveCompilationsAsync(Document document, int position, CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<Compilation>();
            foreach (var linkedId in document.GetLinkedDocumentIds())
            {
                var other = document.Project.Solution.GetDocument(linkedId);
                if (other is null || !await IsActiveAsync(other, position, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var compilation = await other.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation is null)
                {
                    return default;
                }

                builder.Add(compilation);
            }

            return builder.ToImmutable();
        }

        /// <summary>True when the document has linked copies (the file is compiled for more than one target).</summary>
        public static bool IsMultiTargeted(Document document) => !document.GetLinkedDocumentIds().IsEmpty;

        private static ISymbol Definition(ISymbol symbol)
        {
            if (symbol is IMethodSymbol method)
            {
                if (method.ReducedFrom is { } reduced)
                {
                    method = reduced;
                }

                return method.OriginalDefinition;
            }

            return symbol.OriginalDefinition;
        }

        /// <summary>False when the position lies in a region the linked target's preprocessor symbols exclude.</summary>
        private static async Task<bool> IsActiveAsync(Document other, int position, CancellationToken cancellationToken)
        {
            var root = await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || position < 0 || position >= root.FullSpan.End)
            {
                return false;
            }

            var trivia = root.FindTrivia(position, findInsideTrivia: false);
            return !trivia.IsKind(SyntaxKind.DisabledTextTrivia);
        }
    }
}
