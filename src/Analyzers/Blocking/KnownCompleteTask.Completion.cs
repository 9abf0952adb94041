using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal static partial class KnownCompleteTask
    {
        /// <summary>An await, wait or result read that only returns once the task (or every task of the collection) has finished.</summary>
        private static bool Completes(IOperation operation, ISymbol symbol, bool isCollection, TaskMembers members)
        {
            switch (operation)
            {
                case IAwaitOperation awaited:
                {
                    var task = members.StripConfigureAwait(awaited.Operation);
                    if (!isCollection && References(task, symbol))
                    {
                        return true;
                    }

                    // await t.WaitAsync(timeout): returns only once t finished (it throws on timeout). The same for an
                    // awaitable extension of the task itself (await t.WithTimeout(x), await t.WithCancellation(ct)): it
                    // completes normally only once t did, and throws otherwise.
                    if (!isCollection && task is IInvocationOperation { TargetMethod: var wrapper } waitAsync
                        && ((wrapper.Name == "WaitAsync" && waitAsync.Instance is { } waited && members.IsTaskType(wrapper.ContainingType) && References(waited, symbol))
                            || (wrapper.IsExtensionMethod && members.IsTaskType(wrapper.ReturnType) && waitAsync.Arguments.Length > 0
                                && waitAsync.Arguments[0].Parameter?.Ordinal == 0 && members.IsTaskType(waitAsync.Arguments[0].Value.WalkDownConversion().Type)
                                && PassesTheResultThrough(wrapper.ReturnType, waitAsync.Arguments[0].Value.WalkDownConversion().Type)
                                && References(waitAsync.Arguments[0].Value, symbol))))
                    {
                        return true;
                    }

                    if (!isCollection && task is IInvocationOperation assertion && IsAwaitedCompletionAssertion(assertion, symbol))
                    {
                        return true;
                    }

                    return task is IInvocationOperation whenAll
                        && members.IsStaticTaskMethod(whenAll.TargetMethod, "WhenAll")
                        && ArgumentsInclude(whenAll, symbol, isCollection, members);
                }

                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    if (!isCollection && method.ReturnsVoid && !method.IsStatic && members.IsTaskMember(method, "Wait") && References(invocation.Instance, symbol))
                    {
                        // Wait() and Wait(CancellationToken) return only once the task finished; the bool overloads may time out.
                        return true;
                    }

                    if (method.ReturnsVoid && members.IsStaticTaskMethod(method, "WaitAll") && ArgumentsInclude(invocation, symbol, isCollection, members))
                    {
                        return true;
                    }

                    return !isCollection && members.TryGetBlockingGetResult(invocation, out _, out var task) && References(task, symbol);
                }

                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } result:
                    return !isCollection && members.IsTaskType(result.Property.ContainingType) && References(instance, symbol);

                default:
                    return false;
            }
        }

        /// <summary>
        /// The wrapper's task carries nothing or the wrapped task's own result (<c>Task WithCancellation(this Task)</c>,
        /// <c>Task&lt;T&gt; WithTimeout(this Task&lt;T&gt;)</c>). A wrapper whose result is something else
        /// (<c>Task&lt;bool&gt; AwaitWithTimeout(this Task)</c>) may report a timeout through it instead of throwing.
        /// </summary>
        private static bool PassesTheResultThrough(ITypeSymbol wrapperType, ITypeSymbol? wrappedType)
        {
            if (wrapperType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper)
            {
                return true;
            }

            return wrappedType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapped
                && SymbolEqualityComparer.Default.Equals(wrapper.TypeArguments[0], wrapped.TypeArguments[0]);
        }

        /// <summary>
        /// <c>await t.Should().CompleteWithinAsync(timeout)</c>, or the same on <c>Func&lt;Task&gt; f = async () =&gt; await t</c>
        /// (and <c>NotThrowAsync</c>, <c>NotThrowAfterAsync</c>): an assertion library's awaited check that throws unless the
        /// subject finished.
        /// </summary>
        private static bool IsAwaitedCompletionAssertion(IInvocationOperation assertion, ISymbol symbol)
        {
            if (assertion.TargetMethod.Name is not ("CompleteWithinAsync" or "NotThrowAsync" or "NotThrowAfterAsync")
                || assertion.Instance?.WalkDownConversion() is not IInvocationOperation { TargetMethod.Name: "Should" } should)
            {
                return false;
            }

            var subject = should.Instance ?? (should.Arguments.Length > 0 ? should.Arguments[0].Value : null);
            if (subject is null)
            {
                return false;
            }

            if (References(subject, symbol))
            {
                return true;
            }

            // Func<Task> f = async () => await t; the delegate awaits the task.
            if (subject.WalkDownConversion() is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax lambdaSyntax }
                || assertion.SemanticModel?.GetOperation(lambdaSyntax) is not IAnonymousFunctionOperation { Symbol.IsAsync: true, Body.Operations: var statements })
            {
                return false;
            }

            // The assertion passes only once the delegate ran to its end: each of its top-level statements ran.
            foreach (var statement in statements)
            {
                var value = statement switch
                {
                    IReturnOperation returned => returned.ReturnedValue,
                    IExpressionStatementOperation expression => expression.Operation,
                    _ => null,
                };
                if (value?.WalkDownConversion() is IAwaitOperation inner
                    && References(inner.Operation.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : inner.Operation, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>WhenAll(a, t, b), WhenAll(new[] { a, t }) for a task; WhenAll(tasks), WhenAll(tasks.ToArray()) for a collection.</summary>
        private static bool ArgumentsInclude(IInvocationOperation invocation, ISymbol symbol, bool isCollection, TaskMembers members)
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (isCollection)
                {
                    if (argument.ArgumentKind != ArgumentKind.ParamArray && References(AllElementsOf(value, members), symbol))
                    {
                        return true;
                    }

                    continue;
                }

                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        if (References(element, symbol))
                        {
                            return true;
                        }
                    }
                }
                else if (References(value, symbol))
                {
                    return true;
                }
                else if (ReferencedSymbol(AllElementsOf(value, members)) is ILocalSymbol list && AddedBefore(invocation, list, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>tasks.Add(t); ...; await Task.WhenAll(tasks)</c>: <paramref name="task"/> was added to the local collection
        /// <paramref name="list"/> by a statement that certainly ran before <paramref name="whenAll"/> (a statement of a block
        /// enclosing it), and neither was written, cleared or had elements removed in between.
        /// </summary>
        private static bool AddedBefore(IOperation whenAll, ILocalSymbol list, ISymbol task)
        {
            var child = whenAll;
            for (var parent = whenAll.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or ILoopOperation)
                {
                    return false;
                }

                if (parent is not IBlockOperation block)
                {
                    continue;
                }

                var index = block.Operations.IndexOf(child);
                for (var i = index - 1; i >= 0; i--)
                {
                    var statement = block.Operations[i];
                    if (statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Add", Instance: { } target } add }
                        && References(target, list) && add.Arguments.Length == 1 && References(add.Arguments[0].Value, task))
                    {
                        return true;
                    }

                    if (WritesOrRemoves(statement, task, removedFrom: list))
                    {
                        return false;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="scope"/> assigns <paramref name="task"/> or passes it by reference, or, for a collection
        /// <paramref name="removedFrom"/>, assigns it, clears it or removes elements from it.
        /// </summary>
        private static bool WritesOrRemoves(IOperation scope, ISymbol task, ILocalSymbol? removedFrom)
        {
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(scope);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                switch (current)
                {
                    case IAssignmentOperation { Target: var target } when References(target, task) || (removedFrom is not null && References(target, removedFrom)):
                        return true;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: var passed } when References(passed, task) || (removedFrom is not null && References(passed, removedFrom)):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "Clear" or "Remove" or "RemoveAt" or "RemoveAll" or "RemoveRange", Instance: { } target }
                        when removedFrom is not null && References(target, removedFrom):
                        return true;
                }

                foreach (var operation in current.ChildOperations)
                {
                    pending.Push(operation);
                }
            }

            return false;
        }
    }
}
