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
        private bool TryContinueWith(InvocationExpressionSyntax call, ref Flow flow)
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count is < 1 or > 2 || arguments[0].NameColon is not null && arguments[0].NameColon!.Name.Identifier.Text != "continuationAction" && arguments[0].NameColon!.Name.Identifier.Text != "continuationFunction")
            {
                return false;
            }

            var notOnCanceled = arguments.Count == 2 && CancelsWhereAwaitDoes(arguments[1].Expression);
            if (arguments.Count == 2 && !notOnCanceled && !IsHarmlessOptions(arguments[1].Expression))
            {
                return false;
            }

            if (arguments[0].Expression is not LambdaExpressionSyntax lambda || ParameterOf(lambda) is not { } parameterSyntax)
            {
                return false;
            }

            if (model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol)
            {
                return false;
            }

            var uses = Uses(lambda, parameter);
            var substitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            if (uses.Count == 0)
            {
                if (notOnCanceled)
                {
                    // It ran after a fault but not after a cancellation: no single await says that.
                    return false;
                }

                // The continuation runs whatever the antecedent's outcome: wait for it without throwing. Only the first
                // link's task can be waited for this way: after an earlier link (also an unwrapped one, whose task holds
                // that link's await), a failure before it would now skip this continuation.
                if (laterLink || flow.Pending is null || !TryAddSuppressedAwait(flow.Pending, flow.PendingIsGeneric))
                {
                    return false;
                }
            }
            else
            {
                if (flow.Pending is null && (flow.Value is null || !flow.HasValue))
                {
                    return false;
                }

                var results = new List<MemberAccessExpressionSyntax>();
                foreach (var use in uses)
                {
                    if (use.Parent is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Result" } result
                        || result.Expression != use
                        || InsideNestedFunction(use, lambda))
                    {
                        return false;
                    }

                    results.Add(result);
                }

                results.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
                var firstRead = results[0];
                if (!IsEvaluatedFirst(firstRead, lambda.Body) || !FunctionSyntax.CanAwaitAt(firstRead, lambda))
                {
                    return false;
                }

                var value = flow.Pending is not null
                    ? (ExpressionSyntax)SyntaxFactory.AwaitExpression(Operand(flow.Pending))
                    : flow.Value!;
                if (results.Count == 1)
                {
                    substitutions.Add(firstRead, Parenthesized(value));
                }
                else
                {
                    var name = NewName("result");
                    if (name is null)
                    {
                        return false;
                    }

                    prelude.Add(LocalDeclaration(name, value));
                    foreach (var result in results)
                    {
                        substitutions.Add(result, SyntaxFactory.IdentifierName(name));
                    }
                }
            }

            return TryInlineBody(lambda, lambdaSymbol, substitutions, call, ref flow);
        }

        private bool TryFactoryContinuation(InvocationExpressionSyntax call, IMethodSymbol method, ref Flow flow)
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count != 2 || arguments[0].NameColon is not null || arguments[1].NameColon is not null)
            {
                return false;
            }

            // The tasks are referenced again by the rewrite: only a local or parameter can be read twice safely.
            var tasks = arguments[0].Expression as IdentifierNameSyntax;
            var tasksSymbol = tasks is null ? null : model.GetSymbolInfo(tasks, cancellationToken).Symbol;
            if (tasks is null || tasksSymbol is not ILocalSymbol and not IParameterSymbol
                || model.GetTypeInfo(tasks, cancellationToken).Type is not IArrayTypeSymbol arrayType)
            {
                return false;
            }

            if (arguments[1].Expression is not LambdaExpressionSyntax lambda || ParameterOf(lambda) is not { } parameterSyntax
                || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol)
            {
                return false;
            }

            var uses = Uses(lambda, parameter);
            var substitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            var taskType = AwaitSyntax.TaskTypeName();
            if (method.Name == "ContinueWhenAll")
            {
                // The continuation runs once every task is done, whatever their outcome, and gets the same array.
                ExpressionSyntax whenAll = Invoke(taskType, "WhenAll", tasks.WithoutTrivia());
                if (!TryAddSuppressedAwait(whenAll, types.IsGenericTaskType(arrayType.ElementType)))
                {
                    return false;
                }

                foreach (var use in uses)
                {
                    substitutions.Add(use, tasks.WithoutTrivia().WithTriviaFrom(use));
                }
            }
            else
            {
                // WhenAny completes with the first finished task and never throws: the continuation's argument.
                ExpressionSyntax whenAny = SyntaxFactory.AwaitExpression(Invoke(taskType, "WhenAny", tasks.WithoutTrivia()));
                if (uses.Count == 0)
                {
                    prelude.Add(SyntaxFactory.ExpressionStatement(whenAny).WithAdditionalAnnotations(FixAnnotations.Format));
                }
                else
                {
                    if (!IsFreeName(parameter.Name, lambda))
                    {
                        return false;
                    }

                    prelude.Add(LocalDeclaration(parameter.Name, whenAny));
                }
            }

            return TryInlineBody(lambda, lambdaSymbol, substitutions, call, ref flow);
        }

        /// <summary>Appends the continuation's body to the prelude and leaves its value in <paramref name="flow"/>.</summary>
        private bool TryInlineBody(LambdaExpressionSyntax lambda, IMethodSymbol lambdaSymbol, Dictionary<SyntaxNode, SyntaxNode> substitutions, InvocationExpressionSyntax call, ref Flow flow)
        {
            if (!LocalsAreFree(lambda))
            {
                return false;
            }

            var isAsync = lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
            var returnsAwaitable = types.IsAwaitableReturnType(lambdaSymbol.ReturnType);
            var producesValue = isAsync ? types.IsGenericTaskType(lambdaSymbol.ReturnType) : !lambdaSymbol.ReturnsVoid;
            var body = substitutions.Count == 0
                ? lambda.Body
                : lambda.Body.ReplaceNodes(substitutions.Keys, (original, _) => substitutions[original]);

            ExpressionSyntax? value = null;
            var isVoid = false;
            if (body is ExpressionSyntax expression)
            {
                value = expression.WithoutTrivia();
                isVoid = !producesValue;
            }
            else if (body is BlockSyntax block)
            {
                var returns = ReturnsOf(block);
                var statements = block.Statements;
                if (producesValue)
                {
                    if (returns.Count != 1 || statements.Count == 0 || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: { } returned } last || returns[0].SpanStart != last.SpanStart)
                    {
                        return false;
                    }

                    for (var i = 0; i < statements.Count - 1; i++)
                    {
                        prelude.Add(statements[i].WithAdditionalAnnotations(FixAnnotations.Format));
                    }

                    value = returned.WithoutTrivia();
                }
                else
                {
                    if (returns.Count != 0)
                    {
                        return false;
                    }

                    foreach (var statement in statements)
                    {
                        prelude.Add(statement.WithAdditionalAnnotations(FixAnnotations.Format));
                    }

                    isVoid = true;
                }
            }
            else
            {
                return false;
            }

            var unwrapped = NextIsUnwrap(call);
            if (returnsAwaitable != unwrapped)
            {
                // A continuation that returns a task without Unwrap hands out a task of a task: not a shape to guess at.
                return false;
            }

            if (returnsAwaitable && !isAsync)
            {
                // Unwrap of a task-returning continuation: the next link waits for the returned task.
                if (value is null || isVoid)
                {
                    return false;
                }

                flow = new Flow { Pending = value, PendingIsGeneric = types.IsGenericTaskType(lambdaSymbol.ReturnType) };
                return true;
            }

            flow = new Flow { Value = value, HasValue = !isVoid };
            return true;
        }

        private bool NextIsUnwrap(InvocationExpressionSyntax call)
        {
            return call.Parent is MemberAccessExpressionSyntax { Name.Identifier.Text: "Unwrap" } memberAccess
                && memberAccess.Expression == call
                && memberAccess.Parent is InvocationExpressionSyntax unwrapCall
                && unwrapCall.ArgumentList.Arguments.Count == 0
                && model.GetSymbolInfo(unwrapCall, cancellationToken).Symbol is IMethodSymbol unwrap
                && methods.IsUnwrap(unwrap.ReducedFrom ?? unwrap);
        }

        private bool TryAddSuppressedAwait(ExpressionSyntax task, bool isGeneric)
        {
            var isSimple = CallbackTargets.IsSimpleTask(task, model, cancellationToken);
            var name = isSimple || targets.ConfigureAwaitWithOptions is not null ? null : NewName("task");
            if (targets.SuppressedAwait(task, isGeneric, isSimple, name, written) is not { } statements)
            {
                return false;
            }

            prelude.AddRange(statements);
            return true;
        }

        private bool IsHarmlessOptions(ExpressionSyntax expression) => Options(expression) is { } options && (options & ~HarmlessOptions) == 0;

        /// <summary>
        /// Options that do not change whether the continuation runs, nor the outcome of its task: ExecuteSynchronously and
        /// PreferFairness say where and in which order it runs; DenyChildAttach keeps tasks it starts from attaching to it,
        /// which an async method never waits for either. The others (OnlyOnRanToCompletion, NotOnFaulted, HideScheduler,
        /// RunContinuationsAsynchronously...) change when or whether it runs, which the rewrite cannot say the same way; see
        /// <see cref="CancelsWhereAwaitDoes"/> for the one exception.
        /// </summary>
        private const TaskContinuationOptions HarmlessOptions =
            TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.PreferFairness | TaskContinuationOptions.DenyChildAttach;

        /// <summary>
        /// NotOnCanceled (with harmless options) on a continuation that reads the antecedent's Result first: a cancelled
        /// antecedent cancels the continuation's task, and the rewrite's await throws TaskCanceledException there, which
        /// cancels the async method's task: the same outcome. Any other outcome runs the continuation in both. (Without
        /// NotOnCanceled the rewrite is the same; OnlyOnRanToCompletion and NotOnFaulted are not: a fault would cancel the
        /// continuation's task, where the await rethrows the fault.)
        /// </summary>
        private bool CancelsWhereAwaitDoes(ExpressionSyntax expression)
            => Options(expression) is { } options
                && (options & TaskContinuationOptions.NotOnCanceled) != 0
                && (options & ~(HarmlessOptions | TaskContinuationOptions.NotOnCanceled)) == 0;

        private TaskContinuationOptions? Options(ExpressionSyntax expression)
        {
            var constant = model.GetConstantValue(expression, cancellationToken);
            return constant.HasValue
                && KnownTypes.Is(model.GetTypeInfo(expression, cancellationToken).Type, KnownTypes.Create(model.Compilation).GetTypeByMetadataName("System.Threading.Tasks.TaskContinuationOptions"))
                && constant.Value is int value
                    ? (TaskContinuationOptions)value
                    : null;
        }
    }
}
