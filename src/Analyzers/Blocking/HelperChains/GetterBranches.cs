using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Which blocking sites of a property getter run on every read. A property read is written as a cheap look at state; a
    /// getter whose blocking call sits on a branch over the object's state (a lazy connect taken only by a client that never
    /// connected, a wait while a connection's state is unknown) blocks only on the reads that take that branch, which the
    /// callers have typically settled before (they connected first). Reporting every read of such a property from async code
    /// buries the real findings, so the helper summary follows only the sites a getter reaches on every read: not inside an
    /// <c>if</c>, <c>?:</c>, <c>switch</c>, <c>while</c> or <c>catch</c>, not on the right of <c>&amp;&amp;</c> or
    /// <c>||</c>, and not after an <c>if</c> that may return early. A null test is no branch: <c>_core ??= Load()</c>,
    /// <c>if (_core == null) _core = Load();</c> and <c>inner?.ReadToEnd()</c> run on the first read of every object, or on
    /// every read that has something to read, which is normal operation, not a rare state (the lazy initialization is then
    /// first-call work, <see cref="FirstCallWork"/>, reported once by ASYNC107 instead of at every read).
    /// </summary>
    internal static class GetterBranches
    {
        /// <summary>True when <paramref name="site"/>, inside the getter whose body is <paramref name="body"/>, runs only on some reads.</summary>
        public static bool IsOnABranch(IOperation site, IOperation body)
        {
            var child = site;
            for (var parent = site.Parent; parent is not null && !ReferenceEquals(child, body); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition) && !IsNullTest(conditional.Condition):
                        return true;
                    case ISwitchCaseOperation or ISwitchExpressionArmOperation or ICatchClauseOperation:
                        return true;
                    case IWhileLoopOperation { ConditionIsTop: true } loop when !ReferenceEquals(child, loop.Condition):
                        return true;
                    case IForLoopOperation { Condition: { } condition } when !ReferenceEquals(child, condition):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                        when ReferenceEquals(child, logical.RightOperand):
                        if (!IsNullTest(logical.LeftOperand))
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block when FollowsAnEarlyReturn(block, child):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A statement of <paramref name="block"/> after an <c>if</c> that returns (on a test other than a null test).</summary>
        private static bool FollowsAnEarlyReturn(IBlockOperation block, IOperation statement)
        {
            foreach (var earlier in block.Operations)
            {
                if (ReferenceEquals(earlier, statement))
                {
                    return false;
                }

                if (earlier is IConditionalOperation guard && !IsNullTest(guard.Condition) && Returns(guard))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>return</c> of the getter itself in <paramref name="operation"/> (not one of a lambda or local function inside).</summary>
        private static bool Returns(IOperation operation)
        {
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(operation);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (current is IReturnOperation { Kind: OperationKind.Return })
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

        /// <summary><c>x == null</c>, <c>x != null</c>, <c>x is null</c>, <c>x is not null</c>, <c>x is { }</c>.</summary>
        private static bool IsNullTest(IOperation condition)
        {
            switch (condition)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when comparison.LeftOperand.IsNullConstant() || comparison.RightOperand.IsNullConstant():
                    return true;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } when value.IsNullConstant():
                    return true;
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } } when value.IsNullConstant():
                    return true;
                case IIsPatternOperation { Pattern: IRecursivePatternOperation { DeclaredSymbol: null, DeconstructionSubpatterns.Length: 0, PropertySubpatterns.Length: 0, MatchedType: var matched } } pattern
                    when matched is null || SymbolEqualityComparer.Default.Equals(matched, pattern.Value.Type):
                    return true;
                default:
                    return false;
            }
        }
    }
}
