using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal static partial class KnownCompleteTask
    {
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
                    // t.Wait(timeout) returned true: t has finished. Task.WhenAll(a, t).Wait(timeout) too: each of its tasks has.
                    return !negated && members.IsTaskType(wait.ContainingType)
                        && (References(waited, symbol)
                            || (waited.WalkDownConversion() is IInvocationOperation whenAll && members.IsStaticTaskMethod(whenAll.TargetMethod, "WhenAll")
                                && ArgumentsInclude(whenAll, symbol, isCollection: false, members)));
                case IInvocationOperation { TargetMethod: { Name: "WaitAll", IsStatic: true, ReturnType.SpecialType: SpecialType.System_Boolean } waitAll } timedWaitAll
                    when members.IsStaticTaskMethod(waitAll, "WaitAll"):
                    // Task.WaitAll(new[] { a, t }, timeout) returned true: every task has finished.
                    return !negated && ArgumentsInclude(timedWaitAll, symbol, isCollection: false, members);
                case IInvocationOperation { TargetMethod.ReturnType.SpecialType: SpecialType.System_Boolean } guard when depth < MaxGuardHelperDepth:
                    // t.IsCompletedSuccessfully() with a helper of the compilation (an extension for frameworks without the
                    // property): what its one return says of its parameter, it says of the argument.
                    return GuardHelperImplies(guard, symbol, negated, members, depth);
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } pattern
                    when pattern.Value.WalkDownConversion() is IPropertyReferenceOperation status && constant is not null
                        && IsRanToCompletionTest(status, constant, symbol, members):
                    return !negated;
                default:
                    return false;
            }
        }

        private const int MaxGuardHelperDepth = 8;

        /// <summary>
        /// A call of a <c>bool</c> method of this compilation that takes the task, and whose body is one <c>return</c> of a
        /// test the other cases recognize on that parameter: <c>static bool IsCompletedSuccessfully(this Task t) => t.Status ==
        /// TaskStatus.RanToCompletion;</c>. Not followed: virtual methods (another body may run) and methods that write the
        /// parameter.
        /// </summary>
        private static bool GuardHelperImplies(IInvocationOperation guard, ISymbol symbol, bool negated, TaskMembers members, int depth)
        {
            var method = guard.TargetMethod.ReducedFrom ?? guard.TargetMethod;
            method = method.OriginalDefinition;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || guard.SemanticModel is not { } model)
            {
                return false;
            }

            IParameterSymbol? parameter = null;
            foreach (var argument in guard.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.None } candidate && References(argument.Value, symbol))
                {
                    parameter = candidate.OriginalDefinition;
                    break;
                }
            }

            if (parameter is null)
            {
                return false;
            }

            var block = SourceBodies.BodyOf(method, model);
            return block is { Operations.Length: 1 } && block.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
                && Implies(returned, parameter, negated, members, depth + 1);
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
                && DualMode.AlwaysExits(conditional.WhenTrue)
                && Implies(conditional.Condition, symbol, negated: true, members);
        }

        /// <summary><c>Assert.True(t.IsCompleted);</c> in a test: it throws unless the task has finished.</summary>
        private static bool IsCompletionAssertion(IOperation statement, ISymbol symbol, TaskMembers members)
        {
            return statement is IExpressionStatementOperation { Operation: IInvocationOperation invocation }
                && members.TryGetAssertedCondition(invocation, out var condition, out var assertedFalse)
                && Implies(condition, symbol, negated: assertedFalse, members);
        }

        /// <summary>
        /// <c>t.Status switch { TaskStatus.RanToCompletion => t.Result, ... }</c>, also on a local only ever assigned
        /// <c>t.Status</c> (<c>var status = t.Status; return status switch { ... }</c>) when <c>t</c> is a parameter or local
        /// the function never assigns: the arm's pattern is RanToCompletion, without a guard.
        /// </summary>
        private static bool IsRanToCompletionArm(ISwitchExpressionArmOperation arm, ISymbol symbol, TaskMembers members)
        {
            if (arm.Guard is not null || arm.Pattern is not IConstantPatternOperation { Value: var constant }
                || constant.WalkDownConversion() is not IFieldReferenceOperation { Field.Name: "RanToCompletion" } field
                || !KnownTypes.Is(field.Field.ContainingType, members.TaskStatus)
                || arm.Parent is not ISwitchExpressionOperation switchExpression)
            {
                return false;
            }

            var status = switchExpression.Value.WalkDownConversion();
            if (status is ILocalReferenceOperation { Local: var copy } && symbol is IParameterSymbol or ILocalSymbol
                && copy.OnlyValue(switchExpression) is { } initializer && !WritesOrRemoves(switchExpression.Root(), symbol, removedFrom: null))
            {
                status = initializer.WalkDownConversion();
            }

            return status is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } property
                && members.IsTaskType(property.Property.ContainingType)
                && References(instance, symbol);
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
    }
}
