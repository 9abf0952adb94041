using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// The methods a rewrite calls, bound where the original stands: what <see cref="LinkedTargets"/> must find in every
    /// target framework of a multi-targeted project before the rewrite is offered.
    /// </summary>
    internal static class WrittenSymbols
    {
        /// <summary>
        /// The methods invoked in <paramref name="replacement"/> (an expression or a statement built from the original's
        /// text), each call bound on its own at the position of <paramref name="original"/>, less those the original calls too.
        /// </summary>
        public static ImmutableArray<ISymbol> Of(SemanticModel model, SyntaxNode original, SyntaxNode replacement)
        {
            // Calls copied over from the original (arguments) compile wherever the original does.
            var kept = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var node in original.DescendantNodesAndSelf())
            {
                if (node is InvocationExpressionSyntax invocation && model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method)
                {
                    kept.Add(method);
                }
            }

            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            foreach (var node in replacement.DescendantNodesAndSelf())
            {
                if (node is InvocationExpressionSyntax invocation
                    && model.GetSpeculativeSymbolInfo(original.SpanStart, invocation, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol method
                    && !kept.Contains(method))
                {
                    builder.Add(method);
                }
            }

            return builder.ToImmutable();
        }
    }
}
