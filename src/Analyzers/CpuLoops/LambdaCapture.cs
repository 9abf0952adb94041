using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>Why a loop cannot move into a lambda unchanged (null when it can): the preconditions of the Task.Run and parallel fixes.</summary>
    internal static class LambdaCapture
    {
        public static string? FindBlocker(ILoopOperation loop)
        {
            for (var current = loop.Parent; current is not null; current = current.Parent)
            {
                if (current is ILockOperation)
                {
                    return "it is inside a lock, where 'await' is not allowed";
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            var loopSpan = loop.Syntax.Span;
            foreach (var operation in loop.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IReturnOperation { Kind: OperationKind.Return } when !InNestedFunction(operation, loop):
                        return "it returns from the method";
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        return "it uses 'yield'";
                    case IBranchOperation { BranchKind: BranchKind.GoTo } branch when !IsDeclaredIn(branch.Target, loopSpan):
                        return "it jumps out with 'goto'";
                    case IParameterReferenceOperation { Parameter: { } parameter } when parameter.RefKind != RefKind.None && !IsDeclaredIn(parameter, loopSpan):
                        return "it uses the " + RefKindName(parameter.RefKind) + " parameter '" + parameter.Name + "'";
                    case IParameterReferenceOperation { Parameter: { } parameter } when parameter.Type.IsRefLikeType && !IsDeclaredIn(parameter, loopSpan):
                        return "it uses the " + parameter.Type.Name + " parameter '" + parameter.Name + "'";
                    case ILocalReferenceOperation { Local: { } local } when (local.IsRef || local.Type.IsRefLikeType) && !IsDeclaredIn(local, loopSpan):
                        return local.IsRef ? "it uses the ref local '" + local.Name + "'" : "it uses the " + local.Type.Name + " local '" + local.Name + "'";
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance, Type.IsValueType: true }:
                        return "it uses 'this' of a struct";
                }
            }

            return null;
        }

        private static string RefKindName(RefKind kind)
            => kind switch
            {
                RefKind.Out => "out",
                RefKind.In => "in",
                _ => "ref",
            };

        private static bool InNestedFunction(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDeclaredIn(ISymbol symbol, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
