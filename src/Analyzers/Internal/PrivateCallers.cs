using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// Every call of a method that only its own type can call: a private, non-virtual method or a local function, declared in
    /// this compilation. Read by name over the declarations of the type (or the member around the local function), then
    /// bound; used to learn what a parameter of such a method can hold from the arguments its callers pass.
    /// </summary>
    internal static class PrivateCallers
    {
        /// <summary>
        /// The calls of <paramref name="method"/>, or null when they cannot all be known: the method is visible outside its
        /// type, is virtual or implements an interface, is used other than by a direct call (a method group handed on as a
        /// delegate), or is never called.
        /// </summary>
        public static List<IInvocationOperation>? Of(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.IsVirtual || method.IsOverride || method.IsAbstract || method.IsExtern || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.IsExtensionMethod || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
            {
                return null;
            }

            IEnumerable<SyntaxReference> scopes;
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                if (method.DeclaringSyntaxReferences.Length != 1
                    || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
                {
                    return null;
                }

                scopes = new[] { member.GetReference() };
            }
            else if (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Private && method.ContainingType is { } type)
            {
                scopes = type.DeclaringSyntaxReferences;
            }
            else
            {
                return null;
            }

            var calls = new List<IInvocationOperation>();
            foreach (var scope in scopes)
            {
                var root = scope.GetSyntax(cancellationToken);
                if (!compilation.ContainsSyntaxTree(root.SyntaxTree))
                {
                    return null;
                }

                SemanticModel? model = null;
                foreach (var node in root.DescendantNodes())
                {
                    if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // The callers are in other members of the type, possibly another tree.
                    model ??= compilation.GetSemanticModel(root.SyntaxTree);
#pragma warning restore RS1030
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition))
                    {
                        continue;
                    }

                    // Only a direct call: M(...), this.M(...), Type.M(...).
                    var called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                    if (called.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != called
                        || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call)
                    {
                        return null;
                    }

                    calls.Add(call);
                }
            }

            return calls.Count == 0 ? null : calls;
        }
    }
}
