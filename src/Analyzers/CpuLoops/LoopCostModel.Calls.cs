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
        private LoopCost InvocationWeight(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.IsAsync || symbols.Types.IsAwaitableReturnType(method.ReturnType) || IsTaskType(method.ContainingType) || symbols.IsIoOrWaitingType(method.ContainingType))
            {
                computationOnly = false;
                return LoopCost.Zero;
            }

            if (IsServiceCall(invocation))
            {
                computationOnly = false;
                return LoopCost.Zero;
            }

            if (symbols.IsMathType(method.ContainingType))
            {
                return LoopCost.Work(MathCallWeight);
            }

            if (IsOpaque(method))
            {
                // A message send, a logger, an add behind an interface, a delegate: its cost is unknown and often I/O-like.
                return LoopCost.Zero;
            }

            if (calleeDepth >= MaxCalleeDepth || CalleeBody(method) is not { } body)
            {
                return LoopCost.Work(CallWeight);
            }

            var summary = symbols.Callees.GetOrAdd(method.OriginalDefinition, _ => Summarize(body));
            if (!summary.ComputationOnly)
            {
                // A helper that does I/O or waits makes the loop an I/O loop.
                computationOnly = false;
                return LoopCost.Zero;
            }

            if (!summary.Loops || enclosing.Count == 0)
            {
                return LoopCost.Work(CallWeight).Add(summary.Cost);
            }

            if (ArgumentsReferenceEnclosing(invocation))
            {
                // IsPrime(i): the callee's loop runs up to the caller's counter.
                return LoopCost.Work(CallWeight).Add(summary.Cost).WithDependent();
            }

            if (PassesWholeCollection(invocation, body))
            {
                // CountBelow(values, v): the callee walks the caller's input on every iteration.
                return LoopCost.Work(CallWeight).Add(summary.Cost);
            }

            // Process(command): the callee's loops walk what one iteration hands it (its parameters, its fields). A helper
            // that is heavy on its own (a blur per image) multiplies the loop's work; one that is not (per-parameter
            // processing, building one command's text) is a call of its own per-iteration weight.
            return summary.Cost.IsHeavy(options)
                ? LoopCost.Work(CallWeight).Add(summary.Cost.AsChildWork(ChildCollectionSize, options.ChildMinWork))
                : LoopCost.Work(CallWeight + summary.Cost.Factor);
        }

        /// <summary>Methods of other assemblies outside the base library's computing types, interface members and delegates.</summary>
        private bool IsOpaque(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return true;
            }

            if (method.ContainingType is { TypeKind: TypeKind.Interface })
            {
                return true;
            }

            return !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, symbols.Assembly) && !symbols.IsKnownCostType(method.ContainingType);
        }

        /// <summary>
        /// An argument that is a collection the loop does not take from its own iteration (the whole input, again), and that
        /// the callee reads: a list the callee only adds its results to (<c>Collect(group, matches)</c>) is output, not input.
        /// </summary>
        private bool PassesWholeCollection(IInvocationOperation invocation, IOperation calleeBody)
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value.Type is { } type && type.SpecialType != SpecialType.System_String
                    && (type.TypeKind == TypeKind.Array || KnownTypes.Is(type.OriginalDefinition, symbols.ListOfT))
                    && !MentionsIterationData(value)
                    && !(argument.Parameter is { } parameter && IsOnlyAddedTo(calleeBody, parameter)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every use of the parameter in the callee adds to it, clears it or reads its size: an output list.</summary>
        private static bool IsOnlyAddedTo(IOperation body, IParameterSymbol parameter)
        {
            foreach (var descendant in body.Descendants())
            {
                if (descendant is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    continue;
                }

                var use = reference.WalkUpConversion();
                switch (use.Parent)
                {
                    case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert" or "Clear" or "EnsureCapacity" } call when ReferenceEquals(call.Instance, use):
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "Capacity" } size when ReferenceEquals(size.Instance, use):
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        private CalleeSummary Summarize(IOperation body)
        {
            var callee = new LoopCostModel(symbols, options, semanticModel, calleeDepth + 1);
            var cost = callee.Weight(body);
            return new CalleeSummary(cost, cost.Degree > 0, callee.computationOnly);
        }

        /// <summary>
        /// The body of a method declared in the loop's own file, bound with the loop's semantic model. Methods in other files
        /// count as a plain call: binding another tree would need another semantic model.
        /// </summary>
        private IOperation? CalleeBody(IMethodSymbol method)
        {
            if (semanticModel is null)
            {
                return null;
            }

            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != semanticModel.SyntaxTree)
                {
                    continue;
                }

                switch (semanticModel.GetOperation(reference.GetSyntax()))
                {
                    case IMethodBodyOperation methodBody when (methodBody.BlockBody ?? methodBody.ExpressionBody) is { } body:
                        return body;
                    case ILocalFunctionOperation localFunction when localFunction.Body is { } body:
                        return body;
                }
            }

            return null;
        }

        /// <summary>
        /// A call through an interface of the application (an injected repository, client, timer manager): what runs behind
        /// it is unknown and in practice often I/O, so the loop is not treated as pure computation. Interfaces of the
        /// framework (IComparer, IList, IEquatable) are not services.
        /// </summary>
        private static bool IsServiceCall(IInvocationOperation invocation)
        {
            var receiver = invocation.Instance?.WalkDownConversion();
            if (receiver?.Type is not { TypeKind: TypeKind.Interface } type)
            {
                return false;
            }

            var ns = type.ContainingNamespace;
            while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns is null || ns.IsGlobalNamespace || ns.Name != "System";
        }

        private static bool IsArithmetic(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Add:
                case BinaryOperatorKind.Subtract:
                case BinaryOperatorKind.Multiply:
                case BinaryOperatorKind.Divide:
                case BinaryOperatorKind.Remainder:
                case BinaryOperatorKind.LeftShift:
                case BinaryOperatorKind.RightShift:
                case BinaryOperatorKind.UnsignedRightShift:
                case BinaryOperatorKind.And:
                case BinaryOperatorKind.Or:
                case BinaryOperatorKind.ExclusiveOr:
                case BinaryOperatorKind.Power:
                    return true;
                default:
                    return false;
            }
        }

        private bool IsTaskType(ITypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            var types = symbols.Types;
            return KnownTypes.Is(definition, types.Task) || KnownTypes.Is(definition, types.TaskOfT)
                || KnownTypes.Is(definition, types.ValueTask) || KnownTypes.Is(definition, types.ValueTaskOfT);
        }

        /// <summary>
        /// An argument that is an enclosing counter as a value (<c>IsPrime(i)</c>, <c>Distance(xs, i, j + 1)</c>): the callee's
        /// loop can run up to it. A counter that only picks the element (<c>Build(commands[i])</c>) hands over one item.
        /// </summary>
        private bool ArgumentsReferenceEnclosing(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsCounterValue(argument.Value, 0))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsCounterValue(IOperation operation, int depth)
        {
            operation = operation.WalkDownConversion();
            if (IsEnclosingIndex(operation))
            {
                return true;
            }

            if (depth >= MaxExpressionDepth)
            {
                return false;
            }

            switch (operation)
            {
                case IBinaryOperation binary when IsArithmetic(binary.OperatorKind):
                    return IsCounterValue(binary.LeftOperand, depth + 1) || IsCounterValue(binary.RightOperand, depth + 1);
                case IUnaryOperation unary:
                    return IsCounterValue(unary.Operand, depth + 1);
                default:
                    return false;
            }
        }
    }
}
