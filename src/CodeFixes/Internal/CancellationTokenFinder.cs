using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    internal static class CancellationTokenFinder
    {
        /// <summary>
        /// The name of the CancellationToken a fix should forward at <paramref name="position"/>: the only token parameter or
        /// local in scope, or, when several are, the only token parameter of the innermost function. Null when there is none
        /// or the choice would be a guess.
        /// </summary>
        public static string? Find(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var tokenType = KnownTypes.Create(model.Compilation).CancellationToken;
            if (tokenType is null)
            {
                return null;
            }

            ISymbol? only = null;
            var count = 0;
            IParameterSymbol? innermostParameter = null;
            var innermostParameterCount = 0;
            ISymbol? innermostFunction = model.GetEnclosingSymbol(position, cancellationToken);

            foreach (var symbol in model.LookupSymbols(position))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ITypeSymbol? type;
                switch (symbol)
                {
                    case IParameterSymbol parameter:
                        type = parameter.Type;
                        break;
                    case ILocalSymbol local when IsDeclaredBefore(local, position):
                        type = local.Type;
                        break;
                    default:
                        continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(type, tokenType))
                {
                    continue;
                }

                only = symbol;
                count++;
                if (symbol is IParameterSymbol p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, innermostFunction))
                {
                    innermostParameter = p;
                    innermostParameterCount++;
                }
            }

            if (count == 1)
            {
                return only!.Name;
            }

            return innermostParameterCount == 1 ? innermostParameter!.Name : null;
        }

        private static bool IsDeclaredBefore(ILocalSymbol local, int position)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.Span.End <= position)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
