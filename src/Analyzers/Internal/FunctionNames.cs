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

        /// <summary>Just the member's name ("Step", "Settings" for a getter), for chain messages.</summary>
        public static string Short(IMethodSymbol method)
        {
            return method.MethodKind == MethodKind.PropertyGet && method.AssociatedSymbol is { } property
                ? property.Name
                : method.Name;
        }
    }
}
