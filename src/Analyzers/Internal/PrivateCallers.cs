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
                || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
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

            if (TypeReferences.Of(method, scopes, compilation, cancellationToken) is not { } uses)
            {
                return null;
            }

            var calls = new List<IInvocationOperation>();
            foreach (var (name, model) in uses)
            {
                // Only a direct call: M(...), this.M(...), x?.M(...); a method group handed on as a delegate has unseen callers.
                if (TypeReferences.InvocationOf(name) is not { } invocation || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call)
                {
                    return null;
                }

                calls.Add(call);
            }

            return calls.Count == 0 ? null : calls;
        }
    }
}
