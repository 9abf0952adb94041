using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// A synchronous method that returns a materialized collection (<c>IReadOnlyCollection&lt;T&gt; ReceiveN(int n)</c>) whose
    /// twin streams the same elements (<c>IAsyncEnumerable&lt;T&gt; ReceiveNAsync(int n)</c>): the awaiting form collects the
    /// stream, <c>await ReceiveNAsync(n).ToListAsync()</c> (<c>ToArrayAsync()</c> for an array), with the collector that
    /// System.Linq.Async or .NET 10's System.Linq.AsyncEnumerable provides, when one is in scope.
    /// </summary>
    internal static class AsyncStreamCollection
    {
        /// <summary>
        /// The element type of a collection the synchronous method returns fully built: <c>T[]</c>, <c>List&lt;T&gt;</c>, or an
        /// interface <c>List&lt;T&gt;</c> implements (<c>IList</c>, <c>ICollection</c>, <c>IReadOnlyList</c>,
        /// <c>IReadOnlyCollection</c>); null otherwise (<c>IEnumerable&lt;T&gt;</c> is lazy: see <see cref="CounterpartShape.AsyncEnumerable"/>).
        /// </summary>
        public static ITypeSymbol? ElementOf(ITypeSymbol collection, KnownTypes types)
        {
            switch (collection)
            {
                case IArrayTypeSymbol { IsSZArray: true } array:
                    return array.ElementType;
                case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named:
                    var definition = named.OriginalDefinition;
                    return definition.SpecialType is SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_ICollection_T
                            or SpecialType.System_Collections_Generic_IReadOnlyList_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
                        || KnownTypes.Is(definition, types.ListOfT)
                        ? named.TypeArguments[0]
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>The collector whose result converts to the synchronous method's result: <c>ToArrayAsync</c> for an array, else <c>ToListAsync</c>.</summary>
        public static string CollectorFor(ITypeSymbol collection) => collection is IArrayTypeSymbol ? "ToArrayAsync" : "ToListAsync";

        /// <summary>A <paramref name="collector"/> extension method for <paramref name="stream"/> is in scope at <paramref name="position"/>.</summary>
        public static bool IsInScope(SemanticModel model, int position, ITypeSymbol stream, string collector)
        {
            foreach (var symbol in model.LookupSymbols(position, stream, collector, includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { IsExtensionMethod: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
