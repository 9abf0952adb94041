using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// Bounds of loops without a stepped counter that still do a known amount of work: a worklist drained by the loop
    /// (graph searches), a value the loop moves by arithmetic until it reaches a limit (Collatz, digit loops), and a
    /// fixed-point loop that repeats until the flag it computes says stop (k-means, relaxation).
    /// Everything else (<c>while (true)</c>, <c>while (!done)</c> polled from outside, linked-list walks) stays unknown.
    /// </summary>
    internal static class WorkLoops
    {
        /// <summary>Iterations assumed for a value the loop shrinks by division or shifting (<c>x /= 10</c>, <c>x &gt;&gt;= 4</c>): its bit length.</summary>
        internal const double LogarithmicSize = 32;

        /// <summary>How many statements before a loop are searched for the start of its condition's variable.</summary>
        private const int MaxPrecedingStatements = 8;

        private const int MaxConditionNodes = 64;

        public static LoopBound Bound(LoopCostModel model, ILoopOperation loop, IOperation? condition)
        {
            if (condition is null)
            {
                return LoopBound.Unknown;
            }

            var best = LoopBound.Unknown;
            var visited = 0;
            foreach (var node in condition.DescendantsAndSelf())
            {
                if (++visited > MaxConditionNodes)
                {
                    break;
                }

                switch (node)
                {
                    case IPropertyReferenceOperation { Property.Name: "Count", Instance: ILocalReferenceOperation collection } when IsDrained(loop, collection.Local):
                        // while (queue.Count > 0) { var node = queue.Dequeue(); ... }: every element of the worklist is visited.
                        return LoopBound.Worklist(Feeds(loop, collection.Local));
                    case IInvocationOperation { TargetMethod.Name: "TryDequeue" or "TryPop", Instance: ILocalReferenceOperation taken } when IsDrainable(taken.Local):
                        return LoopBound.Worklist(Feeds(loop, taken.Local));
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                        best = LoopBound.Tighter(best, ArithmeticBound(model, loop, binary));
                        break;
                }
            }

            if (best.Kind != LoopBoundKind.Unknown)
            {
                return best;
            }

            return IsFixedPoint(loop, condition) ? LoopBound.Small(model.Options.FixedPointIterations) : LoopBound.Unknown;
        }

        /// <summary>The value a local has when the loop starts, from the few statements right before it (null when not found).</summary>
        public static IOperation? PrecedingValue(ILoopOperation loop, ISymbol symbol)
        {
            if (loop.Parent is not IBlockOperation block)
            {
                return null;
            }

            var index = block.Operations.IndexOf(loop);
            for (var i = index - 1; i >= 0 && i >= index - MaxPrecedingStatements; i--)
            {
                switch (block.Operations[i])
                {
                    case IVariableDeclarationGroupOperation group:
                        foreach (var declaration in group.Declarations)
                        {
                            foreach (var declarator in declaration.Declarators)
                            {
                                if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol))
                                {
                                    return declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                                }
                            }
                        }

                        break;
                    case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                        when LoopCostModel.ReferencedSymbol(assignment.Target) is { } target && SymbolEqualityComparer.Default.Equals(target, symbol):
                        return assignment.Value;
                }
            }

            return null;
        }

        private static bool IsDrainable(ILocalSymbol local)
            => local.Type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type
                && type.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        /// <summary>A local worklist of the base library (Queue, Stack, List, PriorityQueue...) the loop takes elements from.</summary>
        private static bool IsDrained(ILoopOperation loop, ILocalSymbol local)
        {
            if (!IsDrainable(local))
            {
                return false;
            }

            foreach (var node in loop.Body.DescendantsAndSelf())
            {
                if (node is IInvocationOperation { Instance: ILocalReferenceOperation receiver } invocation
                    && SymbolEqualityComparer.Default.Equals(receiver.Local, local))
                {
                    switch (invocation.TargetMethod.Name)
                    {
                        case "Dequeue":
                        case "TryDequeue":
                        case "Pop":
                        case "TryPop":
                        case "RemoveAt":
                        case "RemoveFirst":
                        case "RemoveLast":
                        case "Remove":
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The loop adds to its own worklist (<c>queue.Enqueue(next)</c>): a search that generates its work.</summary>
        private static bool Feeds(ILoopOperation loop, ILocalSymbol local)
        {
            foreach (var node in loop.Body.DescendantsAndSelf())
            {
                if (node is IInvocationOperation { Instance: ILocalReferenceOperation receiver, TargetMethod.Name: "Enqueue" or "Push" or "Add" or "AddLast" or "AddFirst" or "Insert" }
                    && SymbolEqualityComparer.Default.Equals(receiver.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>while (n != 1) { n = n % 2 == 0 ? n / 2 : 3 * n + 1; }</c>: a data-dependent trip count, input-sized (and
        /// dependent on the enclosing counter when <c>n</c> starts from it). A value only ever divided or shifted down
        /// (<c>x /= 10</c>) takes logarithmically many steps.
        /// </summary>
        private static LoopBound ArithmeticBound(LoopCostModel model, ILoopOperation loop, IBinaryOperation comparison)
        {
            var left = LoopCostModel.ReferencedSymbol(comparison.LeftOperand.WalkDownConversion());
            var right = LoopCostModel.ReferencedSymbol(comparison.RightOperand.WalkDownConversion());
            ISymbol? variable;
            IOperation other;
            if (left is not null && !Mentions(comparison.RightOperand, left))
            {
                variable = left;
                other = comparison.RightOperand;
            }
            else if (right is not null && !Mentions(comparison.LeftOperand, right))
            {
                variable = right;
                other = comparison.LeftOperand;
            }
            else
            {
                return LoopBound.Unknown;
            }

            if (other.ConstantValue is not { HasValue: true } || !IsNumeric(VariableType(variable)))
            {
                return LoopBound.Unknown;
            }

            var updated = false;
            var onlyShrinks = true;
            foreach (var node in loop.Body.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case ISimpleAssignmentOperation assignment when IsVariable(assignment.Target, variable):
                        if (!IsArithmeticOf(assignment.Value, variable))
                        {
                            return LoopBound.Unknown;
                        }

                        updated = true;
                        onlyShrinks &= IsShrinking(assignment.Value, variable);
                        break;
                    case ICompoundAssignmentOperation compound when IsVariable(compound.Target, variable):
                        updated = true;
                        onlyShrinks &= compound.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.RightShift
                            or BinaryOperatorKind.UnsignedRightShift or BinaryOperatorKind.And;
                        break;
                    case IIncrementOrDecrementOperation increment when IsVariable(increment.Target, variable):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: var value } when IsVariable(value, variable):
                        return LoopBound.Unknown;
                }
            }

            if (!updated)
            {
                return LoopBound.Unknown;
            }

            if (onlyShrinks)
            {
                return LoopBound.ChildCollection(LogarithmicSize);
            }

            var initial = PrecedingValue(loop, variable);
            return LoopBound.Large(initial is not null && model.ReferencesEnclosingIndex(initial));
        }

        /// <summary>
        /// <c>do { changed = false; ... changed = true; } while (changed)</c>, <c>while (!converged)</c>: a local flag (or
        /// a floating-point error) the body recomputes. It repeats until the computation settles.
        /// </summary>
        private static bool IsFixedPoint(ILoopOperation loop, IOperation condition)
        {
            var operand = condition.WalkDownConversion();
            while (operand is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                operand = not.Operand.WalkDownConversion();
            }

            ILocalSymbol? flag = null;
            if (operand is ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } local)
            {
                flag = local.Local;
            }
            else if (operand is IBinaryOperation binary && IsComparison(binary.OperatorKind))
            {
                // while (error > tolerance)
                if (binary.LeftOperand.WalkDownConversion() is ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Double or SpecialType.System_Single } errorLocal)
                {
                    flag = errorLocal.Local;
                }
            }

            if (flag is null)
            {
                return false;
            }

            foreach (var node in loop.Body.DescendantsAndSelf())
            {
                if (node is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, flag))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsComparison(BinaryOperatorKind kind)
            => kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.NotEquals;

        private static ITypeSymbol? VariableType(ISymbol symbol)
            => symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };

        private static bool IsNumeric(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsVariable(IOperation operation, ISymbol variable)
            => LoopCostModel.ReferencedSymbol(operation.WalkDownConversion()) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, variable);

        private static bool Mentions(IOperation operation, ISymbol variable)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (LoopCostModel.ReferencedSymbol(node) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, variable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The new value is computed from the old one with arithmetic only (<c>3 * n + 1</c>, <c>n / 2</c>, a conditional of such).</summary>
        private static bool IsArithmeticOf(IOperation value, ISymbol variable)
        {
            var mentions = false;
            foreach (var node in value.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IBinaryOperation:
                    case IUnaryOperation:
                    case IConditionalOperation:
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case ILiteralOperation:
                        break;
                    case ILocalReferenceOperation:
                    case IParameterReferenceOperation:
                        mentions |= IsVariable(node, variable);
                        break;
                    default:
                        if (!node.ConstantValue.HasValue)
                        {
                            return false;
                        }

                        break;
                }
            }

            return mentions;
        }

        private static bool IsShrinking(IOperation value, ISymbol variable)
            => value.WalkDownConversion() is IBinaryOperation
            {
                OperatorKind: BinaryOperatorKind.Divide or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift or BinaryOperatorKind.And,
            } binary
                && IsVariable(binary.LeftOperand, variable);
    }
}
