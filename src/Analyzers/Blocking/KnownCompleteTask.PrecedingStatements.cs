using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal static partial class KnownCompleteTask
    {
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
                    case ISwitchExpressionArmOperation arm when !isCollection && ReferenceEquals(current, arm.Value) && IsRanToCompletionArm(arm, symbol, members):
                        return true;
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
    }
}
