using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    internal static class FunctionNames
    {
        private static readonly SymbolDisplayFormat Format = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

        /// <summary>A short human name for the function that owns a diagnostic: "Type.Method", "lambda", "top-level statements".</summary>
        public static string Display(IMethodSymbol? function)
        {
            if (function is null)
            {
                return "?";
            }

            switch (function.MethodKind)
            {
                case MethodKind.AnonymousFunction:
                    return "lambda";
                case MethodKind.LocalFunction:
                    return function.Name;
            }

            if (function.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            {
                return "top-level statements";
            }

            return function.ToDisplayString(Format);
        }

        /// <summary>
        /// The owner as a message names it, quotes included: "'Type.Method'", "'Local'", "the lambda in 'Type.Method'"
        /// (a lambda is named by the function or member it is written in), "top-level statements".
        /// </summary>
        public static string Describe(IMethodSymbol? function)
        {
            if (function is null || function.MethodKind != MethodKind.AnonymousFunction)
            {
                return Quoted(function);
            }

            // Nested lambdas belong to the same named function.
            ISymbol? owner = function.ContainingSymbol;
            while (owner is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            {
                owner = owner.ContainingSymbol;
            }

            return owner switch
            {
                IMethodSymbol method => "the lambda in " + Quoted(method),
                IFieldSymbol or IPropertySymbol => "the lambda in '" + owner.ContainingType?.Name + "." + owner.Name + "'",
                _ => "a lambda",
            };
        }

        private static string Quoted(IMethodSymbol? function)
        {
            var name = Display(function);
            return name == "top-level statements" ? name : "'" + name + "'";
        }

        /// <summary>Just the member's name ("Step", "Settings" for a getter), for chain messages.</summary>
        public static string Short(IMethodSymbol method)
        {
            return method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is { } property
                ? property.Name
                : method.Name;
        }
    }
}
