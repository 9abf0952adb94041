using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Code that runs only when something has already failed: the operand of a <c>throw</c>
    /// (<c>throw connection.Break(e)</c>), a statement that leads straight to one (<c>var e = Create(...); throw e;</c>), a <c>catch</c> that ends by throwing (<c>catch { Cleanup(); throw; }</c>), a call
    /// that is a statement of a <c>catch</c> that tears down and swallows without handing back a value
    /// (<c>catch { SendError(); Disconnect(); }</c>), and
    /// methods that never return normally (every path throws, or <c>[DoesNotReturn]</c>). ASYNC105 does not follow helper
    /// chains through it: the blocking teardown of a failed connection is not what a caller can make async, and reporting
    /// it at every caller of every throw helper buries the real findings.
    /// </summary>
    internal static class FailurePath
    {
        /// <summary>True when <paramref name="operation"/> runs only on the way to throwing.</summary>
        public static bool IsOnFailurePath(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IThrowOperation:
                        return true;
                    case IBlockOperation block when LeadsStraightToThrow(block.Operations, child) && ThrowIsAFailure(block):
                        return true;
                    case ISwitchCaseOperation section when LeadsStraightToThrow(section.Body, child) && ThrowIsAFailure(section):
                        // case Unsupported: Close(); throw new NotSupportedException();
                        return true;
                    case ITryOperation attempt when ReferenceEquals(child, attempt.Finally):
                        return RunsOnlyIfTheBodyFailed(operation, attempt);
                    case ICatchClauseOperation catchClause when ReferenceEquals(child, catchClause.Handler):
                        // A catch that rethrows, or one that tears down and swallows: it hands back no value, and the call is
                        // a statement of its own whose result nobody reads (Cleanup(); Disconnect();). A catch that returns a
                        // value (a fallback computed when parsing fails), or a call whose result decides what happens next
                        // (if (SendCancelRequest()) continue reading), is a normal way to produce the result.
                        return EndsByThrowing(catchClause.Handler) || (!ReturnsAValue(catchClause.Handler) && IsDiscarded(operation));
                }
            }

            return false;
        }

        /// <summary>
        /// True when a call to <paramref name="method"/> never comes back normally: <c>[DoesNotReturn]</c>, or a body (given
        /// as its operation) that ends by throwing and has no <c>return</c>.
        /// </summary>
        public static bool NeverReturns(IMethodSymbol method, IOperation body)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" } attributeClass
                    && NamespaceNames.Is(attributeClass.ContainingNamespace, "System.Diagnostics.CodeAnalysis"))
                {
                    return true;
                }
            }

            var block = body switch
            {
                IMethodBodyOperation methodBody => (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody,
                ILocalFunctionOperation localFunction => (IOperation?)localFunction.Body ?? localFunction.IgnoredBody,
                _ => body,
            };
            if (block is null || !EndsByThrowing(block))
            {
                return false;
            }

            // A return anywhere (outside nested functions) is a normal way out.
            var pending = new Stack<IOperation>();
            pending.Push(block);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (current is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: not IThrowOperation })
                {
                    return false;
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return true;
        }

        /// <summary>
        /// <c>try { ...; _stream = ssl; ssl = null; } finally { ssl?.Dispose(); }</c>: the body hands the resource over and
        /// clears its local as its own top-level statement, and leaves no other way (no return, break, continue or goto), so
        /// the guarded call in <c>finally</c> runs only when the body threw.
        /// </summary>
        private static bool RunsOnlyIfTheBodyFailed(IOperation operation, ITryOperation attempt)
        {
            ILocalSymbol? guarded = null;
            for (var current = operation.Parent; current is not null && !ReferenceEquals(current, attempt); current = current.Parent)
            {
                if (current is IConditionalAccessOperation { Operation: var accessed } && accessed.WalkDownConversion() is ILocalReferenceOperation conditional)
                {
                    guarded = conditional.Local;
                    break;
                }

                if (current is IConditionalOperation { Condition: var condition } && NotNullTested(condition) is { } tested)
                {
                    guarded = tested;
                    break;
                }
            }

            if (guarded is null)
            {
                return false;
            }

            var cleared = false;
            foreach (var statement in attempt.Body.Operations)
            {
                if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } }
                    && SymbolEqualityComparer.Default.Equals(target.Local, guarded)
                    && value.WalkDownConversion().ConstantValue is { HasValue: true, Value: null })
                {
                    cleared = true;
                }
            }

            return cleared && !LeavesEarly(attempt.Body);
        }

        /// <summary><c>x != null</c>, <c>null != x</c>, <c>x is not null</c> for a local.</summary>
        private static ILocalSymbol? NotNullTested(IOperation condition)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    var local = notEquals.LeftOperand.WalkDownConversion() as ILocalReferenceOperation ?? notEquals.RightOperand.WalkDownConversion() as ILocalReferenceOperation;
                    var other = ReferenceEquals(local, notEquals.LeftOperand.WalkDownConversion()) ? notEquals.RightOperand : notEquals.LeftOperand;
                    return local is not null && other.WalkDownConversion().ConstantValue is { HasValue: true, Value: null } ? local.Local : null;
                case IIsPatternOperation { Value: var value, Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } }
                    when constant.WalkDownConversion().ConstantValue is { HasValue: true, Value: null }:
                    return (value.WalkDownConversion() as ILocalReferenceOperation)?.Local;
                default:
                    return null;
            }
        }

        /// <summary>
        /// <c>{ var e = CreateException(...); Log(e); throw e; }</c>: <paramref name="statement"/> is followed, in its block, by
        /// nothing that can leave the block other than the <c>throw</c> it ends with (no return, break, continue, goto or
        /// yield, from the statement on), so it runs only on the way to throwing.
        /// </summary>
        private static bool LeadsStraightToThrow(System.Collections.Immutable.ImmutableArray<IOperation> operations, IOperation statement)
        {
            if (operations.Length == 0 || !EndsByThrowing(operations[operations.Length - 1]))
            {
                return false;
            }

            var index = operations.IndexOf(statement);
            if (index < 0)
            {
                return false;
            }

            for (var i = index; i < operations.Length; i++)
            {
                if (LeavesEarly(operations[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The exception the final <c>throw</c> of <paramref name="container"/> throws is not handled in the function: no
        /// <c>catch</c> around it that would take it goes on normally (one that ends by throwing again passes the failure on).
        /// A catch that takes it and goes on makes the throw a way of going on, not a failure
        /// (<c>try { ...; throw new RetryException(); } catch (RetryException) { }</c>).
        /// </summary>
        private static bool ThrowIsAFailure(IOperation container)
        {
            var thrown = ThrownType(container);
            foreach (var attempt in container.EnclosingTryBodies())
            {
                foreach (var catchClause in attempt.Catches)
                {
                    if (thrown is null || catchClause.ExceptionType is not { } caught || caught.SpecialType == SpecialType.System_Object
                        || KnownTypes.IsOrDerivesFrom(thrown, caught))
                    {
                        // The first catch that takes it decides.
                        if (!EndsByThrowing(catchClause.Handler))
                        {
                            return false;
                        }

                        break;
                    }
                }
            }

            return true;
        }

        /// <summary>The type of the exception the last statement of <paramref name="container"/> throws; null for a rethrow or when unknown.</summary>
        private static ITypeSymbol? ThrownType(IOperation container)
        {
            var current = container switch
            {
                ISwitchCaseOperation section when section.Body.Length > 0 => section.Body[section.Body.Length - 1],
                _ => container,
            };

            while (current is IBlockOperation { Operations.Length: > 0 } block)
            {
                current = block.Operations[block.Operations.Length - 1];
            }

            var thrown = current switch
            {
                IThrowOperation operation => operation,
                IExpressionStatementOperation { Operation: IThrowOperation operation } => operation,
                IReturnOperation { ReturnedValue: IThrowOperation operation } => operation,
                _ => null,
            };

            return thrown?.Exception?.WalkDownConversion().Type is { TypeKind: not TypeKind.Error } type ? type : null;
        }

        /// <summary>A return, yield, break, continue or goto anywhere in <paramref name="body"/> (outside nested functions).</summary>
        private static bool LeavesEarly(IOperation body)
        {
            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (current is IReturnOperation or IBranchOperation)
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

        /// <summary>
        /// A best-effort step: <c>try { ssl.ShutdownAsync().GetAwaiter().GetResult(); } catch { }</c>, the call (its result
        /// dropped) is the only statement of a <c>try</c> whose every <c>catch</c> is empty. Teardown code says this way that
        /// the step may fail or be skipped without consequence; ASYNC105 does not follow helper chains into it.
        /// </summary>
        public static bool IsBestEffort(IOperation operation)
        {
            if (!IsDiscarded(operation))
            {
                return false;
            }

            var statement = operation;
            while (statement.Parent is { } parent && parent is not IBlockOperation)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                statement = parent;
            }

            if (statement.Parent is not IBlockOperation { Operations.Length: 1 } body || body.Parent is not ITryOperation attempt
                || !ReferenceEquals(attempt.Body, body) || attempt.Catches.IsEmpty)
            {
                return false;
            }

            foreach (var catchClause in attempt.Catches)
            {
                if (catchClause.Filter is not null || catchClause.Handler.Operations.Length != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The call is a statement by itself: its result, if any, is dropped.</summary>
        private static bool IsDiscarded(IOperation operation)
        {
            var current = operation.WalkUpConversion();

            return current.Parent is IExpressionStatementOperation
                || (current.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Parent is IExpressionStatementOperation);
        }

        /// <summary>A <c>return value;</c> anywhere in <paramref name="handler"/> (outside nested functions).</summary>
        private static bool ReturnsAValue(IOperation handler)
        {
            var pending = new Stack<IOperation>();
            pending.Push(handler);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (current is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: not null and not IThrowOperation })
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

        /// <summary>The last statement (down nested blocks) is a <c>throw</c>, a rethrow, or <c>return throw ...</c> of an expression body.</summary>
        private static bool EndsByThrowing(IOperation operation)
        {
            var current = operation;
            while (current is IBlockOperation { Operations.Length: > 0 } block)
            {
                current = block.Operations[block.Operations.Length - 1];
            }

            return current is IThrowOperation
                or IExpressionStatementOperation { Operation: IThrowOperation }
                or IReturnOperation { ReturnedValue: IThrowOperation };
        }
    }
}
