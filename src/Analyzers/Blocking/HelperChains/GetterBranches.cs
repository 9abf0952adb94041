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
    /// every read that has something to read, which is normal operation, not a rare state.
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
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition) && NullTest(conditional.Condition) is null:
                        return true;
                    case ISwitchCaseOperation or ISwitchExpressionArmOperation or ICatchClauseOperation:
                        return true;
                    case IWhileLoopOperation { ConditionIsTop: true } loop when !ReferenceEquals(child, loop.Condition):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                        when ReferenceEquals(child, logical.RightOperand):
                        if (NullTest(logical.LeftOperand) is null)
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

                if (earlier is IConditionalOperation guard && NullTest(guard.Condition) is null && Returns(guard))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Returns(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IReturnOperation { Kind: OperationKind.Return })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for <c>x == null</c> / <c>x is null</c>, false for <c>x != null</c> / <c>x is not null</c> / <c>x is { }</c>, null for any other test.</summary>
        private static bool? NullTest(IOperation condition)
        {
            switch (condition)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when IsNull(comparison.LeftOperand) || IsNull(comparison.RightOperand):
                    return comparison.OperatorKind == BinaryOperatorKind.Equals;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } when IsNull(value):
                    return true;
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } } when IsNull(value):
                    return false;
                case IIsPatternOperation { Pattern: IRecursivePatternOperation { DeclaredSymbol: null, DeconstructionSubpatterns.Length: 0, PropertySubpatterns.Length: 0, MatchedType: var matched } } pattern
                    when matched is null || SymbolEqualityComparer.Default.Equals(matched, pattern.Value.Type):
                    return false;
                default:
                    return null;
            }
        }

        private static bool IsNull(IOperation operand) => operand.WalkDownConversion().ConstantValue is { HasValue: true, Value: null };
    }
}
