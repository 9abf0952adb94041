using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class AsyncCounterpartResolver
    {
        private void Collect(ImmutableArray<ISymbol> members, IMethodSymbol sync, ref List<IMethodSymbol>? found)
        {
            foreach (var member in members)
            {
                if (member is IMethodSymbol candidate && IsCounterpart(sync, candidate))
                {
                    found ??= new List<IMethodSymbol>();
                    if (!ContainsSymbol(found, candidate))
                    {
                        found.Add(candidate);
                    }
                }
            }
        }

        private static bool ContainsSymbol(List<IMethodSymbol> list, IMethodSymbol method)
        {
            foreach (var item in list)
            {
                if (SymbolEqualityComparer.Default.Equals(item, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Preferred first: the <c>MAsync</c> name over an awaitable overload of <c>M</c>, then one that takes a CancellationToken, then the fewest extra parameters.</summary>
        private ImmutableArray<AsyncCounterpart> Sorted(List<IMethodSymbol>? found, string asyncName, IMethodSymbol sync)
        {
            if (found is null)
            {
                return None;
            }

            found.Sort((a, b) =>
            {
                var byName = (b.Name == asyncName).CompareTo(a.Name == asyncName);
                if (byName != 0)
                {
                    return byName;
                }

                // The same result first: FooAsync() returning Task<Probe> before one returning Task.
                var byShape = ShapeOf(sync, a.ReturnType).CompareTo(ShapeOf(sync, b.ReturnType));
                if (byShape != 0)
                {
                    return byShape;
                }

                // The same parameters first: Stream.ReadAsync(byte[], int, int) before ReadAsync(Memory<byte>) for Read(byte[], int, int).
                var bySliced = (SlicedParameters(sync, a) != 0).CompareTo(SlicedParameters(sync, b) != 0);
                if (bySliced != 0)
                {
                    return bySliced;
                }

                // One that covers every parameter first: a skipped one makes it a twin only where the call leaves that out,
                // a narrowed one only where the call passes a value that cannot be null.
                var bySkipped = (SkippedParameters(sync, a) != 0).CompareTo(SkippedParameters(sync, b) != 0);
                if (bySkipped != 0)
                {
                    return bySkipped;
                }

                var byNarrowed = (NarrowedParameters(sync, a) != 0).CompareTo(NarrowedParameters(sync, b) != 0);
                if (byNarrowed != 0)
                {
                    return byNarrowed;
                }


                var byToken = HasTokenParameter(b).CompareTo(HasTokenParameter(a));
                return byToken != 0 ? byToken : a.Parameters.Length.CompareTo(b.Parameters.Length);
            });
            var result = ImmutableArray.CreateBuilder<AsyncCounterpart>(found.Count);
            foreach (var method in found)
            {
                var tokenlessAlternative = false;
                foreach (var other in found)
                {
                    if (!ReferenceEquals(other, method) && other.Name == method.Name && !RequiresToken(sync, other))
                    {
                        tokenlessAlternative = true;
                        break;
                    }
                }

                result.Add(new AsyncCounterpart(method, CancellationTokenIndex(sync, method), tokenlessAlternative, ShapeOf(sync, method.ReturnType), SkippedParameters(sync, method), NarrowedParameters(sync, method), SlicedParameters(sync, method)));
            }

            return result.MoveToImmutable();
        }

        private bool HasTokenParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (KnownTypes.Is(parameter.Type, types.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        private IEnumerable<ITypeSymbol> SearchTypes(ITypeSymbol receiver)
        {
            if (receiver.TypeKind == TypeKind.Interface)
            {
                yield return receiver;
                foreach (var @interface in receiver.AllInterfaces)
                {
                    yield return @interface;
                }

                yield break;
            }

            for (ITypeSymbol? current = receiver; current is not null; current = current.BaseType)
            {
                yield return current;
            }
        }

        private bool IsCounterpart(IMethodSymbol sync, IMethodSymbol candidate)
        {
            if (candidate.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)
                || candidate.IsStatic != sync.IsStatic
                || candidate.Arity != sync.Arity
                || SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, sync.OriginalDefinition)
                || IsObsolete(candidate)
                || !ResultMatches(sync, candidate.ReturnType))
            {
                return false;
            }

            return MatchParameters(sync, candidate, out _, out _, out _, out _);
        }

        /// <summary>
        /// Pairs <paramref name="sync"/>'s parameters with <paramref name="candidate"/>'s in order. The candidate may add optional
        /// parameters and one CancellationToken after the paired ones; the synchronous method may have optional parameters the
        /// candidate lacks (<c>ExpectNext(T x, TimeSpan? timeout = null, CancellationToken ct = default)</c> and
        /// <c>ExpectNextAsync(T x, CancellationToken ct = default)</c>): <paramref name="skipped"/> has their ordinals, and the
        /// twin is one only at a call that leaves them out (see <see cref="AsyncCounterpart.CoversArgumentsOf"/>). When one is
        /// skipped, every paired parameter must have the same name, so that a positional shift cannot pair two different meanings.
        /// <paramref name="consumed"/> is how many of the candidate's parameters were paired. A synchronous <c>T?</c> parameter
        /// may pair with a twin's <c>T</c> of the same name (<c>TimeSpan? timeout</c> and <c>TimeSpan timeout</c>):
        /// <paramref name="narrowed"/> has their ordinals, and the twin is one only at a call that passes a value that is not
        /// nullable there.
        /// </summary>
        private bool MatchParameters(IMethodSymbol sync, IMethodSymbol candidate, out ulong skipped, out int consumed, out ulong narrowed, out ulong sliced)
        {
            skipped = 0;
            consumed = 0;
            narrowed = 0;
            sliced = 0;
            var syncParameters = sync.Parameters;
            var candidateParameters = candidate.Parameters;

            // Ordinals of a reduced extension method differ from the call's arguments: no skipping there.
            var canSkip = sync.MethodKind == MethodKind.Ordinary && syncParameters.Length <= 64;
            var j = 0;
            var renamed = false;
            for (var i = 0; i < syncParameters.Length; i++)
            {
                var s = syncParameters[i];
                if (j < candidateParameters.Length && ParameterMatches(s, candidateParameters[j]))
                {
                    renamed |= s.Name != candidateParameters[j].Name;
                    j++;
                    continue;
                }

                // Socket.Send(byte[] buffer, int offset, int size, ...) and SendAsync(ReadOnlyMemory<byte> buffer, ...).
                if (canSkip && j < candidateParameters.Length && i + 2 < syncParameters.Length
                    && SlicesTo(s, syncParameters[i + 1], syncParameters[i + 2], candidateParameters[j]))
                {
                    renamed |= s.Name != candidateParameters[j].Name;
                    sliced |= 1UL << i;
                    i += 2;
                    j++;
                    continue;
                }

                if (canSkip && j < candidateParameters.Length && NarrowsTo(s, candidateParameters[j]))
                {
                    narrowed |= 1UL << i;
                    j++;
                    continue;
                }

                if (canSkip && s.IsOptional && !s.IsParams && s.RefKind == RefKind.None)
                {
                    skipped |= 1UL << i;
                    continue;
                }

                return false;
            }

            if (skipped != 0 && renamed)
            {
                return false;
            }

            consumed = j;
            var tokens = 0;
            for (var i = j; i < candidateParameters.Length; i++)
            {
                var extra = candidateParameters[i];
                if (KnownTypes.Is(extra.Type, types.CancellationToken))
                {
                    if (++tokens > 1)
                    {
                        return false;
                    }
                }
                else if (!extra.IsOptional)
                {
                    return false;
                }
            }

            return true;
        }

        private bool ParameterMatches(IParameterSymbol s, IParameterSymbol c)
            => s.RefKind == RefKind.None && c.RefKind == RefKind.None && s.IsParams == c.IsParams
                && (TypesMatch(s.Type, c.Type) || IsSpanForMemory(s.Type, c.Type));

        private ulong SkippedParameters(IMethodSymbol sync, IMethodSymbol candidate)
            => MatchParameters(sync, candidate, out var skipped, out _, out _, out _) ? skipped : 0;

        private ulong NarrowedParameters(IMethodSymbol sync, IMethodSymbol candidate)
            => MatchParameters(sync, candidate, out _, out _, out var narrowed, out _) ? narrowed : 0;

        /// <summary>
        /// Ordinals (bits) of <paramref name="sync"/>'s array parameters that, with the two <c>int</c> parameters after them
        /// (offset and count), <paramref name="counterpart"/> takes as one <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c>.
        /// The fixer asks it to write <c>buffer.AsMemory(offset, count)</c> in their place.
        /// </summary>
        public ulong SlicedParameters(IMethodSymbol sync, IMethodSymbol counterpart)
            => MatchParameters(sync, counterpart, out _, out _, out _, out var sliced) ? sliced : 0;

        /// <summary>A synchronous <c>(T[] buffer, int offset, int count)</c> and the twin's <c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c>.</summary>
        private bool SlicesTo(IParameterSymbol array, IParameterSymbol offset, IParameterSymbol count, IParameterSymbol c)
        {
            if (array.RefKind != RefKind.None || array.IsParams || array.Type is not IArrayTypeSymbol { Rank: 1 } arrayType
                || !IsPlainInt(offset) || !IsPlainInt(count) || !NamedLike(offset.Name, "offset", "index", "start", "pos")
                || !NamedLike(count.Name, "count", "size", "length", "len")
                || c.RefKind != RefKind.None || c.Type is not INamedTypeSymbol { IsGenericType: true } memory)
            {
                return false;
            }

            var definition = memory.OriginalDefinition;
            return (KnownTypes.Is(definition, memoryType.Get(types)) || KnownTypes.Is(definition, readOnlyMemoryType.Get(types)))
                && TypesMatch(arrayType.ElementType, memory.TypeArguments[0]);
        }

        /// <summary>The two ints are an offset and a count by name (<c>offset</c>/<c>size</c>, <c>startIndex</c>/<c>length</c>), not a timeout and a retry count.</summary>
        private static bool NamedLike(string name, params string[] parts)
        {
            foreach (var part in parts)
            {
                if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPlainInt(IParameterSymbol parameter)
            => parameter.RefKind == RefKind.None && !parameter.IsOptional && !parameter.IsParams && parameter.Type.SpecialType == SpecialType.System_Int32;

        /// <summary>A synchronous <c>T?</c> parameter and the twin's <c>T</c> parameter of the same name (T a value type).</summary>
        private static bool NarrowsTo(IParameterSymbol s, IParameterSymbol c)
            => s.RefKind == RefKind.None && c.RefKind == RefKind.None && !s.IsParams && !c.IsParams && s.Name == c.Name
                && s.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
                && TypesMatch(nullable.TypeArguments[0], c.Type);

        private bool ResultMatches(IMethodSymbol sync, ITypeSymbol candidateReturn) => MatchShape(sync, candidateReturn) is not null;

        private CounterpartShape ShapeOf(IMethodSymbol sync, ITypeSymbol candidateReturn) => MatchShape(sync, candidateReturn) ?? CounterpartShape.SameResult;

        private CounterpartShape? MatchShape(IMethodSymbol sync, ITypeSymbol candidateReturn)
        {
            if (candidateReturn is not INamedTypeSymbol named)
            {
                return null;
            }

            var definition = named.OriginalDefinition;
            var plain = KnownTypes.Is(definition, types.Task) || KnownTypes.Is(definition, types.ValueTask);
            if (sync.ReturnsVoid)
            {
                return plain ? CounterpartShape.SameResult : null;
            }

            if ((KnownTypes.Is(definition, types.TaskOfT) || KnownTypes.Is(definition, types.ValueTaskOfT))
                && TypesMatch(sync.ReturnType, named.TypeArguments[0]))
            {
                return CounterpartShape.SameResult;
            }

            if (plain && IsFluent(sync))
            {
                return CounterpartShape.Fluent;
            }

            if (types.AsyncEnumerableOfT is null || !KnownTypes.Is(definition, types.AsyncEnumerableOfT))
            {
                return null;
            }

            if (sync.ReturnType is INamedTypeSymbol { IsGenericType: true } syncReturn
                && KnownTypes.Is(syncReturn.OriginalDefinition, enumerableOfT)
                && TypesMatch(syncReturn.TypeArguments[0], named.TypeArguments[0]))
            {
                return CounterpartShape.AsyncEnumerable;
            }

            return AsyncStreamCollection.ElementOf(sync.ReturnType, types) is { } element && TypesMatch(element, named.TypeArguments[0])
                ? CounterpartShape.Collection
                : null;
        }

        /// <summary>An instance method that returns its own type (or a base of it) to be chained: <c>Probe ExpectNext(int)</c> on Probe.</summary>
        private static bool IsFluent(IMethodSymbol sync)
        {
            if (sync.IsStatic || sync.ReturnType is not INamedTypeSymbol returned || returned.SpecialType != SpecialType.None)
            {
                return false;
            }

            var target = returned.OriginalDefinition;
            for (var current = sync.ContainingType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Span&lt;T&gt;</c> in the synchronous method where the async one takes <c>Memory&lt;T&gt;</c> (a span cannot live across
        /// an await), and the read-only pair: <c>Stream.Read(Span&lt;byte&gt;)</c> and <c>ReadAsync(Memory&lt;byte&gt;)</c>.
        /// </summary>
        private bool IsSpanForMemory(ITypeSymbol syncType, ITypeSymbol asyncType)
        {
            if (syncType is not INamedTypeSymbol { IsGenericType: true } span || asyncType is not INamedTypeSymbol { IsGenericType: true } memory)
            {
                return false;
            }

            var spanDefinition = span.OriginalDefinition;
            var memoryDefinition = memory.OriginalDefinition;
            var paired = (KnownTypes.Is(spanDefinition, spanType.Get(types)) && KnownTypes.Is(memoryDefinition, memoryType.Get(types)))
                || (KnownTypes.Is(spanDefinition, readOnlySpanType.Get(types)) && KnownTypes.Is(memoryDefinition, readOnlyMemoryType.Get(types)));
            return paired && TypesMatch(span.TypeArguments[0], memory.TypeArguments[0]);
        }

        /// <summary>Equal types, where a method's own type parameters match by position (M&lt;T&gt; and MAsync&lt;T&gt; declare different T symbols).</summary>
        internal static bool TypesMatch(ITypeSymbol a, ITypeSymbol b)
        {
            if (SymbolEqualityComparer.Default.Equals(a, b))
            {
                return true;
            }

            switch (a)
            {
                case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } ta:
                    return b is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } tb && ta.Ordinal == tb.Ordinal;
                case IArrayTypeSymbol arrayA:
                    return b is IArrayTypeSymbol arrayB && arrayA.Rank == arrayB.Rank && TypesMatch(arrayA.ElementType, arrayB.ElementType);
                case INamedTypeSymbol { IsGenericType: true } namedA:
                    if (b is not INamedTypeSymbol { IsGenericType: true } namedB
                        || !SymbolEqualityComparer.Default.Equals(namedA.OriginalDefinition, namedB.OriginalDefinition))
                    {
                        return false;
                    }

                    for (var i = 0; i < namedA.TypeArguments.Length; i++)
                    {
                        if (!TypesMatch(namedA.TypeArguments[i], namedB.TypeArguments[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        private bool RequiresToken(IMethodSymbol sync, IMethodSymbol candidate)
        {
            var index = CancellationTokenIndex(sync, candidate);
            return index >= 0 && !candidate.Parameters[index].IsOptional;
        }

        private int CancellationTokenIndex(IMethodSymbol sync, IMethodSymbol candidate)
        {
            if (!MatchParameters(sync, candidate, out _, out var consumed, out _, out _))
            {
                return -1;
            }

            for (var i = consumed; i < candidate.Parameters.Length; i++)
            {
                if (KnownTypes.Is(candidate.Parameters[i].Type, types.CancellationToken))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool IsObsolete(IMethodSymbol method)
        {
            if (obsoleteAttributeType.Get(types) is null)
            {
                return false;
            }

            foreach (var attribute in (method.ReducedFrom ?? method).GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, obsoleteAttributeType.Get(types)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The counterpart is the function being analyzed, or a method it overrides or implements: calling it would recurse.</summary>
        private static bool IsSelf(IMethodSymbol candidate, IMethodSymbol enclosingFunction)
        {
            var target = (candidate.ReducedFrom ?? candidate).OriginalDefinition;
            for (var current = enclosingFunction; current is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }

                foreach (var implemented in current.ExplicitInterfaceImplementations)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                    {
                        return true;
                    }
                }
            }

            if (target.ContainingType is { TypeKind: TypeKind.Interface } && enclosingFunction.ContainingType is { } type)
            {
                var implementation = type.FindImplementationForInterfaceMember(target);
                return SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, enclosingFunction.OriginalDefinition);
            }

            return false;
        }
    }
}
