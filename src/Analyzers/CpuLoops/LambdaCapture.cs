using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>Why a loop cannot move into a lambda unchanged (null when it can): the preconditions of the Task.Run and parallel fixes.</summary>
    internal static class LambdaCapture
    {
        /// <summary>
        /// The statement the Task.Run fix moves into its lambda: the loop, or the <c>lock</c> statement around it (the lock
        /// is then taken on the pool thread, inside the lambda). Null when the loop sits in nested locks or a lock that is
        /// not a statement of a block.
        /// </summary>
        public static IOperation? MovedStatement(ILoopOperation loop)
        {
            ILockOperation? found = null;
            for (var current = loop.Parent; current is not null; current = current.Parent)
            {
                if (current is ILockOperation lockOperation)
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = lockOperation;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            if (found is null)
            {
                return loop;
            }

            return found.Parent is IBlockOperation ? found : null;
        }

        public static string? FindBlocker(ILoopOperation loop, IOperation? moved)
        {
            if (moved is null)
            {
                return "it is inside nested locks, where 'await' is not allowed";
            }

            var loopSpan = moved.Syntax.Span;
            var carried = CarriedSpan(moved);
            foreach (var operation in moved.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IReturnOperation { Kind: OperationKind.Return } when !InNestedFunction(operation, loop):
                        return moved == loop ? "it returns from the method" : "the lock around it returns from the method";
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        return "it uses 'yield'";
                    case IBranchOperation { BranchKind: BranchKind.GoTo } branch when !IsDeclaredIn(branch.Target, loopSpan):
                        return "it jumps out with 'goto'";
                    case IParameterReferenceOperation { Parameter: { } parameter } when parameter.RefKind != RefKind.None && !IsDeclaredIn(parameter, loopSpan):
                        return "it uses the " + RefKindName(parameter.RefKind) + " parameter '" + parameter.Name + "'";
                    case IParameterReferenceOperation { Parameter: { } parameter } when parameter.Type.IsRefLikeType && !IsDeclaredIn(parameter, loopSpan):
                        return "it uses the " + parameter.Type.Name + " parameter '" + parameter.Name + "'";
                    case ILocalReferenceOperation { Local: { } local } when (local.IsRef || local.Type.IsRefLikeType) && !IsDeclaredIn(local, loopSpan)
                        && !SymbolEqualityComparer.Default.Equals(local, carried):
                        return local.IsRef ? "it uses the ref local '" + local.Name + "'" : "it uses the " + local.Type.Name + " local '" + local.Name + "'";
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance, Type.IsValueType: true }:
                        return "it uses 'this' of a struct";
                }
            }

            return null;
        }

        /// <summary>
        /// A span declared by the statement right before the moved one (<c>Span&lt;int&gt; counts = stackalloc int[256];</c>)
        /// and not used after it: the fix creates it inside the lambda instead.
        /// </summary>
        private static ILocalSymbol? CarriedSpan(IOperation moved)
        {
            if (moved.Parent is not IBlockOperation block)
            {
                return null;
            }

            var index = block.Operations.IndexOf(moved);
            if (index < 1
                || block.Operations[index - 1] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                || group.Declarations[0].Declarators.Length != 1
                || group.Declarations[0].Declarators[0].Symbol is not { Type.IsRefLikeType: true, IsRef: false } local)
            {
                return null;
            }

            for (var i = index + 1; i < block.Operations.Length; i++)
            {
                foreach (var node in block.Operations[i].DescendantsAndSelf())
                {
                    if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        return null;
                    }
                }
            }

            return local;
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
