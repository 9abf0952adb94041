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
        internal static ISymbol? ReferencedSymbol(IOperation operation)
        {
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
        }

        private bool IsEnclosing(ISymbol symbol, out bool isIndex)
        {
            foreach (var (candidate, index) in enclosing)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate, symbol))
                {
                    isIndex = index;
                    return true;
                }
            }

            isIndex = false;
            return false;
        }

        /// <summary>True when <paramref name="operation"/> reads an enclosing loop's integer counter.</summary>
        internal bool ReferencesEnclosingIndex(IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if (IsEnclosingIndex(node))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="operation"/> reads an enclosing loop's variable or a local of one of its iterations (the node a search dequeued).</summary>
        private bool MentionsIterationData(IOperation operation)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                switch (node)
                {
                    case ILocalReferenceOperation local when IsEnclosing(local.Local, out _) || IsDeclaredInEnclosingLoop(local.Local):
                    case IParameterReferenceOperation parameter when IsEnclosing(parameter.Parameter, out _):
                        return true;
                }
            }

            return false;
        }

        private bool ReferencesEnclosing(IOperation operation)
        {
            if (enclosing.Count == 0)
            {
                return false;
            }

            foreach (var node in operation.DescendantsAndSelf())
            {
                if (ReferencedSymbol(node) is { } symbol && IsEnclosing(symbol, out _))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for a collection or length that belongs to an enclosing loop's element: <c>foreach (var c in line)</c>,
        /// <c>order.Lines.Count</c>, <c>rows[i].Length</c>. Such nests walk the input once in total, not n times.
        /// A bare enclosing counter (<c>j &lt; i</c>) is not a child: that is a triangular nest.
        /// </summary>
        /// <summary>A child collection, or arithmetic on one (<c>line.Length - 1</c>) that involves no enclosing counter.</summary>
        private bool IsChildExpression(IOperation expression, int depth = 0)
        {
            expression = expression.WalkDownConversion();
            if (IsChildCollection(expression))
            {
                return true;
            }

            return depth < MaxExpressionDepth
                && expression is IBinaryOperation binary
                && IsArithmetic(binary.OperatorKind)
                && ((IsChildExpression(binary.LeftOperand, depth + 1) && !IsEnclosingIndex(binary.RightOperand))
                    || (IsChildExpression(binary.RightOperand, depth + 1) && !IsEnclosingIndex(binary.LeftOperand)));
        }

        private bool IsEnclosingIndex(IOperation operation)
            => operation.WalkDownConversion() is ILocalReferenceOperation local && IsEnclosing(local.Local, out var isIndex) && isIndex;

        /// <summary>A local declared inside one of the loops being evaluated: data of one iteration (<c>var movies = Fetch(page)</c>).</summary>
        private bool IsDeclaredInEnclosingLoop(ILocalSymbol local)
        {
            foreach (var loop in enclosingLoops)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    // The whole loop: while (stack.TryPop(out var node)) declares the iteration's node in its condition.
                    if (loop.Syntax.Span.Contains(reference.Span))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsChildCollection(IOperation limit)
        {
            if (limit is ILocalReferenceOperation local)
            {
                return IsEnclosing(local.Local, out var isIndex) ? !isIndex : IsDeclaredInEnclosingLoop(local.Local);
            }

            return DerivedFromEnclosing(limit);
        }

        /// <summary>
        /// <c>ChildrenOf(node)</c>, <c>KeysOf(Matcher(group))</c>: a call that is handed what this iteration took, and nothing
        /// else that could be the whole input (a collection not taken from the iteration, a lambda, a bare counter as a value),
        /// selects that element's share, like <c>edges[node]</c>. What the call itself costs is weighed where it is called.
        /// </summary>
        private bool SelectsForTheElement(IInvocationOperation invocation)
        {
            // text.Split(g), everything.GetRange(...): a receiver that is a whole collection or string is walked again.
            if (invocation.Instance is { } receiver && receiver is not IInstanceReferenceOperation
                && (IsCollection(receiver.Type) || receiver.Type?.SpecialType == SpecialType.System_String) && !MentionsIterationData(receiver))
            {
                return false;
            }

            var mentions = false;
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value is IDelegateCreationOperation or IAnonymousFunctionOperation || IsCounterValue(value, 0))
                {
                    return false;
                }

                var fromIteration = MentionsIterationData(value);
                if (!fromIteration && IsCollection(value.Type))
                {
                    return false;
                }

                mentions |= fromIteration;
            }

            return mentions;
        }

        private static bool IsCollection(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Array || type.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
                {
                    return true;
                }
            }

            return false;
        }

        private bool DerivedFromEnclosing(IOperation operation, int depth = 0)
        {
            if (depth >= MaxExpressionDepth)
            {
                return false;
            }

            operation = operation.WalkDownConversion();
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return IsEnclosing(local.Local, out _) || IsDeclaredInEnclosingLoop(local.Local);
                case IParameterReferenceOperation parameter:
                    return IsEnclosing(parameter.Parameter, out _);
                case IPropertyReferenceOperation property:
                    if (property.Instance is not null && DerivedFromEnclosing(property.Instance, depth + 1))
                    {
                        return true;
                    }

                    // edges[node]: the neighbours of the node this iteration took.
                    foreach (var argument in property.Arguments)
                    {
                        if (MentionsIterationData(argument.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                case IFieldReferenceOperation field:
                    return field.Instance is not null && DerivedFromEnclosing(field.Instance, depth + 1);
                case IInvocationOperation invocation:
                    if (invocation.TargetMethod.IsExtensionMethod)
                    {
                        return invocation.Instance is null && invocation.Arguments.Length > 0 && DerivedFromEnclosing(invocation.Arguments[0].Value, depth + 1);
                    }

                    return (invocation.Instance is not null && DerivedFromEnclosing(invocation.Instance, depth + 1)) || SelectsForTheElement(invocation);
                case IArrayElementReferenceOperation element:
                    if (DerivedFromEnclosing(element.ArrayReference, depth + 1))
                    {
                        return true;
                    }

                    foreach (var index in element.Indices)
                    {
                        if (MentionsIterationData(index))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
