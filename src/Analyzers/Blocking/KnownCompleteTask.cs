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
    internal static partial class KnownCompleteTask
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
            if (operation.ReferencedVariable() is { } variable)
            {
                return variable;
            }

            switch (operation.WalkDownConversion())
            {
                case IPropertyReferenceOperation { Property: { Name: "Task", IsStatic: false } property, Instance: { } source }
                    when property.ContainingType is { Name: "TaskCompletionSource" } sourceType
                        && NamespaceNames.Is(sourceType.ContainingNamespace, "System.Threading.Tasks"):
                    // tcs.Task is the same task for as long as tcs is not reassigned: tests of and writes to tcs decide.
                    return ReferencedSymbol(source);
                case IInvocationOperation { TargetMethod: { IsVirtual: false, Parameters.Length: > 0, ReturnType.Name: "Task" or "ValueTask" } helper } call
                    when helper.Locations.Length == 1 && helper.Locations[0].IsInSource && HasParameterOfItsReturnType(helper)
                        && PassThrough.ReturnedArgument(call, out var configured) is { } argument && !configured:
                    // QuickWait(t).IsCompleted: a helper that hands back the task it was given.
                    return ReferencedSymbol(argument);
                default:
                    return null;
            }
        }

        /// <summary>A parameter of the method's own return type (a helper that may hand it back); checked before its body is read.</summary>
        private static bool HasParameterOfItsReturnType(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, method.ReturnType))
                {
                    return true;
                }
            }

            return false;
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
                case IFieldReferenceOperation { Field: var field, Instance: null or IInstanceReferenceOperation } when value.SemanticModel is { } model
                    && HoldsOnlyCompletedTasks(field, model.Compilation, members):
                    // if (last is null || last.Result != n) last = Task.FromResult(n): a cache of completed tasks.
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
    }
}
