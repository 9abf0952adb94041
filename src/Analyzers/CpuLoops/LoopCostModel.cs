using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>The verdict on one loop: is it pure computation, how often does it run, what does it cost.</summary>
    internal readonly struct LoopEvaluation
    {
        public LoopEvaluation(bool isComputationOnly, LoopBound bound, LoopCost cost)
        {
            IsComputationOnly = isComputationOnly;
            Bound = bound;
            Cost = cost;
        }

        /// <summary>False when the loop awaits, calls async or I/O APIs, waits, locks, catches or yields.</summary>
        public bool IsComputationOnly { get; }

        public LoopBound Bound { get; }

        public LoopCost Cost { get; }

        public bool IsHeavy(CpuLoopOptions options)
            => IsComputationOnly && Bound.Kind != LoopBoundKind.Unknown && Cost.IsHeavy(options);
    }

    /// <summary>
    /// The ASYNC301 cost model, over operations: a loop costs its bound times the weight of its body; nested loops multiply;
    /// arithmetic, element access and calls weigh a little each; a call to a same-compilation method that loops adds that
    /// method's own (syntactic) estimate.
    /// </summary>
    internal sealed class LoopCostModel
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

            if (PassesWholeCollection(invocation))
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

        /// <summary>An argument that is a collection the loop does not take from its own iteration (the whole input, again).</summary>
        private bool PassesWholeCollection(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value.Type is { } type && type.SpecialType != SpecialType.System_String
                    && (type.TypeKind == TypeKind.Array || KnownTypes.Is(type.OriginalDefinition, symbols.ListOfT))
                    && !MentionsIterationData(value))
                {
                    return true;
                }
            }

            return false;
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

        // ------------------------------------------------------------------ bounds

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
                    if (invocation.Instance is not null)
                    {
                        return DerivedFromEnclosing(invocation.Instance, depth + 1);
                    }

                    return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && DerivedFromEnclosing(invocation.Arguments[0].Value, depth + 1);
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
