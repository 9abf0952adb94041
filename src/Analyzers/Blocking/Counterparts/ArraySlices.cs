using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// The arguments of a counterpart that takes one <c>Memory&lt;T&gt;</c> where the synchronous method takes an array, an
    /// offset and a count (<see cref="AsyncCounterpart.SlicedParameters"/>): <c>buffer, offset, size</c> becomes
    /// <c>buffer.AsMemory(offset, size)</c>. Used for the message and by the fix, so that both write the same call.
    /// </summary>
    internal static class ArraySlices
    {
        public static ArgumentListSyntax Apply(ArgumentListSyntax list, ulong sliced)
        {
            if (sliced == 0)
            {
                return list;
            }

            var arguments = list.Arguments;
            var written = new List<ArgumentSyntax>(arguments.Count);
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i < 64 && (sliced & (1UL << i)) != 0 && i + 2 < arguments.Count)
                {
                    var slice = Slice(arguments[i].Expression, arguments[i + 1].Expression, arguments[i + 2].Expression);
                    written.Add(SyntaxFactory.Argument(slice).WithLeadingTrivia(arguments[i].GetLeadingTrivia()));
                    i += 2;
                    continue;
                }

                written.Add(arguments[i]);
            }

            return list.WithArguments(List(written));
        }

        private static ExpressionSyntax Slice(ExpressionSyntax array, ExpressionSyntax offset, ExpressionSyntax count)
        {
            var receiver = array.WithoutTrivia();
            if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
                or ThisExpressionSyntax or ParenthesizedExpressionSyntax))
            {
                receiver = SyntaxFactory.ParenthesizedExpression(receiver);
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("AsMemory")),
                SyntaxFactory.ArgumentList(List(new[] { SyntaxFactory.Argument(offset.WithoutTrivia()), SyntaxFactory.Argument(count.WithoutTrivia()) })));
        }

        private static SeparatedSyntaxList<ArgumentSyntax> List(IReadOnlyList<ArgumentSyntax> arguments)
        {
            var separators = new List<SyntaxToken>(arguments.Count);
            for (var i = 1; i < arguments.Count; i++)
            {
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return SyntaxFactory.SeparatedList(arguments, separators);
        }
    }
}
