using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Auto-properties, which hold a value like a field: what the helper summaries and first-call work read as one.</summary>
    internal static class AutoProperties
    {
        /// <summary><c>{ get; ... }</c> with no body: the property reads a hidden field.</summary>
        public static bool IsAuto(IPropertySymbol property)
        {
            var getter = property.GetMethod;
            if (getter is null || getter.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            return getter.DeclaringSyntaxReferences[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
        }

        /// <summary>
        /// <c>public Stream Source { get; private set; }</c>: an auto-property only its own type can set (no setter, or a
        /// private one), read like a field.
        /// </summary>
        public static bool IsPrivatelySet(IPropertySymbol property)
            => property.SetMethod is null or { DeclaredAccessibility: Accessibility.Private } && IsAuto(property);
    }
}
