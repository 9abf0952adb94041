using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// The dependence analysis behind the parallel fix. Iterations are independent when the body writes only locals declared
    /// in it and elements of arrays indexed by the loop counter, reads nothing else the loop writes, calls only side-effect
    /// free methods, and leaves the loop only by finishing an iteration (<c>continue</c>). One integer local may be summed
    /// into (<c>sum += x</c>, <c>count++</c>): the fix gives each worker its own partial sum.
    /// </summary>
    internal sealed partial class LoopIndependence
    {
        private const int MaxCalleeDepth = 3;

        private readonly ILoopOperation loop;

        private readonly CpuLoopSymbols symbols;

        private readonly ISymbol? counter;

        private readonly Dictionary<ISymbol, int> writtenArrays = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);

        private ILocalSymbol? reduction;

        private ParallelReduction reductionKind;

        private LoopIndependence(ILoopOperation loop, CpuLoopSymbols symbols, ISymbol? counter)
        {
            this.loop = loop;
            this.symbols = symbols;
            this.counter = counter;
        }

        public static ParallelPlan Analyze(ILoopOperation loop, CpuLoopSymbols symbols)
        {
            ParallelShape shape;
            ISymbol? counter = null;
            switch (loop)
            {
                case IForLoopOperation forLoop when TryGetCounter(forLoop, out var forCounter):
                    shape = ParallelShape.For;
                    counter = forCounter;
                    break;
                case IForEachLoopOperation forEach when IsSimpleForEach(forEach, symbols):
                    shape = ParallelShape.ForEach;
                    break;
                default:
                    return ParallelPlan.None;
            }

            var analysis = new LoopIndependence(loop, symbols, counter);
            if (!analysis.CheckWrites() || !analysis.CheckReadsAndCalls())
            {
                return ParallelPlan.None;
            }

            if (analysis.reduction is not null && loop is IForLoopOperation { Condition: { } limit } && References(limit, analysis.reduction))
            {
                return ParallelPlan.None;
            }

            return new ParallelPlan(shape, analysis.reduction?.Name, analysis.reductionKind);
        }

        /// <summary>
        /// <c>for (int i = a; i &lt; b; i++)</c> (or <c>&lt;=</c>, <c>i += 1</c>) with int start and limit, so Parallel.For's
        /// int overload keeps the counter's type, and a limit the body does not change.
        /// </summary>
        private static bool TryGetCounter(IForLoopOperation forLoop, out ISymbol counter)
        {
            counter = null!;
            if (forLoop.Before.Length != 1
                || forLoop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                || group.Declarations[0].Declarators.Length != 1
                || group.Declarations[0].Declarators[0] is not { Initializer: not null } declarator
                || declarator.Symbol.Type.SpecialType != SpecialType.System_Int32
                || declarator.Initializer.Value.WalkDownConversion().Type?.SpecialType != SpecialType.System_Int32
                || forLoop.Condition?.WalkDownConversion() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } condition
                || condition.RightOperand.WalkDownConversion().Type?.SpecialType != SpecialType.System_Int32
                || forLoop.Syntax is not ForStatementSyntax { Condition: BinaryExpressionSyntax }
                || condition.LeftOperand.WalkDownConversion() is not ILocalReferenceOperation left
                || !SymbolEqualityComparer.Default.Equals(left.Local, declarator.Symbol)
                || forLoop.AtLoopBottom.Length != 1
                || !IsIncrementByOne(forLoop.AtLoopBottom[0], declarator.Symbol))
            {
                return false;
            }

            // The limit is evaluated once by Parallel.For: it must be a plain value the loop cannot change.
            foreach (var node in condition.RightOperand.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IInvocationOperation:
                    case IObjectCreationOperation:
                    case IArrayElementReferenceOperation:
                    case IPropertyReferenceOperation property when !IsLengthOrCount(property.Property):
                        return false;
                }
            }

            counter = declarator.Symbol;
            return true;
        }

        private static bool IsLengthOrCount(IPropertySymbol property)
            => property.Name is "Length" or "Count" or "LongLength" && property.Parameters.IsEmpty;

        private static bool IsIncrementByOne(IOperation step, ISymbol counter)
        {
            var operation = step is IExpressionStatementOperation statement ? statement.Operation : step;
            return operation switch
            {
                IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment
                    => LoopCostModel.ReferencedSymbol(increment.Target) is { } target && SymbolEqualityComparer.Default.Equals(target, counter),
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound
                    => LoopCostModel.ReferencedSymbol(compound.Target) is { } target
                        && SymbolEqualityComparer.Default.Equals(target, counter)
                        && compound.Value.WalkDownConversion().ConstantValue is { HasValue: true, Value: 1 or 1L },
                _ => false,
            };
        }

        private static bool IsSimpleForEach(IForEachLoopOperation forEach, CpuLoopSymbols symbols)
        {
            if (forEach.IsAsynchronous
                || forEach.Locals.Length != 1
                || forEach.Locals[0].IsRef
                || forEach.LoopControlVariable is not IVariableDeclaratorOperation
                || forEach.Collection.WalkDownConversion().Type is not { IsRefLikeType: false } collectionType)
            {
                return false;
            }

            // Parallel.ForEach takes an IEnumerable<T>; the iteration variable must be that T, with no conversion.
            foreach (var candidate in AllTypes(collectionType))
            {
                if (candidate is INamedTypeSymbol { TypeArguments.Length: 1 } named
                    && KnownTypes.Is(named.OriginalDefinition, symbols.EnumerableOfT)
                    && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], forEach.Locals[0].Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<ITypeSymbol> AllTypes(ITypeSymbol type)
        {
            yield return type;
            foreach (var implemented in type.AllInterfaces)
            {
                yield return implemented;
            }
        }

        private bool IsDeclaredInBody(ILocalSymbol local)
        {
            var span = loop.Body.Syntax.Span;
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private bool WrittenInLoop(ISymbol symbol)
        {
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                var target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation increment => increment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                    _ => null,
                };
                if (target is not null && ReferencedArray(target.WalkDownConversion()) is { } written && SymbolEqualityComparer.Default.Equals(written, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool References(IOperation operation, ISymbol symbol)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (LoopCostModel.ReferencedSymbol(node) is { } referenced && SymbolEqualityComparer.Default.Equals(referenced, symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
