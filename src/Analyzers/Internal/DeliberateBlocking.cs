using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// "Has the code already said that blocking here is intended?" Asked by every blocking rule just before it reports
    /// (and by the helper summary for each blocking site it records), so the cost is paid only for candidates:
    /// the synchronous side of a dual-mode condition (<see cref="DualMode"/>), or a site where the authors suppressed a
    /// peer analyzer's rule for the same problem (<c>#pragma warning disable CA1849</c>, VSTHRD002, VSTHRD103, MA0042,
    /// MA0045, AsyncFixer02, or <c>[SuppressMessage]</c> of one of them on the member or a containing type).
    /// </summary>
    internal static class DeliberateBlocking
    {
        private static readonly System.Collections.Immutable.ImmutableArray<string> PeerIds =
            System.Collections.Immutable.ImmutableArray.Create("CA1849", "VSTHRD002", "VSTHRD103", "MA0042", "MA0045", "AsyncFixer02");

        public static bool IsDeliberate(IOperation site, ISymbol? containingSymbol)
        {
            return DualMode.IsOnSyncBranch(site)
                || IsPeerSuppressedByPragma(site.Syntax)
                || IsPeerSuppressedByAttribute(containingSymbol);
        }

        /// <summary>A <c>#pragma warning disable</c> of a peer id in effect at the site (not restored before it).</summary>
        internal static bool IsPeerSuppressedByPragma(SyntaxNode node)
        {
            var root = node.SyntaxTree.GetRoot();
            if (!root.ContainsDirectives)
            {
                return false;
            }

            var position = node.SpanStart;
            var disabled = 0;
            for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                if (directive is not PragmaWarningDirectiveTriviaSyntax pragma)
                {
                    continue;
                }

                var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
                foreach (var code in pragma.ErrorCodes)
                {
                    var index = IndexOfPeer(code.ToString().Trim());
                    if (index >= 0)
                    {
                        disabled = disable ? disabled | (1 << index) : disabled & ~(1 << index);
                    }
                }
            }

            return disabled != 0;
        }

        /// <summary><c>[SuppressMessage("...", "VSTHRD002:...")]</c> (or <c>UnconditionalSuppressMessage</c>) on the member, its owners or containing types.</summary>
        internal static bool IsPeerSuppressedByAttribute(ISymbol? symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name is "SuppressMessageAttribute" or "UnconditionalSuppressMessageAttribute"
                        && attribute.ConstructorArguments.Length >= 2
                        && attribute.ConstructorArguments[1].Value is string checkId)
                    {
                        var colon = checkId.IndexOf(':');
                        if (IndexOfPeer((colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim()) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static int IndexOfPeer(string id)
        {
            for (var i = 0; i < PeerIds.Length; i++)
            {
                if (string.Equals(PeerIds[i], id, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
