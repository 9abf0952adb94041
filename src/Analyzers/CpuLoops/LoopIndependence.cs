using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>How a loop can run in parallel: <see cref="Shape"/> "for" or "foreach" (null: it cannot), and an optional integer sum.</summary>
    internal readonly struct ParallelPlan
    {
        public static readonly ParallelPlan None = new ParallelPlan(null, null);

        public ParallelPlan(string? shape, string? reduction, string? reductionKind = null)
        {
            Shape = shape;
            Reduction = reduction;
            ReductionKind = reductionKind;
        }

        /// <summary>"sum", "min" or "max".</summary>
        public string? ReductionKind { get; }

        public string? Shape { get; }

        public string? Reduction { get; }
    }

    /// <summary>
    /// The dependence analysis behind the parallel fix. Iterations are independent when the body writes only locals declared
    /// in it and elements of arrays indexed by the loop counter, reads nothing else the loop writes, calls only side-effect
    /// free methods, and leaves the loop only by finishing an iteration (<c>continue</c>). One integer local may be summed
    /// into (<c>sum += x</c>, <c>count++</c>): the fix gives each worker its own partial sum.
    /// </summary>
    internal sealed class LoopIndependence
    {
        private const int MaxCalleeDepth = 3;

        private readonly ILoopOperation loop;
        private readonly CpuLoopSymbols symbols;
        private readonly ISymbol? counter;
        private readonly Dictionary<ISymbol, int> writtenArrays = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        private ILocalSymbol? reduction;
        private string? reductionKind;

        private LoopIndependence(ILoopOperation loop, CpuLoopSymbols symbols, ISymbol? counter)
        {
            this.loop = loop;
            this.symbols = symbols;
            this.counter = counter;
        }

        public static ParallelPlan Analyze(ILoopOperation loop, CpuLoopSymbols symbols)
        {
            string shape;
            ISymbol? counter = null;
            switch (loop)
            {
                case IForLoopOperation forLoop when TryGetCounter(forLoop, out var forCounter):
                    shape = "for";
                    counter = forCounter;
                    break;
                case IForEachLoopOperation forEach when IsSimpleForEach(forEach, symbols):
                    shape = "foreach";
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

        // ------------------------------------------------------------------ writes

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

            string? kind = writer switch
            {
                IIncrementOrDecrementOperation increment when !increment.IsChecked && !UsesResult(increment) => "sum",
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound
                    when !compound.IsChecked && !UsesResult(compound) && !References(compound.Value, local) => "sum",
                ISimpleAssignmentOperation assignment when !UsesResult(assignment) => MinMaxKind(assignment.Value, local),
                _ => null,
            };
            if (kind is null || (reductionKind is not null && reductionKind != kind))
            {
                return false;
            }

            reduction = local;
            reductionKind = kind;
            return true;
        }

        /// <summary>"max" for <c>Math.Max(x, e)</c> or <c>Math.Max(e, x)</c> where <c>e</c> does not read <c>x</c>; "min" likewise; null otherwise.</summary>
        private string? MinMaxKind(IOperation value, ILocalSymbol local)
        {
            if (value.WalkDownConversion() is not IInvocationOperation { TargetMethod.Name: "Max" or "Min", Arguments.Length: 2 } call
                || !KnownTypes.Is(call.TargetMethod.ContainingType, symbols.Math)
                || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, local.Type))
            {
                return null;
            }

            var first = IsLocal(call.Arguments[0].Value, local);
            var second = IsLocal(call.Arguments[1].Value, local);
            var other = first ? call.Arguments[1].Value : call.Arguments[0].Value;
            if (first == second || References(other, local))
            {
                return null;
            }

            return call.TargetMethod.Name == "Max" ? "max" : "min";
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

        // ------------------------------------------------------------------ reads and calls

        private bool CheckReadsAndCalls()
        {
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when !IsPureCall(invocation.TargetMethod, invocation.Instance, 0):
                        return false;
                    case IObjectCreationOperation:
                    case IPropertyReferenceOperation property when !IsSafeGetter(property):
                        return false;
                    case ILocalReferenceOperation local when reduction is not null && SymbolEqualityComparer.Default.Equals(local.Local, reduction) && !IsReductionTarget(local):
                        // The running sum is only written; reading it would observe other iterations.
                        return false;
                    case IArrayElementReferenceOperation element when ArraySymbol(element) is { } array && writtenArrays.TryGetValue(array, out var position):
                        if (CounterPosition(element) != position)
                        {
                            return false;
                        }

                        break;
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                        when ReferencedArray(operation) is { } array && writtenArrays.ContainsKey(array) && operation.Parent is not IArrayElementReferenceOperation:
                        // A written array escaping as a whole (passed to a method, aliased) could be read at other indices.
                        return false;
                }
            }

            return true;
        }

        private static ISymbol? ReferencedArray(IOperation operation)
        {
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
        }

        private bool IsReductionTarget(ILocalReferenceOperation reference)
        {
            return reference.Parent switch
            {
                IIncrementOrDecrementOperation increment => increment.Target == reference,
                ICompoundAssignmentOperation compound => compound.Target == reference,
                ISimpleAssignmentOperation assignment => assignment.Target == reference,
                // x = Math.Max(x, e): the read of x inside the reduction itself.
                IArgumentOperation { Parent: IInvocationOperation { Parent: ISimpleAssignmentOperation assignment } call }
                    => reductionKind is "min" or "max" && assignment.Value.WalkDownConversion() == call && IsLocal(assignment.Target, reduction!),
                _ => false,
            };
        }

        private bool IsSafeGetter(IPropertyReferenceOperation property)
        {
            var symbol = property.Property;
            var type = symbol.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (type.SpecialType is SpecialType.System_String or SpecialType.System_Array || type.TypeKind == TypeKind.Array || IsPrimitive(type))
            {
                return true;
            }

            // List<T>'s getters only read; concurrent reads of a list nobody writes are safe.
            if (KnownTypes.Is(type, symbols.ListOfT) && !IsWriteTarget(property))
            {
                return true;
            }

            return IsAutoPropertyGetter(symbol) && !IsWriteTarget(property);
        }

        private static bool IsWriteTarget(IOperation operation)
        {
            return operation.Parent switch
            {
                IAssignmentOperation assignment => assignment.Target == operation,
                IIncrementOrDecrementOperation increment => increment.Target == operation,
                _ => false,
            };
        }

        private static bool IsAutoPropertyGetter(IPropertySymbol property)
        {
            if (property.GetMethod is null || property.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null })
                {
                    return false;
                }

                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsPrimitive(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Math, string, char and primitive methods, and static methods of this compilation proved side-effect free.</summary>
        private bool IsPureCall(IMethodSymbol method, IOperation? instance, int depth)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (symbols.IsMathType(type) || type.SpecialType == SpecialType.System_String || IsPrimitive(type))
            {
                // Instance methods of strings and primitives do not change their receiver (primitive receivers are copies).
                return true;
            }

            if (!method.IsStatic || method.IsAsync || method.DeclaringSyntaxReferences.Length == 0 || depth > MaxCalleeDepth || instance is not null)
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    return false;
                }
            }

            var definition = method.OriginalDefinition;
            if (symbols.PureMethods.TryGetValue(definition, out var known))
            {
                return known;
            }

            // Assume not pure while the body is checked, so recursion does not loop.
            symbols.PureMethods.TryAdd(definition, false);
            var pure = IsPureBody(definition, depth);
            symbols.PureMethods[definition] = pure;
            return pure;
        }

        private bool IsPureBody(IMethodSymbol method, int depth)
        {
            var model = loop.SemanticModel;
            if (model is null)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                // Only bodies in this tree: the loop's semantic model cannot bind other trees.
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    return false;
                }

                var body = model.GetOperation(reference.GetSyntax());
                if (body is null)
                {
                    return false;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation when !IsPureCall(invocation.TargetMethod, invocation.Instance, depth + 1):
                        case IObjectCreationOperation:
                        case IAnonymousFunctionOperation:
                        case ILocalFunctionOperation:
                        case IThrowOperation:
                        case ILockOperation:
                        case IAwaitOperation:
                        case IEventAssignmentOperation:
                        case IDynamicInvocationOperation:
                        case IAddressOfOperation:
                        case IPropertyReferenceOperation property when !IsSafeGetter(property):
                            return false;
                        case ISimpleAssignmentOperation assignment when !IsLocalOrValueParameter(assignment.Target, method):
                        case ICompoundAssignmentOperation compound when !IsLocalOrValueParameter(compound.Target, method):
                        case IIncrementOrDecrementOperation increment when !IsLocalOrValueParameter(increment.Target, method):
                            return false;
                    }
                }
            }

            return true;
        }

        private static bool IsLocalOrValueParameter(IOperation target, IMethodSymbol method)
        {
            return target.WalkDownConversion() switch
            {
                ILocalReferenceOperation local => !local.Local.IsRef,
                IParameterReferenceOperation parameter => parameter.Parameter.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method),
                _ => false,
            };
        }

        // ------------------------------------------------------------------ helpers

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
