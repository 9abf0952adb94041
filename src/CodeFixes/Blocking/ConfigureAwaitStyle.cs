using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>How a function already awaits, so that a new await matches it.</summary>
    internal static class ConfigureAwaitStyle
    {
        /// <summary>True when the owner already awaits, and every one of its awaits is <c>.ConfigureAwait(false)</c>: library code that wants no context.</summary>
        public static bool UsesConfigureAwaitFalse(SyntaxNode owner)
        {
            var body = FunctionSyntax.Body(owner) ?? owner;
            var awaits = 0;
            foreach (var node in body.DescendantNodes(descendIntoChildren: n => n == body || (n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)))
            {
                if (node is not AwaitExpressionSyntax awaitExpression)
                {
                    continue;
                }

                awaits++;
                if (awaitExpression.Expression is not InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                        ArgumentList.Arguments: { Count: 1 } configureArguments,
                    }
                    || !configureArguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
                {
                    return false;
                }
            }

            return awaits > 0;
        }

        /// <summary><paramref name="call"/><c>.ConfigureAwait(false)</c>.</summary>
        public static InvocationExpressionSyntax WithConfigureAwaitFalse(ExpressionSyntax call)
            => SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
    }
}
