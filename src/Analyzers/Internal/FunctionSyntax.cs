using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Syntax-side view of "the function that owns this node", mirroring the analyzers' async-path model.</summary>
    internal static class FunctionSyntax
    {
        /// <summary>
        /// The nearest method, local function, lambda, anonymous method, accessor, operator or constructor around
        /// <paramref name="node"/>; the compilation unit for top-level statements; null when there is none.
        /// </summary>
        public static SyntaxNode? FindOwner(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }:
                        return current;
                    case GlobalStatementSyntax:
                        return current.Parent;
                    case TypeDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>True when an <c>await</c> can be placed at <paramref name="node"/> once its owner is async: not inside
        /// <c>lock</c>, an exception filter, an unsafe context, or a query clause (where the compiler forbids it).</summary>
        public static bool CanAwaitAt(SyntaxNode node, SyntaxNode owner)
            => AsyncAnalyzers.Internal.AwaitPlacement.Find(node) == AsyncAnalyzers.Internal.AwaitBlocker.None;

        public static bool IsAsync(SyntaxNode owner)
        {
            return owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
                MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
                CompilationUnitSyntax => true,
                _ => false,
            };
        }

        /// <summary>The body the owner's own <c>return</c> statements belong to: a block, or an expression body.</summary>
        public static SyntaxNode? Body(SyntaxNode owner)
        {
            return owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.Body,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
                _ => null,
            };
        }
    }
}
