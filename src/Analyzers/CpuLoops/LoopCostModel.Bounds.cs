using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    internal sealed partial class LoopCostModel
    {
        private LoopBound Bound(ILoopOperation loop)
        {
            switch (loop)
            {
                case IForEachLoopOperation forEach:
                    return CollectionBound(forEach.Collection.WalkDownConversion());
                case IForLoopOperation forLoop:
                    var forBound = ConditionBound(loop, forLoop.Condition, forLoop.Before);
                    return forBound.Kind == LoopBoundKind.Unknown ? WorkLoops.Bound(this, loop, forLoop.Condition) : forBound;
                case IWhileLoopOperation whileLoop:
                    var whileBound = ConditionBound(loop, whileLoop.Condition, ImmutableArray<IOperation>.Empty);
                    return whileBound.Kind == LoopBoundKind.Unknown ? WorkLoops.Bound(this, loop, whileLoop.Condition) : whileBound;
                default:
                    return LoopBound.Unknown;
            }
        }

        private LoopBound CollectionBound(IOperation collection)
        {
            if (collection is IArrayCreationOperation creation)
            {
                if (creation.Initializer is { } initializer)
                {
                    return ConstantBound(initializer.ElementValues.Length);
                }

                if (creation.DimensionSizes.Length > 0)
                {
                    return LimitBound(creation.DimensionSizes[0], null);
                }
            }

            if (collection is IInvocationOperation { TargetMethod.Name: "Range", Arguments.Length: 2 } range
                && KnownTypes.Is(range.TargetMethod.ContainingType, symbols.Enumerable))
            {
                return LimitBound(range.Arguments[1].Value, null);
            }

            return LimitBound(collection, null);
        }

        private LoopBound ConditionBound(ILoopOperation loop, IOperation? condition, ImmutableArray<IOperation> before)
        {
            if (condition is null)
            {
                return LoopBound.Unknown;
            }

            var stepped = SteppedVariables(loop);
            if (stepped.Count == 0)
            {
                return LoopBound.Unknown;
            }

            var best = LoopBound.Unknown;
            var pending = new Stack<IOperation>();
            pending.Push(condition);
            while (pending.Count > 0)
            {
                var current = pending.Pop().WalkDownConversion();
                if (current is not IBinaryOperation binary)
                {
                    continue;
                }

                if (binary.OperatorKind == BinaryOperatorKind.ConditionalAnd)
                {
                    pending.Push(binary.LeftOperand);
                    pending.Push(binary.RightOperand);
                    continue;
                }

                if (!IsComparison(binary.OperatorKind))
                {
                    continue;
                }

                var leftCounter = SteppedIn(binary.LeftOperand, stepped);
                var rightCounter = SteppedIn(binary.RightOperand, stepped);
                if (leftCounter is not null && rightCounter is null)
                {
                    best = LoopBound.Tighter(best, LimitBound(binary.RightOperand, InitialValue(loop, leftCounter, before)));
                }
                else if (rightCounter is not null && leftCounter is null)
                {
                    best = LoopBound.Tighter(best, LimitBound(binary.LeftOperand, InitialValue(loop, rightCounter, before)));
                }
            }

            return best;
        }

        private static bool IsComparison(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                case BinaryOperatorKind.NotEquals:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>How often a loop runs up to <paramref name="limit"/>, starting from <paramref name="initial"/> (null when unknown).</summary>
        private LoopBound LimitBound(IOperation limit, IOperation? initial)
        {
            limit = limit.WalkDownConversion();
            if (TryGetNumber(limit, out var end))
            {
                if (initial is null)
                {
                    return ConstantBound(Math.Abs(end));
                }

                if (TryGetNumber(initial.WalkDownConversion(), out var start))
                {
                    return ConstantBound(Math.Abs(end - start));
                }

                // for (a = entry.Versions.Count - 1; a >= 0; a--) walks a child collection backwards.
                if (IsChildExpression(initial))
                {
                    return LoopBound.ChildCollection(ChildCollectionSize);
                }

                // for (i = n; i > 0; i--), for (j = i * i; j < 1000; j++)
                return LoopBound.Large(ReferencesEnclosing(initial));
            }

            if (IsChildExpression(limit))
            {
                return LoopBound.ChildCollection(ChildCollectionSize);
            }

            return LoopBound.Large(ReferencesEnclosing(limit) || (initial is not null && ReferencesEnclosing(initial)));
        }

        private LoopBound ConstantBound(double count)
            => count >= options.LargeBound ? LoopBound.LargeConstant() : LoopBound.Small(count);

        private static bool TryGetNumber(IOperation operation, out double value)
        {
            value = 0;
            if (operation.ConstantValue is not { HasValue: true, Value: { } constant })
            {
                return false;
            }

            switch (constant)
            {
                case int i: value = i; return true;
                case long l: value = l; return true;
                case uint u: value = u; return true;
                case ulong ul: value = ul; return true;
                case short s: value = s; return true;
                case ushort us: value = us; return true;
                case byte b: value = b; return true;
                case sbyte sb: value = sb; return true;
                case double d: value = d; return true;
                case float f: value = f; return true;
                case decimal m: value = (double)m; return true;
                default: return false;
            }
        }

        /// <summary>
        /// The counter's start: from the <c>for</c> header, else (a <c>while</c> loop) from the statements right before the
        /// loop (<c>int j = i - 1; while (j &gt;= 0 &amp;&amp; ...) j--;</c>).
        /// </summary>
        private static IOperation? InitialValue(ILoopOperation loop, ISymbol counter, ImmutableArray<IOperation> before)
            => before.IsEmpty ? WorkLoops.PrecedingValue(loop, counter) : InitialValue(counter, before);

        private static IOperation? InitialValue(ISymbol counter, ImmutableArray<IOperation> before)
        {
            foreach (var operation in before)
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    switch (node)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, counter):
                            return declarator.Initializer?.Value;
                        case ISimpleAssignmentOperation assignment when ReferencedSymbol(assignment.Target) is { } target && SymbolEqualityComparer.Default.Equals(target, counter):
                            return assignment.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>Locals and parameters the loop moves by a constant-ish step: <c>i++</c>, <c>i--</c>, <c>i += k</c>, <c>i -= k</c>.</summary>
        private static List<ISymbol> SteppedVariables(ILoopOperation loop)
        {
            var result = new List<ISymbol>();
            var pending = new Stack<IOperation>();
            pending.Push(loop.Body);
            if (loop is IForLoopOperation forLoop)
            {
                foreach (var step in forLoop.AtLoopBottom)
                {
                    pending.Push(step);
                }
            }

            while (pending.Count > 0)
            {
                var current = pending.Pop();
                ISymbol? stepped = null;
                switch (current)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IIncrementOrDecrementOperation increment:
                        stepped = ReferencedSymbol(increment.Target);
                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound:
                        stepped = ReferencedSymbol(compound.Target);
                        break;
                }

                if (stepped is not null && !Contains(result, stepped))
                {
                    result.Add(stepped);
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return result;
        }

        /// <summary>
        /// The stepped counter a side of the condition is (or computes with: <c>pos + length</c>, <c>i * i</c>). A counter
        /// that only indexes data (<c>items[j] &gt; key</c>) compares data, it sets no limit.
        /// </summary>
        private static ISymbol? SteppedIn(IOperation side, List<ISymbol> stepped, int depth = 0)
        {
            side = side.WalkDownConversion();
            if (ReferencedSymbol(side) is { } symbol && Contains(stepped, symbol))
            {
                return symbol;
            }

            if (depth >= MaxExpressionDepth)
            {
                return null;
            }

            switch (side)
            {
                case IBinaryOperation binary when IsArithmetic(binary.OperatorKind):
                    return SteppedIn(binary.LeftOperand, stepped, depth + 1) ?? SteppedIn(binary.RightOperand, stepped, depth + 1);
                case IUnaryOperation unary:
                    return SteppedIn(unary.Operand, stepped, depth + 1);
                default:
                    return null;
            }
        }

        private static bool Contains(List<ISymbol> symbols, ISymbol symbol)
        {
            foreach (var candidate in symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate, symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
