using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    internal sealed partial class ContinuationChainPlanner
    {
        private static ParameterSyntax? ParameterOf(LambdaExpressionSyntax lambda)
        {
            return lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                _ => null,
            };
        }

        private List<IdentifierNameSyntax> Uses(LambdaExpressionSyntax lambda, IParameterSymbol parameter)
        {
            var uses = new List<IdentifierNameSyntax>();
            foreach (var node in lambda.Body.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier
                    && identifier.Identifier.ValueText == parameter.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
                {
                    uses.Add(identifier);
                }
            }

            return uses;
        }

        private static bool InsideNestedFunction(SyntaxNode node, LambdaExpressionSyntax lambda)
        {
            for (var current = node.Parent; current is not null && current != lambda; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="read"/> is evaluated unconditionally and before anything with a visible effect in
        /// <paramref name="body"/>: then awaiting first and running the rest after is the same sequence, including when the
        /// antecedent failed (Result would have thrown at that very point).
        /// </summary>
        internal static bool IsEvaluatedFirst(SyntaxNode read, SyntaxNode body)
        {
            for (SyntaxNode node = read; node != body; node = node.Parent!)
            {
                var parent = node.Parent;
                switch (parent)
                {
                    case null:
                        return false;
                    case ConditionalExpressionSyntax conditional when conditional.Condition != node:
                    case BinaryExpressionSyntax binary when binary.Right == node
                        && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression)):
                    case AssignmentExpressionSyntax assignment when assignment.Right == node && assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression):
                    case ConditionalAccessExpressionSyntax conditionalAccess when conditionalAccess.WhenNotNull == node:
                    case SwitchExpressionArmSyntax:
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BlockSyntax block when block.Statements.Count == 0 || block.Statements[0] != node:
                    case IfStatementSyntax ifStatement when ifStatement.Condition != node:
                    case SwitchStatementSyntax switchStatement when switchStatement.Expression != node:
                    case ForEachStatementSyntax forEach when forEach.Expression != node:
                    case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax:
                    case UsingStatementSyntax or LockStatementSyntax or CheckedStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or LabeledStatementSyntax:
                        return false;
                }
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node.Span.End > read.SpanStart)
                {
                    continue;
                }

                switch (node)
                {
                    case InvocationExpressionSyntax:
                    case BaseObjectCreationExpressionSyntax:
                    case AssignmentExpressionSyntax:
                    case AwaitExpressionSyntax:
                    case ElementAccessExpressionSyntax:
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                    case PostfixUnaryExpressionSyntax:
                        return false;
                }
            }

            return true;
        }

        private static List<ReturnStatementSyntax> ReturnsOf(BlockSyntax block)
        {
            var returns = new List<ReturnStatementSyntax>();
            foreach (var node in block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax returnStatement)
                {
                    returns.Add(returnStatement);
                }
            }

            return returns;
        }

        /// <summary>Locals the continuation declares move into the function: their names must not appear anywhere else in it.</summary>
        private bool LocalsAreFree(LambdaExpressionSyntax lambda)
        {
            foreach (var node in lambda.Body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                var declared = node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax forEach => forEach.Identifier,
                    CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
                    LocalFunctionStatementSyntax localFunction => localFunction.Identifier,
                    _ => default,
                };
                if (declared.IsKind(SyntaxKind.IdentifierToken) && !IsFreeName(declared.ValueText, lambda))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="name"/> occurs in the function only inside <paramref name="within"/>, and was not generated already.</summary>
        private bool IsFreeName(string name, SyntaxNode within)
        {
            if (generatedNames.Contains(name))
            {
                return false;
            }

            var inside = 0;
            foreach (var token in within.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    inside++;
                }
            }

            CountIdentifiers().TryGetValue(name, out var total);
            if (total != inside)
            {
                return false;
            }

            generatedNames.Add(name);
            return true;
        }

        private string? NewName(string baseName)
        {
            var counts = CountIdentifiers();
            for (var i = 1; i < 100; i++)
            {
                var name = i == 1 ? baseName : baseName + i;
                if (!counts.ContainsKey(name) && generatedNames.Add(name))
                {
                    return name;
                }
            }

            return null;
        }

        private Dictionary<string, int> CountIdentifiers()
        {
            if (identifierCounts is null)
            {
                identifierCounts = new Dictionary<string, int>();
                foreach (var token in owner.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        identifierCounts.TryGetValue(token.ValueText, out var count);
                        identifierCounts[token.ValueText] = count + 1;
                    }
                }
            }

            return identifierCounts;
        }
    }
}
