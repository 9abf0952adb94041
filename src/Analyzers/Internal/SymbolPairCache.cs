using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// A thread-safe cache keyed by two symbols (compared with <see cref="SymbolEqualityComparer.Default"/>) and an optional
    /// third object (compared by reference, e.g. a syntax tree), holding object values.
    /// </summary>
    /// <remarks>
    /// Start-up cost is why it exists. A <c>ConcurrentDictionary</c> keyed by a tuple, or holding a struct such as
    /// <c>ImmutableArray&lt;T&gt;</c> or <c>bool</c>, is a generic instantiation over a value type: its code is JIT-compiled
    /// anew in every fresh compiler process (about 5 ms per instantiation, paid by every compilation of a build that does not
    /// use the shared compiler). Over reference types only, the framework's precompiled shared code is used. The price is
    /// one small key object per lookup.
    /// </remarks>
    internal sealed class SymbolPairCache
    {
        private readonly ConcurrentDictionary<Key, object> map;

        public SymbolPairCache(int capacity = 31)
        {
            map = new ConcurrentDictionary<Key, object>(concurrencyLevel: 2, capacity, KeyComparer.Instance);
        }

        public bool TryGetValue(ISymbol first, ISymbol second, object? third, out object? value)
        {
            return map.TryGetValue(new Key(first, second, third), out value);
        }

        /// <summary>The value already cached for the key, or <paramref name="value"/> once added (a racing thread's value wins if first).</summary>
        public object GetOrAdd(ISymbol first, ISymbol second, object? third, object value)
        {
            return map.GetOrAdd(new Key(first, second, third), value);
        }

        private sealed class Key
        {
            public Key(ISymbol first, ISymbol second, object? third)
            {
                First = first;
                Second = second;
                Third = third;
                var hash = (SymbolEqualityComparer.Default.GetHashCode(first) * 31) + SymbolEqualityComparer.Default.GetHashCode(second);
                Hash = third is null ? hash : (hash * 31) + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(third);
            }

            public ISymbol First { get; }

            public ISymbol Second { get; }

            public object? Third { get; }

            public int Hash { get; }
        }

        private sealed class KeyComparer : IEqualityComparer<Key>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public bool Equals(Key? x, Key? y)
            {
                return ReferenceEquals(x, y)
                    || (x is not null && y is not null
                        && x.Hash == y.Hash
                        && ReferenceEquals(x.Third, y.Third)
                        && SymbolEqualityComparer.Default.Equals(x.First, y.First)
                        && SymbolEqualityComparer.Default.Equals(x.Second, y.Second));
            }

            public int GetHashCode(Key key) => key.Hash;
        }
    }
}
