using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    internal sealed partial class LoopIndependence
    {
        private bool CheckWrites()
        {
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                IOperation? target;
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IThrowOperation:
                    case IReturnOperation:
                    case ILockOperation:
                    case IDeconstructionAssignmentOperation:
                    case IEventAssignmentOperation:
                    case IDynamicInvocationOperation:
                    case IDynamicMemberReferenceOperation:
                    case IAddressOfOperation:
                        return false;
                    case IBranchOperation { BranchKind: BranchKind.GoTo }:
                        return false;
                    case IBranchOperation { BranchKind: BranchKind.Break } branch when BreaksThisLoop(branch):
                        return false;
                    case ISimpleAssignmentOperation assignment:
                        target = assignment.Target;
                        if (assignment.IsRef)
                        {
                            return false;
                        }

                        break;
                    case ICompoundAssignmentOperation compound:
                        target = compound.Target;
                        break;
                    case IIncrementOrDecrementOperation increment:
                        target = increment.Target;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                        target = argument.Value;
                        break;
                    default:
                        continue;
                }

                if (!IsAllowedWrite(operation, target.WalkDownConversion()))
                {
                    return false;
                }
            }

            return true;
        }

        private bool BreaksThisLoop(IBranchOperation branch)
        {
            for (var current = branch.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation or ISwitchOperation)
                {
                    return current == loop;
                }
            }

            return true;
        }

        private bool IsAllowedWrite(IOperation writer, IOperation target)
        {
            switch (target)
            {
                case ILocalReferenceOperation local when counter is not null && SymbolEqualityComparer.Default.Equals(local.Local, counter):
                    return false;
                case ILocalReferenceOperation local when IsDeclaredInBody(local.Local):
                    return true;
                case ILocalReferenceOperation local:
                    return IsReductionWrite(writer, local.Local);
                case IArrayElementReferenceOperation element:
                    return IsCounterIndexedWrite(element);
                default:
                    return false;
            }
        }

        private bool IsReductionWrite(IOperation writer, ILocalSymbol local)
        {
            if (local.IsRef || local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
            {
                return false;
            }

            if (reduction is not null && !SymbolEqualityComparer.Default.Equals(reduction, local))
            {
                return false;
            }

            var kind = writer switch
            {
                IIncrementOrDecrementOperation increment when !increment.IsChecked && !UsesResult(increment) => ParallelReduction.Sum,
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                    when !compound.IsChecked && !UsesResult(compound) && !References(compound.Value, local) => ParallelReduction.Sum,
                ISimpleAssignmentOperation assignment when !UsesResult(assignment) => MinMaxKind(assignment.Value, local),
                _ => ParallelReduction.None,
            };
            if (kind == ParallelReduction.None || (reductionKind != ParallelReduction.None && reductionKind != kind))
            {
                return false;
            }

            reduction = local;
            reductionKind = kind;
            return true;
        }

        /// <summary>Max for <c>Math.Max(x, e)</c> or <c>Math.Max(e, x)</c> where <c>e</c> does not read <c>x</c>; Min likewise; None otherwise.</summary>
        private ParallelReduction MinMaxKind(IOperation value, ILocalSymbol local)
        {
            if (value.WalkDownConversion() is not IInvocationOperation { TargetMethod.Name: "Max" or "Min", Arguments.Length: 2 } call
                || !KnownTypes.Is(call.TargetMethod.ContainingType, symbols.Math)
                || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, local.Type))
            {
                return ParallelReduction.None;
            }

            var first = IsLocal(call.Arguments[0].Value, local);
            var second = IsLocal(call.Arguments[1].Value, local);
            var other = first ? call.Arguments[1].Value : call.Arguments[0].Value;
            if (first == second || References(other, local))
            {
                return ParallelReduction.None;
            }

            return call.TargetMethod.Name == "Max" ? ParallelReduction.Max : ParallelReduction.Min;
        }

        private static bool IsLocal(IOperation operation, ILocalSymbol local)
            => operation.WalkDownConversion() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        /// <summary>True when the value of <c>x++</c> or <c>x += y</c> is used, not just the side effect.</summary>
        private static bool UsesResult(IOperation operation)
            => operation.Parent is not IExpressionStatementOperation;

        private bool IsCounterIndexedWrite(IArrayElementReferenceOperation element)
        {
            if (counter is null || ArraySymbol(element) is not { } array || WrittenInLoop(array))
            {
                return false;
            }

            var position = CounterPosition(element);
            if (position < 0)
            {
                return false;
            }

            if (writtenArrays.TryGetValue(array, out var known) && known != position)
            {
                return false;
            }

            writtenArrays[array] = position;
            return true;
        }

        private int CounterPosition(IArrayElementReferenceOperation element)
        {
            for (var i = 0; i < element.Indices.Length; i++)
            {
                if (element.Indices[i].WalkDownConversion() is ILocalReferenceOperation index && SymbolEqualityComparer.Default.Equals(index.Local, counter))
                {
                    return i;
                }
            }

            return -1;
        }

        private static ISymbol? ArraySymbol(IArrayElementReferenceOperation element)
        {
            return element.ArrayReference.WalkDownConversion() switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None => parameter.Parameter,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                _ => null,
            };
        }
    }
}
