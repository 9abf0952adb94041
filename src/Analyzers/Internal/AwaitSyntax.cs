using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Builds <c>await</c> expressions and framework type names for fixes.</summary>
    internal static class AwaitSyntax
    {
        /// <summary>
        /// <c>await expression</c>, wrapped in parentheses when the place it goes needs them: member access, element access,
        /// invocation, postfix operators and the like bind tighter than <c>await</c> (<c>(await t).Length</c>).
        /// Leading and trailing trivia of <paramref name="replacedNode"/> move to the new expression.
        /// </summary>
        public static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode replacedNode)
        {
            var operand = expression.WithoutTrivia();
            if (NeedsParenthesesAsAwaitOperand(operand))
            {
                operand = SyntaxFactory.ParenthesizedExpression(operand);
            }

            ExpressionSyntax result = SyntaxFactory.AwaitExpression(operand);
            if (NeedsParenthesesAt(replacedNode))
            {
                result = SyntaxFactory.ParenthesizedExpression(result);
            }

            return result.WithTriviaFrom(replacedNode).WithAdditionalAnnotations(FixAnnotations.Format);
        }

        /// <summary><c>System.Threading.Tasks.Task</c> as a simplifiable, import-adding name.</summary>
        public static NameSyntax TaskTypeName()
            => QualifiedTasksName(SyntaxFactory.IdentifierName("Task"));

        /// <summary><c>System.Threading.Tasks.Task&lt;T&gt;</c> as a simplifiable, import-adding name.</summary>
        public static NameSyntax GenericTaskTypeName(TypeSyntax typeArgument)
            => QualifiedTasksName(SyntaxFactory.GenericName(
                SyntaxFactory.Identifier("Task"),
                SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(typeArgument.WithoutTrivia()))));

        private static NameSyntax QualifiedTasksName(SimpleNameSyntax name)
        {
            var tasksNamespace = SyntaxFactory.ParseName("global::System.Threading.Tasks");
            return SyntaxFactory.QualifiedName(tasksNamespace, name)
                .WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
        }

        private static bool NeedsParenthesesAsAwaitOperand(ExpressionSyntax operand)
        {
            // await binds like a unary operator: its operand must be a primary or unary expression.
            switch (operand)
            {
                case BinaryExpressionSyntax:
                case AssignmentExpressionSyntax:
                case ConditionalExpressionSyntax:
                case LambdaExpressionSyntax:
                case IsPatternExpressionSyntax:
                case SwitchExpressionSyntax:
                case RangeExpressionSyntax:
                case WithExpressionSyntax:
                case QueryExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }

        private static bool NeedsParenthesesAt(SyntaxNode replacedNode)
        {
            switch (replacedNode.Parent)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Expression == replacedNode;
                case ConditionalAccessExpressionSyntax conditionalAccess:
                    return conditionalAccess.Expression == replacedNode;
                case ElementAccessExpressionSyntax elementAccess:
                    return elementAccess.Expression == replacedNode;
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression == replacedNode;
                case PostfixUnaryExpressionSyntax:
                    return true;
                case SwitchExpressionSyntax switchExpression:
                    // "await t switch { ... }" parses as "await (t switch { ... })"; "with" binds the same way.
                    return switchExpression.GoverningExpression == replacedNode;
                case WithExpressionSyntax withExpression:
                    return withExpression.Expression == replacedNode;
                default:
                    return false;
            }
        }
    }
}
