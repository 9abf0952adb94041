using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// A call of an iterator method of this compilation (a body with <c>yield</c>) runs none of that body: the body runs when
    /// the result is enumerated. Such a call blocks the async path only when the same function enumerates what it returns:
    /// a <c>foreach</c> over it, a LINQ operator that materializes it (<c>ToList()</c>...), directly or through a local it is
    /// assigned to. Handed back or stored, it blocks whoever enumerates it later, elsewhere.
    /// </summary>
    internal static class DeferredIterators
    {
        /// <summary>True when <paramref name="call"/> calls an iterator whose result the enclosing function does not enumerate.</summary>
        public static bool IsDeferred(IInvocationOperation call, IMethodSymbol callee, KnownTypes types)
            => IsIterator(callee) && !IsEnumeratedInFunction(call, types);

        /// <summary>A method, accessor or local function of source whose own body has a <c>yield</c>.</summary>
        public static bool IsIterator(IMethodSymbol method)
        {
            if (method.ReturnsVoid || method.ReturnType.SpecialType is not (SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_IEnumerator)
                && method.ReturnType.OriginalDefinition.SpecialType is not (SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IEnumerator_T))
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax() switch
                {
                    BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body,
                    AccessorDeclarationSyntax accessor => accessor.Body,
                    LocalFunctionStatementSyntax local => local.Body,
                    _ => null,
                };

                if (body is null)
                {
                    continue;
                }

                foreach (var node in body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)))
                {
                    if (node is YieldStatementSyntax)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsEnumeratedInFunction(IInvocationOperation call, KnownTypes types)
        {
            var value = call.WalkUpConversion();
            if (IsEnumerated(value, types))
            {
                return true;
            }

            ILocalSymbol? local = value.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when ReferenceEquals(assignment.Value, value) => target.Local,
                _ => null,
            };

            if (local is null)
            {
                return false;
            }

            var root = call as IOperation;
            while (root.Parent is { } parent && parent is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                root = parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && IsEnumerated(reference.WalkUpConversion(), types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The collection of a <c>foreach</c>, or the source of a LINQ chain that is materialized in the same expression.</summary>
        private static bool IsEnumerated(IOperation value, KnownTypes types)
        {
            return value.Parent switch
            {
                IForEachLoopOperation loop => !loop.IsAsynchronous && ReferenceEquals(loop.Collection, value),
                IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next } => next.TargetMethod.IsExtensionMethod
                    && KnownTypes.Is(next.TargetMethod.ContainingType, types.Enumerable) && AsyncPath.IsMaterializedHere(next, types),
                IArgumentOperation { Parent: IObjectCreationOperation creation } => KnownTypes.Is(creation.Constructor?.ContainingType.OriginalDefinition, types.ListOfT),
                _ => false,
            };
        }
    }
}
