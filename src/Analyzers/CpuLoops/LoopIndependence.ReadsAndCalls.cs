using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    internal sealed partial class LoopIndependence
    {
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
                    => reductionKind is ParallelReduction.Min or ParallelReduction.Max && assignment.Value.WalkDownConversion() == call && IsLocal(assignment.Target, reduction!),
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
                return (bool)known;
            }

            // Assume not pure while the body is checked, so recursion does not loop.
            symbols.PureMethods.TryAdd(definition, Boxes.False);
            var pure = IsPureBody(definition, depth);
            symbols.PureMethods[definition] = Boxes.Of(pure);
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
    }
}
