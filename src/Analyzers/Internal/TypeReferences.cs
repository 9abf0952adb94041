using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// The places that name a symbol inside given declarations (a type's parts, or the member around a local function): read
    /// by name over the syntax, then bound with the compilation's model for each tree. For members only their own type can
    /// reach (private methods and fields, local functions), this is every use there is.
    /// </summary>
    internal static class TypeReferences
    {
        /// <summary>
        /// Every name in <paramref name="scopes"/> that binds to <paramref name="symbol"/>, with its model; null when a scope
        /// is not in the compilation (another project's source in the IDE) or a name might mean it without binding to it
        /// (an unresolved use, whose meaning cannot be known).
        /// </summary>
        public static List<(SimpleNameSyntax Name, SemanticModel Model)>? Of(ISymbol symbol, IEnumerable<SyntaxReference> scopes, Compilation compilation, CancellationToken cancellationToken)
        {
            var definition = symbol.OriginalDefinition;
            var found = new List<(SimpleNameSyntax, SemanticModel)>();
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
                    if (node is not SimpleNameSyntax name || name.Identifier.ValueText != definition.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // The uses are in other members of the type, possibly another tree.
                    model ??= compilation.GetSemanticModel(root.SyntaxTree);
#pragma warning restore RS1030
                    var info = model.GetSymbolInfo(name, cancellationToken);
                    if (SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, definition))
                    {
                        found.Add((name, model));
                    }
                    else if (info.Symbol is null)
                    {
                        foreach (var candidate in info.CandidateSymbols)
                        {
                            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
                            {
                                return null;
                            }
                        }
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// The assignment that writes the member <paramref name="name"/> names (<c>f = v</c>, <c>this.f = v</c>, <c>f ??= v</c>,
        /// <c>f += v</c>, <c>(f) = v</c>), or null when the name is read; <paramref name="writtenOtherwise"/> when it is written
        /// in a way no such assignment shows: a <c>ref</c> or <c>out</c> argument (also <c>out f!</c>), a <c>ref</c> expression,
        /// <c>&amp;f</c>, <c>++</c> or <c>--</c>, or a place in a tuple that is assigned or deconstructed into
        /// (<c>(f, n) = (null, 0)</c>). <c>!f</c>, <c>-f</c> and <c>f!</c> as values are reads.
        /// </summary>
        public static AssignmentExpressionSyntax? AssignmentTo(SimpleNameSyntax name, out bool writtenOtherwise)
        {
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            // 'f!' and '(f)' are still the variable itself: 'out f!' and '(f) = v' write it.
            while (target.Parent is ParenthesizedExpressionSyntax
                || (target.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression)))
            {
                target = target.Parent;
            }

            writtenOtherwise = target.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } or RefExpressionSyntax
                || (target.Parent is PrefixUnaryExpressionSyntax prefix
                    && (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) || prefix.IsKind(SyntaxKind.AddressOfExpression)))
                || (target.Parent is PostfixUnaryExpressionSyntax postfix && (postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression)))
                || IsDeconstructedInto(target);
            return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
        }

        /// <summary>An element of a tuple on the left of an assignment, at any depth: <c>(f, n) = ...</c>, <c>((f, a), b) = ...</c>.</summary>
        private static bool IsDeconstructedInto(SyntaxNode target)
        {
            var current = target;
            while (current.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
            {
                if (tuple.Parent is AssignmentExpressionSyntax assignment && assignment.Left == tuple)
                {
                    return true;
                }

                current = tuple;
            }

            return false;
        }

        /// <summary>The call written with <paramref name="name"/>: <c>M(..)</c>, <c>x.M(..)</c>, <c>x?.M(..)</c>; null when the name is not called.</summary>
        public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
        {
            SyntaxNode current = name;
            if (current.Parent is MemberAccessExpressionSyntax access && access.Name == current)
            {
                current = access;
            }
            else if (current.Parent is MemberBindingExpressionSyntax binding && binding.Name == current)
            {
                current = binding;
            }

            return current.Parent is InvocationExpressionSyntax invocation && invocation.Expression == current ? invocation : null;
        }
    }
}
