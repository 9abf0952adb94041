using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// "Has this task certainly finished when this code runs?" A flow-aware but deliberately simple approximation over
    /// operations: a task is known complete when it is built complete (<c>Task.FromResult</c>, <c>CompletedTask</c>, the
    /// result of <c>await Task.WhenAny</c>), when an enclosing condition tests it (<c>IsCompleted</c>,
    /// <c>IsCompletedSuccessfully</c>, <c>Status == RanToCompletion</c>), when it is the antecedent of a <c>ContinueWith</c>
    /// continuation, or when an earlier statement of the same or an enclosing block awaited or waited for it, or for a
    /// collection it came from (<c>await Task.WhenAll(tasks)</c>), with no write to the variable in between.
    /// Only statements that certainly ran count: an await inside a branch, a loop body, a <c>try</c> with a <c>catch</c>
    /// or a lambda does not. Labels stop the backward scan. When in doubt the answer is "not known".
    /// </summary>
    internal static class KnownCompleteTask
    {
        /// <summary>How deep a condition is followed through !, &amp;&amp; and ||: recursion stays bounded on generated or pathological code.</summary>
        private const int MaxConditionDepth = 64;

        private enum Finding
        {
            None,
            Completed,
            Written,
        }

        public static bool IsKnownComplete(IOperation task, IOperation site, TaskMembers members)
        {
            var value = task.WalkDownConversion();
            if (IsCompleteByConstruction(value, members))
            {
                return true;
            }

            var symbol = ReferencedSymbol(value);
            if (symbol is IParameterSymbol parameter && IsContinuationAntecedent(parameter, site, members))
            {
                return true;
            }

            if (symbol is not null && CompletedBefore(site, symbol, isCollection: false, members))
            {
                return true;
            }

            // An element of a collection whose tasks were all awaited: tasks[i], foreach (var t in tasks), tasks.Select(t => ...).
            var collection = SourceCollection(value, symbol, site, members);
            return collection is not null && CompletedBefore(site, collection, isCollection: true, members);
        }

        /// <summary>
        /// The local, parameter, or field of this instance or static field that <paramref name="operation"/> reads, if it is
        /// one. For a field, writes by other methods or threads between the check and the read are not visible: a task
        /// field that is replaced while a method is reading it is rare enough that reporting every <c>_task.Result</c> after
        /// <c>await _task</c> would be the worse error.
        /// </summary>
        private static ISymbol? ReferencedSymbol(IOperation operation)
        {
            switch (operation.WalkDownConversion())
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation { Property: { Name: "Task", IsStatic: false } property, Instance: { } source }
                    when property.ContainingType is { Name: "TaskCompletionSource" } sourceType
                        && sourceType.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks":
                    // tcs.Task is the same task for as long as tcs is not reassigned: tests of and writes to tcs decide.
                    return ReferencedSymbol(source);
                default:
                    return null;
            }
        }

        private static bool References(IOperation? operation, ISymbol symbol)
            => operation is not null && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), symbol);

        private static bool IsCompleteByConstruction(IOperation value, TaskMembers members)
        {
            switch (value)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true } method }
                    when method.Name is "FromResult" or "FromException" or "FromCanceled" && members.IsTaskType(method.ContainingType):
                    return true;
                case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
                    when members.IsTaskType(property.ContainingType):
                    return true;
                case IAwaitOperation awaited:
                    // (await Task.WhenAny(a, b)).Result: WhenAny hands back a task that has finished.
                    return members.StripConfigureAwait(awaited.Operation) is IInvocationOperation whenAny
                        && members.IsStaticTaskMethod(whenAny.TargetMethod, "WhenAny");
                case IInvocationOperation call when HasOutParameter(call.TargetMethod):
                    // Task<bool> TryGetAsync(key, out value): a method that cannot be async hands back its value, and its task, complete.
                    return true;
                case IInvocationOperation call when DualMode.IsSyncModeCall(call, members.Types, default):
                    // ReadCore(async: false, ...).GetAwaiter().GetResult(): the synchronous mode has finished when it returns.
                    return true;
                case IInvocationOperation call when NeverAwaits(call.TargetMethod):
                    // An async method of this compilation with no await in its body runs to its end before it returns.
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>An <c>async</c> method declared in source whose body (outside nested functions) has no <c>await</c>, <c>await foreach</c> or <c>await using</c>.</summary>
        private static bool NeverAwaits(IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            definition = definition.PartialImplementationPart ?? definition;
            if (!definition.IsAsync || definition.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = definition.DeclaringSyntaxReferences[0].GetSyntax();
            foreach (var node in declaration.DescendantNodesAndTokens(n => n == declaration || !(n is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax)))
            {
                if (node.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AwaitKeyword))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasOutParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Out)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The first parameter of a lambda passed to <c>ContinueWith</c>: the task that has just finished.</summary>
        private static bool IsContinuationAntecedent(IParameterSymbol parameter, IOperation site, TaskMembers members)
        {
            if (parameter.Ordinal != 0 || FindLambda(site, parameter.ContainingSymbol) is not { } lambda)
            {
                return false;
            }

            return AsyncPath.SkipWrappers(lambda.Parent) is IArgumentOperation { Parent: IInvocationOperation continueWith }
                && members.IsTaskMember(continueWith.TargetMethod, "ContinueWith");
        }

        private static IAnonymousFunctionOperation? FindLambda(IOperation site, ISymbol lambdaSymbol)
        {
            for (var current = site.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                {
                    return lambda;
                }
            }

            return null;
        }

        /// <summary>The collection variable an element comes from: <c>tasks[i]</c>, a foreach variable over <c>tasks</c>, or the parameter of a LINQ lambda over <c>tasks</c>.</summary>
        private static ISymbol? SourceCollection(IOperation value, ISymbol? symbol, IOperation site, TaskMembers members)
        {
            switch (value)
            {
                case IArrayElementReferenceOperation element:
                    return ReferencedSymbol(element.ArrayReference);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                    return ReferencedSymbol(instance);
            }

            if (symbol is ILocalSymbol local)
            {
                for (var current = site.Parent; current is not null; current = current.Parent)
                {
                    if (current is IForEachLoopOperation loop && Declares(loop, local))
                    {
                        return ElementSource(loop.Collection, members);
                    }
                }
            }
            else if (symbol is IParameterSymbol { Ordinal: 0 } parameter
                && FindLambda(site, parameter.ContainingSymbol) is { } lambda
                && AsyncPath.SkipWrappers(lambda.Parent) is IArgumentOperation { Parent: IInvocationOperation query }
                && query.TargetMethod.IsExtensionMethod
                && KnownTypes.Is(query.TargetMethod.ContainingType, members.Types.Enumerable)
                && SourceArgument(query) is { } source)
            {
                return ElementSource(source, members);
            }

            return null;
        }

        private static bool Declares(IForEachLoopOperation loop, ILocalSymbol local)
        {
            foreach (var declared in loop.Locals)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? SourceArgument(IInvocationOperation query)
        {
            foreach (var argument in query.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>Follows operators that keep the elements (Where, OrderBy, Take, ToList...) back to the collection variable.</summary>
        private static ISymbol? ElementSource(IOperation collection, TaskMembers members)
        {
            var current = collection.WalkDownConversion();
            while (current is IInvocationOperation query
                && query.TargetMethod.IsExtensionMethod
                && KnownTypes.Is(query.TargetMethod.ContainingType, members.Types.Enumerable)
                && KeepsElements(query.TargetMethod.Name)
                && SourceArgument(query) is { } source)
            {
                current = source.WalkDownConversion();
            }

            return ReferencedSymbol(current);
        }

        /// <summary>Back through copies that keep every element (<c>tasks.ToArray()</c>, <c>ToList()</c>, <c>AsEnumerable()</c>); never through a filter.</summary>
        private static IOperation AllElementsOf(IOperation collection, TaskMembers members)
        {
            var current = collection.WalkDownConversion();
            while (current is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "AsEnumerable" } copy)
            {
                if (copy.TargetMethod.IsExtensionMethod
                    && KnownTypes.Is(copy.TargetMethod.ContainingType, members.Types.Enumerable)
                    && SourceArgument(copy) is { } source)
                {
                    current = source.WalkDownConversion();
                }
                else if (copy.Instance is { } list && KnownTypes.Is(copy.TargetMethod.ContainingType?.OriginalDefinition, members.Types.ListOfT))
                {
                    // List<T>.ToArray()
                    current = list.WalkDownConversion();
                }
                else
                {
                    break;
                }
            }

            return current;
        }

        /// <summary>Operators whose output elements are some of the input elements: an element of the output is an element of the source.</summary>
        private static bool KeepsElements(string name)
        {
            switch (name)
            {
                case "Where":
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                case "Skip":
                case "Take":
                case "SkipWhile":
                case "TakeWhile":
                case "Reverse":
                case "Distinct":
                case "AsEnumerable":
                case "ToList":
                case "ToArray":
                    return true;
                default:
                    return false;
            }
        }

        private static bool CompletedBefore(IOperation site, ISymbol symbol, bool isCollection, TaskMembers members)
        {
            var stack = new System.Collections.Generic.Stack<IOperation>(32);
            var current = site;
            for (var parent = site.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        // A callback that runs later could see the variable after a write we cannot order; an inline one cannot,
                        // but it runs once per element, like a loop body: a write inside it reaches the next call.
                        if (lambda.Symbol.IsAsync || !AsyncPath.IsInlineLambda(lambda, members.Types)
                            || Examine(lambda.Body, symbol, isCollection, members, writesOnly: true, stack) == Finding.Written)
                        {
                            return false;
                        }

                        break;
                    case ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when !isCollection:
                        if ((ReferenceEquals(current, conditional.WhenTrue) && Implies(conditional.Condition, symbol, negated: false, members))
                            || (ReferenceEquals(current, conditional.WhenFalse) && Implies(conditional.Condition, symbol, negated: true, members)))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andAlso when !isCollection
                        && ReferenceEquals(current, andAlso.RightOperand) && Implies(andAlso.LeftOperand, symbol, negated: false, members):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orElse when !isCollection
                        && ReferenceEquals(current, orElse.RightOperand) && Implies(orElse.LeftOperand, symbol, negated: true, members):
                        return true;
                    case IWhileLoopOperation { ConditionIsTop: false, Body: IBlockOperation body } doWhile
                        when ReferenceEquals(current, doWhile.Condition) && !ContinuesEarly(body, doWhile):
                        // do { ...; t = await Task.WhenAny(tasks); } while (t.Result): the condition runs right after the
                        // body's last statement (no continue skips there), so the body's statements precede it.
                        switch (ScanPreceding(body.Operations, null, symbol, isCollection, members, stack))
                        {
                            case Finding.Completed:
                                return true;
                            case Finding.Written:
                                return false;
                        }

                        if (Examine(doWhile, symbol, isCollection, members, writesOnly: true, stack) == Finding.Written)
                        {
                            return false;
                        }

                        break;
                    case ILoopOperation loop:
                        // A later iteration may see a task written in an earlier one.
                        if (Examine(loop, symbol, isCollection, members, writesOnly: true, stack) == Finding.Written)
                        {
                            return false;
                        }

                        break;
                    case IBlockOperation block:
                        switch (ScanPreceding(block.Operations, current, symbol, isCollection, members, stack))
                        {
                            case Finding.Completed:
                                return true;
                            case Finding.Written:
                                return false;
                        }

                        break;
                    case ISwitchCaseOperation switchCase:
                        if (!isCollection && IsRanToCompletionCase(switchCase, symbol, members))
                        {
                            return true;
                        }

                        switch (ScanPreceding(switchCase.Body, current, symbol, isCollection, members, stack))
                        {
                            case Finding.Completed:
                                return true;
                            case Finding.Written:
                                return false;
                        }

                        break;
                }
            }

            return false;
        }

        /// <param name="current">The statement to scan back from; null to scan every statement, from the last.</param>
        /// <param name="followConditions">Also count early exits and assertions that prove the task finished.</param>
        /// <summary>A <c>continue</c> of <paramref name="loop"/> in its body jumps to the condition past the statements after it.</summary>
        private static bool ContinuesEarly(IOperation body, ILoopOperation loop)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IBranchOperation { BranchKind: BranchKind.Continue } branch
                    && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel))
                {
                    return true;
                }
            }

            return false;
        }

        private static Finding ScanPreceding(ImmutableArray<IOperation> statements, IOperation? current, ISymbol symbol, bool isCollection, TaskMembers members, System.Collections.Generic.Stack<IOperation> stack, bool followConditions = true)
        {
            var index = current is null ? statements.Length : -1;
            for (var i = 0; i < statements.Length; i++)
            {
                if (ReferenceEquals(statements[i], current))
                {
                    index = i;
                    break;
                }
            }

            for (var i = index - 1; i >= 0; i--)
            {
                var statement = statements[i];
                if (statement is ILabeledOperation)
                {
                    // A jump may land here without running what comes before.
                    return Finding.None;
                }

                var finding = Examine(statement, symbol, isCollection, members, writesOnly: false, stack);
                if (finding != Finding.None)
                {
                    return finding;
                }

                if (followConditions && !isCollection && (IsEarlyExitUnlessComplete(statement, symbol, members) || IsCompletionAssertion(statement, symbol, members)))
                {
                    return Finding.Completed;
                }
            }

            return Finding.None;
        }

        /// <summary>
        /// What <paramref name="statement"/> does to the variable: any write decides (a definite write of a complete task
        /// counts as completion, anything else as an unknown task); otherwise a definite await or wait completes it.
        /// </summary>
        /// <param name="stack">An empty stack to walk with, shared by the scan; left empty.</param>
        private static Finding Examine(IOperation statement, ISymbol symbol, bool isCollection, TaskMembers members, bool writesOnly, System.Collections.Generic.Stack<IOperation> stack)
        {
            var writes = 0;
            var completingWrite = false;
            var completed = false;
            stack.Push(statement);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (WrittenValue(operation, symbol, isCollection, out var written))
                {
                    writes++;
                    completingWrite = written is not null
                        && (IsCompleteByConstruction(written.WalkDownConversion(), members))
                        && IsDefinite(operation, statement);
                }
                else if (!writesOnly && !completed && Completes(operation, symbol, isCollection, members) && IsDefinite(operation, statement))
                {
                    completed = true;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            if (writes > 0)
            {
                return writes == 1 && completingWrite && !writesOnly ? Finding.Completed : Finding.Written;
            }

            return completed ? Finding.Completed : Finding.None;
        }

        /// <summary>True when <paramref name="operation"/> writes the variable; <paramref name="value"/> is the value written when it is a plain assignment or initializer.</summary>
        private static bool WrittenValue(IOperation operation, ISymbol symbol, bool isCollection, out IOperation? value)
        {
            value = null;
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol):
                    value = declarator.Initializer?.Value;
                    return true;
                case ISimpleAssignmentOperation assignment when References(assignment.Target, symbol):
                    value = assignment.Value;
                    return true;
                case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } when isCollection && References(element.ArrayReference, symbol):
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when isCollection && References(indexer.Instance, symbol):
                case ICompoundAssignmentOperation compound when References(compound.Target, symbol):
                case ICoalesceAssignmentOperation coalesce when References(coalesce.Target, symbol):
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when References(argument.Value, symbol):
                case IDeconstructionAssignmentOperation deconstruction when ContainsReference(deconstruction.Target, symbol):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert" or "InsertRange" or "Enqueue" or "Push" } adding
                    when isCollection && References(adding.Instance, symbol):
                    // tasks.Add(another): the collection now holds a task the earlier WhenAll did not wait for.
                    return true;
                default:
                    return false;
            }
        }

        private static bool ContainsReference(IOperation operation, ISymbol symbol)
        {
            // Iterative: a target can be an expression of any depth.
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(operation);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (References(current, symbol))
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }

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
            }

            return false;
        }

        /// <summary>True when <paramref name="operation"/> certainly runs whenever <paramref name="statement"/> completes normally.</summary>
        private static bool IsDefinite(IOperation operation, IOperation statement)
        {
            var child = operation;
            for (var parent = operation.Parent; !ReferenceEquals(child, statement); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case null:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case ICatchClauseOperation:
                        return false;
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        return false;
                    case IForEachLoopOperation forEach when !ReferenceEquals(child, forEach.Collection):
                        return false;
                    case IForLoopOperation forLoop when !forLoop.Before.Contains(child):
                        return false;
                    case ILoopOperation and not IForEachLoopOperation and not IForLoopOperation:
                        return false;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                        when ReferenceEquals(child, logical.RightOperand):
                        return false;
                    case ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull):
                        return false;
                    case IConditionalAccessOperation access when ReferenceEquals(child, access.WhenNotNull):
                        return false;
                    case ISwitchOperation switchStatement when !ReferenceEquals(child, switchStatement.Value):
                        return false;
                    case ISwitchExpressionOperation switchExpression when !ReferenceEquals(child, switchExpression.Value):
                        return false;
                    case ITryOperation { Catches.Length: > 0 } tryStatement when ReferenceEquals(child, tryStatement.Body):
                        // An exception before the await can be caught, and the code after the try runs without it.
                        return false;
                }
            }

            return true;
        }

        /// <summary>Does <paramref name="condition"/> being true (false when <paramref name="negated"/>) prove the task finished?</summary>
        private static bool Implies(IOperation condition, ISymbol symbol, bool negated, TaskMembers members, int depth = 0)
        {
            if (depth > MaxConditionDepth)
            {
                // A condition of hundreds of nested operators proves nothing we can afford to look for.
                return false;
            }

            switch (condition.WalkDownConversion())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return Implies(negation.Operand, symbol, !negated, members, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andAlso:
                    return !negated && (Implies(andAlso.LeftOperand, symbol, false, members, depth + 1) || Implies(andAlso.RightOperand, symbol, false, members, depth + 1));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orElse:
                    return negated && (Implies(orElse.LeftOperand, symbol, true, members, depth + 1) || Implies(orElse.RightOperand, symbol, true, members, depth + 1));
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when IsRanToCompletionTest(comparison.LeftOperand, comparison.RightOperand, symbol, members)
                        || IsRanToCompletionTest(comparison.RightOperand, comparison.LeftOperand, symbol, members):
                    return (comparison.OperatorKind == BinaryOperatorKind.Equals) != negated;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, OperatorMethod: null } same
                    when IsSameAsCompleteTask(same.LeftOperand, same.RightOperand, symbol, members)
                        || IsSameAsCompleteTask(same.RightOperand, same.LeftOperand, symbol, members):
                    // if (await Task.WhenAny(t, delay) == t), or completed == t with completed = await Task.WhenAny(...):
                    // the same object as a finished task.
                    return (same.OperatorKind == BinaryOperatorKind.Equals) != negated;
                case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled", Instance: { } instance } completed:
                    return !negated && members.IsTaskType(completed.Property.ContainingType) && References(instance, symbol);
                case IInvocationOperation { TargetMethod: { Name: "Wait", IsStatic: false, ReturnType.SpecialType: SpecialType.System_Boolean } wait, Instance: { } waited }:
                    // t.Wait(timeout) returned true: t has finished.
                    return !negated && members.IsTaskType(wait.ContainingType) && References(waited, symbol);
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } pattern
                    when pattern.Value.WalkDownConversion() is IPropertyReferenceOperation status && constant is not null
                        && IsRanToCompletionTest(status, constant, symbol, members):
                    return !negated;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <paramref name="mine"/> reads the task, and <paramref name="other"/> is a task known to have finished by how it was
        /// made: <c>await Task.WhenAny(...)</c> itself, or a variable last assigned one before the comparison. Reference
        /// equality then makes the task that finished task.
        /// </summary>
        private static bool IsSameAsCompleteTask(IOperation mine, IOperation other, ISymbol symbol, TaskMembers members)
        {
            var otherValue = other.WalkDownConversion();
            if (!References(mine, symbol) || !members.IsTaskType(otherValue.Type))
            {
                return false;
            }

            if (IsCompleteByConstruction(otherValue, members))
            {
                return true;
            }

            return ReferencedSymbol(otherValue) is ILocalSymbol local
                && !SymbolEqualityComparer.Default.Equals(local, symbol)
                && AssignedCompleteBefore(other, local, members);
        }

        /// <summary>
        /// The local was definitely assigned a finished task (or awaited) in a statement before <paramref name="site"/>, with no
        /// other write in between: the write-and-await half of <see cref="CompletedBefore"/>, without following conditions.
        /// </summary>
        private static bool AssignedCompleteBefore(IOperation site, ILocalSymbol local, TaskMembers members)
        {
            var stack = new System.Collections.Generic.Stack<IOperation>(32);
            var current = site;
            for (var parent = site.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case ILoopOperation loop when Examine(loop, local, isCollection: false, members, writesOnly: true, stack) == Finding.Written:
                        return false;
                    case IBlockOperation block:
                        switch (ScanPreceding(block.Operations, current, local, isCollection: false, members, stack, followConditions: false))
                        {
                            case Finding.Completed:
                                return true;
                            case Finding.Written:
                                return false;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool IsRanToCompletionTest(IOperation status, IOperation value, ISymbol symbol, TaskMembers members)
        {
            return status.WalkDownConversion() is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } property
                && members.IsTaskType(property.Property.ContainingType)
                && References(instance, symbol)
                && value.WalkDownConversion() is IFieldReferenceOperation { Field.Name: "RanToCompletion" } field
                && KnownTypes.Is(field.Field.ContainingType, members.TaskStatus);
        }

        /// <summary><c>if (!t.IsCompleted) return;</c> (or throw, break, continue): past it, the task has finished.</summary>
        private static bool IsEarlyExitUnlessComplete(IOperation statement, ISymbol symbol, TaskMembers members)
        {
            return statement is IConditionalOperation { WhenFalse: null } conditional
                && AlwaysExits(conditional.WhenTrue)
                && Implies(conditional.Condition, symbol, negated: true, members);
        }

        /// <summary><c>Assert.True(t.IsCompleted);</c> in a test: it throws unless the task has finished.</summary>
        private static bool IsCompletionAssertion(IOperation statement, ISymbol symbol, TaskMembers members)
        {
            return statement is IExpressionStatementOperation { Operation: IInvocationOperation invocation }
                && members.TryGetAssertedCondition(invocation, out var condition, out var assertedFalse)
                && Implies(condition, symbol, negated: assertedFalse, members);
        }

        /// <summary><c>switch (t.Status) { case TaskStatus.RanToCompletion: ... }</c>, also on <c>t?.Status</c>: every label of the section must be RanToCompletion.</summary>
        private static bool IsRanToCompletionCase(ISwitchCaseOperation switchCase, ISymbol symbol, TaskMembers members)
        {
            if (switchCase.Parent is not ISwitchOperation switchStatement || switchCase.Clauses.IsEmpty)
            {
                return false;
            }

            var status = switchStatement.Value.WalkDownConversion();
            if (status is IConditionalAccessOperation { WhenNotNull: var whenNotNull } access)
            {
                // t?.Status: the instance is the conditional access's receiver.
                status = whenNotNull.WalkDownConversion();
                if (status is not IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } || !References(access.Operation, symbol))
                {
                    return false;
                }
            }
            else if (status is not IPropertyReferenceOperation { Instance: { } instance } || !References(instance, symbol))
            {
                return false;
            }

            if (status is not IPropertyReferenceOperation { Property.Name: "Status" } property || !members.IsTaskType(property.Property.ContainingType))
            {
                return false;
            }

            foreach (var clause in switchCase.Clauses)
            {
                var value = clause switch
                {
                    ISingleValueCaseClauseOperation single => single.Value,
                    IPatternCaseClauseOperation { Guard: null, Pattern: IConstantPatternOperation constant } => constant.Value,
                    _ => null,
                };
                if (value?.WalkDownConversion() is not IFieldReferenceOperation { Field.Name: "RanToCompletion" } field
                    || !KnownTypes.Is(field.Field.ContainingType, members.TaskStatus))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AlwaysExits(IOperation operation)
        {
            // Down the last statement of nested blocks, iteratively.
            var current = operation;
            while (current is IBlockOperation { Operations.Length: > 0 } block)
            {
                current = block.Operations[block.Operations.Length - 1];
            }

            return current is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                or IBranchOperation
                or IThrowOperation
                or IExpressionStatementOperation { Operation: IThrowOperation };
        }
    }
}
