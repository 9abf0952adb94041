using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Where a finding on a call is marked.</summary>
    internal static class CallLocations
    {
        /// <summary>
        /// A call on the result of another call (<c>probe.Request(2).ExpectNext(1)</c>, a fluent chain over several lines) is
        /// marked from its own name to its closing parenthesis (<c>ExpectNext(1)</c>): each call of the chain gets its own
        /// mark on its own line, instead of every mark starting where the chain starts. Any other call is marked whole.
        /// The span still selects the invocation for the fixers (the smallest node that contains it).
        /// </summary>
        public static Location Of(SyntaxNode syntax)
        {
            if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name, Expression: var receiver } } invocation
                && IsCallResult(receiver))
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(name.SpanStart, invocation.Span.End));
            }

            return syntax.GetLocation();
        }

        private static bool IsCallResult(ExpressionSyntax receiver)
        {
            var current = receiver;
            while (true)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax:
                        return true;
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax suppressed:
                        current = suppressed.Operand;
                        break;
                    case AwaitExpressionSyntax:
                    default:
                        return false;
                }
            }
        }
    }
}
