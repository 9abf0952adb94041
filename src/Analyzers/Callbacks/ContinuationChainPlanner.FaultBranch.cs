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
        /// <summary>
        /// A returned single continuation that branches on <c>IsFaulted</c>:
        /// <c>x =&gt; x.IsFaulted ? f : s</c> or <c>{ if (x.IsFaulted) { ...; return f; } ...; return s; }</c>. It becomes
        /// <c>try { result = await t; } catch (Exception ex) when (!(ex is OperationCanceledException)) { ...; return f; }</c>
        /// followed by the success branch. The fault branch may read the failure only as <c>x.Exception.InnerException</c>
        /// (the exception await rethrows); a cancelled antecedent keeps taking the success branch, where Result threw.
        /// </summary>
        private bool TryFaultBranch(InvocationExpressionSyntax call, ExpressionSyntax antecedent, ITypeSymbol? antecedentType, out Flow flow)
        {
            flow = default;
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count is < 1 or > 2 || arguments.Count == 2 && !IsHarmlessOptions(arguments[1].Expression)
                || arguments[0].Expression is not LambdaExpressionSyntax lambda || lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                || ParameterOf(lambda) is not { } parameterSyntax
                || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol
                || types.IsAwaitableReturnType(lambdaSymbol.ReturnType))
            {
                return false;
            }

            // Evaluating the antecedent inside the try must not catch what it throws synchronously.
            var antecedentSymbol = model.GetSymbolInfo(antecedent, cancellationToken).Symbol;
            if (antecedentSymbol is not ILocalSymbol and not IParameterSymbol and not IMethodSymbol { IsAsync: true })
            {
                return false;
            }

            // Split the body into the fault branch and the success branch.
            SyntaxNode? condition;
            SyntaxNode faultBranch;
            SyntaxNode successBranch;
            var producesValue = !lambdaSymbol.ReturnsVoid;
            List<StatementSyntax> successStatements;
            if (lambda.Body is ConditionalExpressionSyntax conditional && producesValue)
            {
                condition = conditional.Condition;
                faultBranch = conditional.WhenTrue;
                successBranch = conditional.WhenFalse;
                successStatements = new List<StatementSyntax>();
            }
            else if (lambda.Body is BlockSyntax { Statements.Count: > 0 } block && block.Statements[0] is IfStatementSyntax ifStatement)
            {
                condition = ifStatement.Condition;
                faultBranch = ifStatement.Statement;
                if (ifStatement.Else is { } elseClause)
                {
                    if (block.Statements.Count != 1)
                    {
                        return false;
                    }

                    successBranch = elseClause.Statement;
                }
                else
                {
                    // Without else the fault branch must leave the continuation, or the success branch would run after it.
                    if (!EndsWithReturn(faultBranch))
                    {
                        return false;
                    }

                    successBranch = block;
                }

                successStatements = new List<StatementSyntax>();
            }
            else
            {
                return false;
            }

            // IsFaulted: the branch is the catch of what await rethrows; IsCanceled: the catch of OperationCanceledException.
            if (condition is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsFaulted" or "IsCanceled", Expression: IdentifierNameSyntax tested } check
                || tested.Identifier.ValueText != parameter.Name)
            {
                return false;
            }

            var checksCancellation = check.Name.Identifier.ValueText == "IsCanceled";

            if (!LocalsAreFree(lambda))
            {
                return false;
            }

            var isGeneric = types.IsGenericTaskType(antecedentType);
            if (!isGeneric)
            {
                return false;
            }

            var resultName = NewName("result");
            var exceptionName = checksCancellation ? "" : NewName("exception");
            if (resultName is null || exceptionName is null)
            {
                return false;
            }

            var faultSubstitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            var successSubstitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            SyntaxNode? firstSuccessRead = null;
            foreach (var use in Uses(lambda, parameter))
            {
                if (use == tested)
                {
                    continue;
                }

                if (InsideNestedFunction(use, lambda))
                {
                    return false;
                }

                if (faultBranch.Span.Contains(use.Span))
                {
                    if (checksCancellation || InnerExceptionRead(use) is not { } read)
                    {
                        return false;
                    }

                    faultSubstitutions.Add(read, SyntaxFactory.IdentifierName(exceptionName).WithTriviaFrom(read));
                }
                else if (successBranch.Span.Contains(use.Span) && isGeneric
                    && use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result && result.Expression == use)
                {
                    successSubstitutions.Add(result, SyntaxFactory.IdentifierName(resultName!).WithTriviaFrom(result));
                    if (firstSuccessRead is null || result.SpanStart < firstSuccessRead.SpanStart)
                    {
                        firstSuccessRead = result;
                    }
                }
                else
                {
                    return false;
                }
            }

            // A cancelled antecedent is not faulted: the success branch ran and threw at its first Result read, where the
            // rewrite lets the await throw. So that read must come first, and there must be one.
            if (firstSuccessRead is null)
            {
                return false;
            }

            var readsFirst = successBranch == lambda.Body
                ? IsEvaluatedFirstAfterIf(firstSuccessRead, (BlockSyntax)successBranch)
                : IsEvaluatedFirst(firstSuccessRead, successBranch);
            if (!readsFirst)
            {
                return false;
            }

            var newFault = faultSubstitutions.Count == 0 ? faultBranch : faultBranch.ReplaceNodes(faultSubstitutions.Keys, (original, _) => faultSubstitutions[original]);
            var newSuccess = successSubstitutions.Count == 0 ? successBranch : successBranch.ReplaceNodes(successSubstitutions.Keys, (original, _) => successSubstitutions[original]);

            // The catch body: the fault branch, ending in a return of its value.
            var catchStatements = new List<StatementSyntax>();
            if (newFault is ExpressionSyntax faultValue)
            {
                catchStatements.Add(SyntaxFactory.ReturnStatement(faultValue.WithoutTrivia()));
            }
            else
            {
                catchStatements.AddRange(newFault is BlockSyntax faultBlock ? faultBlock.Statements : SyntaxFactory.SingletonList((StatementSyntax)newFault));
                if (!EndsWithReturn(newFault))
                {
                    if (producesValue)
                    {
                        return false;
                    }

                    catchStatements.Add(SyntaxFactory.ReturnStatement());
                }
            }

            var exceptionType = SyntaxFactory.ParseTypeName("global::System.Exception").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
            var cancelledType = SyntaxFactory.ParseTypeName("global::System.OperationCanceledException").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
            var filter = SyntaxFactory.PrefixUnaryExpression(
                SyntaxKind.LogicalNotExpression,
                SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.IsExpression, SyntaxFactory.IdentifierName(exceptionName), cancelledType)));
            var catchClause = checksCancellation
                ? SyntaxFactory.CatchClause(SyntaxFactory.CatchDeclaration(cancelledType), null, SyntaxFactory.Block(catchStatements))
                : SyntaxFactory.CatchClause(
                    SyntaxFactory.CatchDeclaration(exceptionType, SyntaxFactory.Identifier(exceptionName)),
                    SyntaxFactory.CatchFilterClause(filter),
                    SyntaxFactory.Block(catchStatements));

            ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(Operand(antecedent));
            StatementSyntax tryStatement = isGeneric
                ? SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(resultName!), awaited))
                : SyntaxFactory.ExpressionStatement(awaited);
            if (isGeneric)
            {
                var resultType = ((INamedTypeSymbol)antecedentType!).TypeArguments[0];
                var typeSyntax = SyntaxFactory.ParseTypeName(resultType.ToMinimalDisplayString(model, call.SpanStart)).WithAdditionalAnnotations(FixAnnotations.Simplify);
                prelude.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(typeSyntax, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(resultName!))))
                    .WithAdditionalAnnotations(FixAnnotations.Format));
            }

            prelude.Add(SyntaxFactory.TryStatement(SyntaxFactory.Block(tryStatement), SyntaxFactory.SingletonList(catchClause), null).WithAdditionalAnnotations(FixAnnotations.Format));

            // The success branch follows the try statement.
            ExpressionSyntax? value = null;
            if (newSuccess is ExpressionSyntax successValue)
            {
                value = successValue.WithoutTrivia();
            }
            else
            {
                var statements = newSuccess is BlockSyntax successBlock
                    ? (IReadOnlyList<StatementSyntax>)successBlock.Statements
                    : new[] { (StatementSyntax)newSuccess };
                var start = successBranch == lambda.Body ? 1 : 0;
                var end = statements.Count;
                if (producesValue)
                {
                    if (end <= start || statements[end - 1] is not ReturnStatementSyntax { Expression: { } returned })
                    {
                        return false;
                    }

                    value = returned.WithoutTrivia();
                    end--;
                }

                for (var i = start; i < end; i++)
                {
                    if (ContainsReturn(statements[i]))
                    {
                        return false;
                    }

                    prelude.Add(statements[i].WithAdditionalAnnotations(FixAnnotations.Format));
                }
            }

            flow = new Flow { Value = value, HasValue = producesValue };
            return true;
        }

        private static bool EndsWithReturn(SyntaxNode branch)
        {
            return branch switch
            {
                ReturnStatementSyntax => true,
                BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax,
                _ => false,
            };
        }

        private static bool ContainsReturn(SyntaxNode node)
        {
            foreach (var descendant in node.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (descendant is ReturnStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>In a continuation body <c>{ if (...) {...} rest }</c>: is the read the first thing the rest evaluates?</summary>
        private static bool IsEvaluatedFirstAfterIf(SyntaxNode read, BlockSyntax body)
        {
            if (body.Statements.Count < 2 || !body.Statements[1].Span.Contains(read.Span))
            {
                return false;
            }

            return IsEvaluatedFirst(read, body.Statements[1]);
        }

        /// <summary><c>x.Exception.InnerException</c> (also with <c>?.</c> or <c>!</c>): the exception await rethrows.</summary>
        private static SyntaxNode? InnerExceptionRead(IdentifierNameSyntax use)
        {
            if (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exception" } exception && exception.Expression == use)
            {
                SyntaxNode current = exception;
                if (current.Parent is PostfixUnaryExpressionSyntax bang && bang.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                {
                    current = bang;
                }

                if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InnerException" } inner && inner.Expression == current)
                {
                    // The caught exception is never null: a '!' after InnerException goes with it.
                    return inner.Parent is PostfixUnaryExpressionSyntax innerBang && innerBang.IsKind(SyntaxKind.SuppressNullableWarningExpression)
                        ? innerBang
                        : inner;
                }

                if (current.Parent is ConditionalAccessExpressionSyntax conditional && conditional.Expression == current
                    && conditional.WhenNotNull is MemberBindingExpressionSyntax { Name.Identifier.ValueText: "InnerException" })
                {
                    return conditional;
                }
            }

            return null;
        }
    }
}
