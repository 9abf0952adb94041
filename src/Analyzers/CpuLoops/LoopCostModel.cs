using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// The ASYNC301 cost model, over operations: a loop costs its bound times the weight of its body; nested loops multiply;
    /// arithmetic, element access and calls weigh a little each; a call to a same-compilation method that loops adds that
    /// method's own (syntactic) estimate.
    /// </summary>
    internal sealed partial class LoopCostModel
    {
        /// <summary>Iterations assumed for a collection that belongs to an enclosing loop's element (an order's lines, a line's characters).</summary>
        internal const double ChildCollectionSize = 16;

        private const int MathCallWeight = 4;

        private const int CallWeight = 1;

        private const int MaxCalleeDepth = 3;

        /// <summary>
        /// How deep the cost walk follows nested operations. Deeper code (thousands of nested expressions, generated) is
        /// not judged: the walk stays bounded and the loop is left alone.
        /// </summary>
        private const int MaxOperationDepth = 200;

        /// <summary>How far a loop limit is followed through receivers and arithmetic (<c>a.b.c.Length</c>, <c>n * 2 + 1</c>).</summary>
        private const int MaxExpressionDepth = 64;

        private readonly CpuLoopSymbols symbols;

        private readonly CpuLoopOptions options;

        // The loop variables of the loops around the current position, innermost last; IsIndex marks integer counters.
        private readonly List<(ISymbol Symbol, bool IsIndex)> enclosing = new List<(ISymbol, bool)>();

        private readonly List<ILoopOperation> enclosingLoops = new List<ILoopOperation>();

        private bool computationOnly = true;

        private int operationDepth;

        private readonly SemanticModel? semanticModel;

        private readonly int calleeDepth;

        internal CpuLoopOptions Options => options;

        private LoopCostModel(CpuLoopSymbols symbols, CpuLoopOptions options, SemanticModel? semanticModel, int calleeDepth)
        {
            this.symbols = symbols;
            this.options = options;
            this.semanticModel = semanticModel;
            this.calleeDepth = calleeDepth;
        }

        public static LoopEvaluation Evaluate(ILoopOperation loop, CpuLoopSymbols symbols, CpuLoopOptions options)
        {
            var model = new LoopCostModel(symbols, options, loop.SemanticModel, 0);
            var bound = model.Bound(loop);
            var cost = model.CostOf(loop, bound);
            return new LoopEvaluation(model.computationOnly, bound, cost);
        }

        private LoopCost CostOf(ILoopOperation loop, LoopBound bound)
        {
            if (loop is IForEachLoopOperation { IsAsynchronous: true })
            {
                computationOnly = false;
            }

            var pushed = PushLoopVariables(loop);
            enclosingLoops.Add(loop);
            var body = Weight(loop.Body);
            switch (loop)
            {
                case IForLoopOperation forLoop:
                    body = body.Add(Weight(forLoop.Condition));
                    foreach (var step in forLoop.AtLoopBottom)
                    {
                        body = body.Add(Weight(step));
                    }

                    break;
                case IWhileLoopOperation whileLoop:
                    body = body.Add(Weight(whileLoop.Condition));
                    break;
            }

            enclosing.RemoveRange(enclosing.Count - pushed, pushed);
            enclosingLoops.RemoveAt(enclosingLoops.Count - 1);

            // The header runs once: foreach's collection (File.ReadLines(path) makes this an I/O loop), for's initializers.
            var header = LoopCost.Zero;
            switch (loop)
            {
                case IForEachLoopOperation forEach:
                    header = Weight(forEach.Collection);
                    break;
                case IForLoopOperation forLoop:
                    foreach (var initializer in forLoop.Before)
                    {
                        header = header.Add(Weight(initializer));
                    }

                    break;
            }

            var cost = body.Times(bound.Kind == LoopBoundKind.Unknown ? LoopBound.Small(1) : bound);
            if (bound.Child && body.Degree == 0 && body.Factor >= options.ChildMinWork)
            {
                // A tokenizer over each line's characters: real work per element of the child collection.
                cost = cost.WithNested();
            }

            return cost.Add(header);
        }

        private int PushLoopVariables(ILoopOperation loop)
        {
            var count = 0;
            if (loop is IForEachLoopOperation)
            {
                foreach (var local in loop.Locals)
                {
                    enclosing.Add((local, false));
                    count++;
                }

                return count;
            }

            foreach (var symbol in SteppedVariables(loop))
            {
                enclosing.Add((symbol, true));
                count++;
            }

            return count;
        }

        private LoopCost Weight(IOperation? operation)
        {
            if (operation is null || !computationOnly)
            {
                return LoopCost.Zero;
            }

            if (operationDepth >= MaxOperationDepth)
            {
                computationOnly = false;
                return LoopCost.Zero;
            }

            operationDepth++;
            try
            {
                return WeightCore(operation);
            }
            finally
            {
                operationDepth--;
            }
        }

        private LoopCost WeightCore(IOperation operation)
        {
            switch (operation)
            {
                case ITryOperation when calleeDepth == 0:
                case ILockOperation when calleeDepth == 0:
                    // Retry loops catch; loops that lock share state. In a called helper neither says anything about the loop.
                    computationOnly = false;
                    return LoopCost.Zero;
                case IAwaitOperation:
                case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    computationOnly = false;
                    return LoopCost.Zero;
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    // Not run by the loop itself (or run through a delegate we cannot follow).
                    return LoopCost.Zero;
                case ILoopOperation inner:
                    return CostOf(inner, Bound(inner));
                case IInvocationOperation invocation:
                    return Children(invocation).Add(InvocationWeight(invocation));
                case IPropertyReferenceOperation property:
                    if (IsTaskType(property.Property.ContainingType))
                    {
                        // task.Result blocks.
                        computationOnly = false;
                        return LoopCost.Zero;
                    }

                    return Children(property);
                case IObjectCreationOperation creation:
                    return Children(creation).Add(LoopCost.Work(CallWeight));
                case IBinaryOperation binary when !IsArithmetic(binary.OperatorKind):
                    // Comparisons and logic steer the loop; they are not the work it does.
                    return Children(operation);
                case IBinaryOperation:
                case IUnaryOperation:
                case ICompoundAssignmentOperation:
                case IIncrementOrDecrementOperation:
                case IArrayElementReferenceOperation:
                    return Children(operation).Add(LoopCost.Work(1));
                default:
                    return Children(operation);
            }
        }

        private LoopCost Children(IOperation operation)
        {
            var total = LoopCost.Zero;
            foreach (var child in operation.ChildOperations)
            {
                total = total.Add(Weight(child));
            }

            return total;
        }
    }
}
