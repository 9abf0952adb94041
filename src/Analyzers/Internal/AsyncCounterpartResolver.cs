using System.Runtime.CompilerServices;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>How the counterpart's result relates to the synchronous method's.</summary>
    internal enum CounterpartShape
    {
        /// <summary>Awaiting it gives what the synchronous method returns (void and Task, R and Task&lt;R&gt;).</summary>
        SameResult,

        /// <summary>
        /// The synchronous method returns its receiver's type so calls can be chained (test kits, builders:
        /// <c>probe.Request(2).ExpectNext(1)</c>), the counterpart returns a plain Task/ValueTask: the same operation, with no
        /// value to chain on.
        /// </summary>
        Fluent,

        /// <summary>The synchronous method returns <c>IEnumerable&lt;T&gt;</c>, the counterpart <c>IAsyncEnumerable&lt;T&gt;</c>: enumerated with <c>await foreach</c>.</summary>
        AsyncEnumerable,
    }

    /// <summary>An awaitable method that does what a synchronous one does.</summary>
    internal sealed class AsyncCounterpart
    {
        public AsyncCounterpart(IMethodSymbol method, int cancellationTokenParameter, bool hasTokenlessAlternative, CounterpartShape shape)
        {
            Method = method;
            CancellationTokenParameter = cancellationTokenParameter;
            HasTokenlessAlternative = hasTokenlessAlternative;
            Shape = shape;
        }

        public CounterpartShape Shape { get; }

        /// <summary>The counterpart as found on the receiver type (reduced when it is an extension method).</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Index in <see cref="Method"/>'s parameters of its CancellationToken parameter beyond the matched ones; -1 when it has none.</summary>
        public int CancellationTokenParameter { get; }

        /// <summary>The ID a fixer resolves the counterpart by: the documentation ID of its (unreduced) definition. Computed when asked (only for a finding).</summary>
        public string? DocumentationId => (Method.ReducedFrom ?? Method).OriginalDefinition.GetDocumentationCommentId();

        /// <summary>True when the CancellationToken parameter must be passed (it is not optional).</summary>
        public bool TokenIsRequired => CancellationTokenParameter >= 0 && !Method.Parameters[CancellationTokenParameter].IsOptional;

        /// <summary>True when another counterpart of the same name can be called without a token (FlushAsync() next to FlushAsync(token)).</summary>
        public bool HasTokenlessAlternative { get; }
    }

    /// <summary>
    /// Finds the async counterpart of a synchronous method: for <c>M(args)</c> on receiver type T, an awaitable-returning
    /// <c>MAsync</c> (or an awaitable overload named <c>M</c>) on T, its base types (its interfaces when T is an interface)
    /// or among the extension methods in scope, whose parameters repeat M's in order and may add optional parameters and
    /// one CancellationToken, and whose awaited result is M's result (void with Task/ValueTask, T with Task&lt;T&gt;/ValueTask&lt;T&gt;).
    /// Create one per compilation: candidates are cached per (method, receiver type), extension candidates per syntax tree too.
    /// </summary>
    internal sealed class AsyncCounterpartResolver
    {
        private static readonly ImmutableArray<AsyncCounterpart> None = ImmutableArray<AsyncCounterpart>.Empty;

        private readonly KnownTypes types;
        private readonly LazyType obsoleteAttributeType = new LazyType("System.ObsoleteAttribute");
        private readonly LazyType spanType = new LazyType("System.Span`1");
        private readonly LazyType memoryType = new LazyType("System.Memory`1");
        private readonly LazyType readOnlySpanType = new LazyType("System.ReadOnlySpan`1");
        private readonly LazyType readOnlyMemoryType = new LazyType("System.ReadOnlyMemory`1");
        private readonly INamedTypeSymbol? enumerableOfT;
        private readonly LazyType asyncEnumerableOfTType = new LazyType("System.Collections.Generic.IAsyncEnumerable`1");
        private readonly ConcurrentDictionary<IMethodSymbol, HashSet<IMethodSymbol>> reachableFromCounterpart = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol Receiver), ImmutableArray<AsyncCounterpart>> memberCache;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol Receiver), bool> extensionAnywhereCache;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol Receiver, SyntaxTree Tree), ImmutableArray<AsyncCounterpart>> extensionCache;
        private readonly Lazy<ImmutableArray<ExtensionClassIndex>> referencedExtensionTypes;
        private readonly ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>> referencedExtensionsByName = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>> sourceExtensionsByName = new(StringComparer.Ordinal);

        private static readonly ConditionalWeakTable<KnownTypes, AsyncCounterpartResolver> ByCompilation = new ConditionalWeakTable<KnownTypes, AsyncCounterpartResolver>();

        /// <summary>The compilation's one instance (its caches are shared by ASYNC103, ASYNC104 and ASYNC105's detectors).</summary>
        public static AsyncCounterpartResolver For(KnownTypes types)
            => ByCompilation.TryGetValue(types, out var shared) ? shared : ByCompilation.GetValue(types, CreateFor);

        private static AsyncCounterpartResolver CreateFor(KnownTypes types) => new AsyncCounterpartResolver(types);

        private AsyncCounterpartResolver(KnownTypes types)
        {
            this.types = types;
            enumerableOfT = types.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            var comparer = new KeyComparer();
            memberCache = new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol), ImmutableArray<AsyncCounterpart>>(comparer);
            extensionAnywhereCache = new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol), bool>(comparer);
            extensionCache = new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol, SyntaxTree), ImmutableArray<AsyncCounterpart>>(comparer);
            referencedExtensionTypes = new Lazy<ImmutableArray<ExtensionClassIndex>>(CollectExtensionTypes, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The extension-method classes of the referenced assemblies, by the names of their members. Only names are read
        /// (no member symbol is created and no signature decoded); the methods of one name are looked at when a call asks
        /// for that name (<see cref="ReferencedExtensions"/>). It lets the common case (no extension of that name exists, as
        /// for StringBuilder.Append, or none applies to the receiver, as AsyncEnumerable.ToListAsync to a List) skip the
        /// costly scope lookup at each call, without paying for every extension method of every reference up front.
        /// </summary>
        private ImmutableArray<ExtensionClassIndex> CollectExtensionTypes()
        {
            // Referenced assemblies are shared between the compilations the IDE makes on every keystroke: their part of the
            // index is computed once per assembly symbol and reused. The source assembly is asked by name instead
            // (SourceExtensions), which needs no walk of its namespaces.
            var compilation = types.Compilation;
            var builder = ImmutableArray.CreateBuilder<ExtensionClassIndex>();
            foreach (var assembly in types.Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                // An assembly without [Extension] declares no extension method: its types are never loaded for the index.
                if (assembly.MightContainExtensionMethods)
                {
                    builder.Add(ExtensionTypesByAssembly.TryGetValue(assembly, out var index)
                        ? index
                        : ExtensionTypesByAssembly.GetValue(assembly, a => ExtensionClassIndex.Create(compilation, a)));
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>The awaitable-returning extension methods named <paramref name="name"/> declared in referenced assemblies.</summary>
        private ImmutableArray<IMethodSymbol> ReferencedExtensions(string name)
        {
            return referencedExtensionsByName.TryGetValue(name, out var known) ? known : AddReferencedExtensions(name);
        }

        private ImmutableArray<IMethodSymbol> AddReferencedExtensions(string name)
        {
            return referencedExtensionsByName.GetOrAdd(name, n =>
            {
                var found = ImmutableArray.CreateBuilder<IMethodSymbol>();
                foreach (var index in referencedExtensionTypes.Value)
                {
                    foreach (var type in index.ClassesDeclaring(n))
                    {
                        foreach (var member in type.GetMembers(n))
                        {
                            if (member is IMethodSymbol { IsExtensionMethod: true } method && types.IsAwaitableReturnType(method.ReturnType))
                            {
                                found.Add(method);
                            }
                        }
                    }
                }

                return found.ToImmutable();
            });
        }

        // Keyed weakly by immutable assembly symbols: a cache of facts about metadata, never of a compilation's state.
        private static readonly ConditionalWeakTable<IAssemblySymbol, ExtensionClassIndex> ExtensionTypesByAssembly = new();

        /// <summary>
        /// The best counterpart of <paramref name="method"/> called on <paramref name="receiverType"/> (null for static
        /// calls; for an extension method called as one, <paramref name="method"/> is the unreduced method and
        /// <paramref name="calledAsExtension"/> is true) at <paramref name="position"/>, accessible from
        /// <paramref name="within"/>, and not <paramref name="enclosingFunction"/> or <paramref name="containingMember"/>
        /// (nor a method they override or implement): a twin that is the caller itself would recurse. Null when there is none.
        /// </summary>
        public AsyncCounterpart? Find(
            IMethodSymbol method,
            ITypeSymbol? receiverType,
            bool calledAsExtension,
            SemanticModel model,
            int position,
            ISymbol? within,
            IMethodSymbol? enclosingFunction,
            IMethodSymbol? containingMember)
        {
            if (method.MethodKind != MethodKind.Ordinary || types.IsAwaitableReturnType(method.ReturnType))
            {
                return null;
            }

            ImmutableArray<AsyncCounterpart> candidates;
            if (calledAsExtension)
            {
                if (receiverType is not (INamedTypeSymbol or IArrayTypeSymbol) || receiverType.TypeKind == TypeKind.Error)
                {
                    return null;
                }

                candidates = MayHaveExtensionCounterpart(method, receiverType, reduce: true)
                    ? ExtensionCandidates(method, receiverType, reduce: true, model, position)
                    : None;
            }
            else
            {
                // A receiver of type parameter T is searched from the method's own type (T's members come from its constraint).
                var searchType = receiverType is null or ITypeParameterSymbol ? method.ContainingType : receiverType;
                if (searchType is null)
                {
                    return null;
                }

                // Caches are read before GetOrAdd, whose factory delegate is allocated on every call, hit or miss.
                var memberKey = (method.ConstructedFrom, searchType);
                if (!memberCache.TryGetValue(memberKey, out candidates))
                {
                    candidates = memberCache.GetOrAdd(memberKey, key => FindMemberCandidates(key.Method, key.Receiver));
                }

                if (candidates.IsEmpty && !method.IsStatic && receiverType is INamedTypeSymbol or IArrayTypeSymbol && receiverType.TypeKind != TypeKind.Error
                    && MayHaveExtensionCounterpart(method.ConstructedFrom, receiverType, reduce: false))
                {
                    candidates = ExtensionCandidates(method.ConstructedFrom, receiverType, reduce: false, model, position);
                }
            }

            if (candidates.IsEmpty)
            {
                return null;
            }

            // Inside an async implementation of this very method (MAsync calling M, or an override of it), a call to
            // any of the twins could come back to the caller: Stream.FlushAsync() calls the FlushAsync(token) being written.
            foreach (var candidate in candidates)
            {
                if ((enclosingFunction is not null && IsSelf(candidate.Method, enclosingFunction))
                    || (containingMember is not null && IsSelf(candidate.Method, containingMember)))
                {
                    return null;
                }
            }

            var withinType = within as INamedTypeSymbol ?? within?.ContainingType;
            foreach (var candidate in candidates)
            {
                if (withinType is null
                    || IsPublicAllTheWay(candidate.Method)
                    || types.Compilation.IsSymbolAccessibleWithin(candidate.Method, withinType, candidate.Method.IsStatic ? null : receiverType))
                {
                    // A twin of this compilation whose body ends up calling the caller (EncodeAsync -> EncodeCoreAsync -> here,
                    // where Encode is called) is no counterpart: the suggested call would recurse forever. Nor is one that ends up
                    // calling the synchronous method itself (ReadAsync => new(Read()), CancelAsync() { Cancel(); ... }): awaiting
                    // it blocks the same way.
                    return (containingMember is not null && LeadsBackTo(candidate.Method, containingMember))
                        || LeadsBackTo(candidate.Method, method.ReducedFrom ?? method)
                        ? null
                        : candidate;
                }
            }

            return null;
        }

        private const int MaxReachableMethods = 64;
        private const int MaxCallDepth = 4;

        /// <summary>True when <paramref name="candidate"/>, declared in this compilation, calls <paramref name="caller"/> (or a method it overrides) within a few calls.</summary>
        private bool LeadsBackTo(IMethodSymbol candidate, IMethodSymbol caller)
        {
            var definition = (candidate.ReducedFrom ?? candidate).OriginalDefinition;
            if (definition.DeclaringSyntaxReferences.IsEmpty || !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, types.Compilation.Assembly))
            {
                return false;
            }

            if (!reachableFromCounterpart.TryGetValue(definition, out var reachable))
            {
                reachable = reachableFromCounterpart.GetOrAdd(definition, CollectReachable(definition));
            }

            for (var current = caller.OriginalDefinition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (reachable.Contains(current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The methods of this compilation that <paramref name="root"/> calls or references, directly or through up to <see cref="MaxCallDepth"/> calls (bounded).</summary>
        private HashSet<IMethodSymbol> CollectReachable(IMethodSymbol root)
        {
            var reachable = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var queue = new Queue<(IMethodSymbol Method, int Depth)>();
            var pending = new Stack<IOperation>();
            queue.Enqueue((root, 0));
            while (queue.Count > 0 && reachable.Count < MaxReachableMethods)
            {
                var (method, depth) = queue.Dequeue();
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax();
#pragma warning disable RS1030 // Following the twin's calls needs its tree; only twins declared in this compilation, once each.
                    var body = types.Compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax);
#pragma warning restore RS1030
                    if (body is null)
                    {
                        continue;
                    }

                    pending.Push(body);
                    while (pending.Count > 0)
                    {
                        var operation = pending.Pop();
                        var target = operation switch
                        {
                            IInvocationOperation invocation => invocation.TargetMethod,
                            IMethodReferenceOperation methodReference => methodReference.Method,
                            _ => null,
                        };
                        if (target is not null)
                        {
                            var callee = (target.ReducedFrom ?? target).OriginalDefinition;
                            if (SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, types.Compilation.Assembly)
                                && reachable.Add(callee) && depth + 1 < MaxCallDepth && !callee.DeclaringSyntaxReferences.IsEmpty)
                            {
                                queue.Enqueue((callee, depth + 1));
                            }
                        }

                        foreach (var child in operation.ChildOperations)
                        {
                            pending.Push(child);
                        }
                    }
                }
            }

            return reachable;
        }

        /// <summary>A public member of public types: accessible from anywhere that can see the receiver, no need to ask the compiler.</summary>
        private static bool IsPublicAllTheWay(ISymbol symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private ImmutableArray<AsyncCounterpart> FindMemberCandidates(IMethodSymbol sync, ITypeSymbol receiver)
        {
            List<IMethodSymbol>? found = null;
            var asyncName = sync.Name + "Async";
            foreach (var type in SearchTypes(receiver))
            {
                Collect(type.GetMembers(asyncName), sync, ref found);
                Collect(type.GetMembers(sync.Name), sync, ref found);
            }

            return Sorted(found, asyncName, sync);
        }

        /// <summary>The extension counterparts in scope at <paramref name="position"/>, cached per (method, receiver, file).</summary>
        private ImmutableArray<AsyncCounterpart> ExtensionCandidates(IMethodSymbol method, ITypeSymbol receiver, bool reduce, SemanticModel model, int position)
        {
            var key = (method, receiver, model.SyntaxTree);
            if (extensionCache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            return extensionCache.GetOrAdd(key, k => FindExtensionCandidates(reduce ? k.Method.ReduceExtensionMethod(k.Receiver) : k.Method, k.Receiver, model, position));
        }

        /// <summary>
        /// Whether any awaitable extension method anywhere (in scope or not) could be the counterpart of
        /// <paramref name="method"/> on <paramref name="receiver"/>: answered once per (method, receiver) from the index,
        /// and when it is no, the per-file scope lookup is skipped.
        /// </summary>
        private bool MayHaveExtensionCounterpart(IMethodSymbol method, ITypeSymbol receiver, bool reduce)
        {
            // The factory's closure lives in its own method: a hit allocates nothing.
            return extensionAnywhereCache.TryGetValue((method, receiver), out var known) ? known : AddMayHaveExtensionCounterpart(method, receiver, reduce);
        }

        private bool AddMayHaveExtensionCounterpart(IMethodSymbol method, ITypeSymbol receiver, bool reduce)
        {
            return extensionAnywhereCache.GetOrAdd(
                (method, receiver),
                key =>
                {
                    var sync = reduce ? key.Method.ReduceExtensionMethod(key.Receiver) : key.Method;
                    if (sync is null)
                    {
                        return false;
                    }

                    var asyncName = sync.Name + "Async";
                    return AnyReducesTo(ReferencedExtensions(asyncName), sync, key.Receiver)
                        || AnyReducesTo(SourceExtensions(asyncName), sync, key.Receiver)
                        || AnyReducesTo(ReferencedExtensions(sync.Name), sync, key.Receiver)
                        || AnyReducesTo(SourceExtensions(sync.Name), sync, key.Receiver);
                });
        }

        private bool AnyReducesTo(ImmutableArray<IMethodSymbol> candidates, IMethodSymbol sync, ITypeSymbol receiver)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.ReduceExtensionMethod(receiver) is { } reduced && IsCounterpart(sync, reduced))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The awaitable extension methods of this compilation's own code named <paramref name="name"/>, from the declaration table.</summary>
        private ImmutableArray<IMethodSymbol> SourceExtensions(string name)
        {
            return sourceExtensionsByName.GetOrAdd(name, n =>
            {
                var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
                foreach (var symbol in types.Compilation.GetSymbolsWithName(n, SymbolFilter.Member))
                {
                    if (symbol is IMethodSymbol { IsExtensionMethod: true } method && types.IsAwaitableReturnType(method.ReturnType))
                    {
                        builder.Add(method);
                    }
                }

                return builder.ToImmutable();
            });
        }

        private ImmutableArray<AsyncCounterpart> FindExtensionCandidates(IMethodSymbol? sync, ITypeSymbol receiver, SemanticModel model, int position)
        {
            if (sync is null)
            {
                return None;
            }

            List<IMethodSymbol>? found = null;
            var asyncName = sync.Name + "Async";
            Collect(model.LookupSymbols(position, receiver, asyncName, includeReducedExtensionMethods: true), sync, ref found);
            Collect(model.LookupSymbols(position, receiver, sync.Name, includeReducedExtensionMethods: true), sync, ref found);
            return Sorted(found, asyncName, sync);
        }

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

                result.Add(new AsyncCounterpart(method, CancellationTokenIndex(sync, method), tokenlessAlternative, ShapeOf(sync, method.ReturnType)));
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

            var syncParameters = sync.Parameters;
            var candidateParameters = candidate.Parameters;
            if (candidateParameters.Length < syncParameters.Length)
            {
                return false;
            }

            for (var i = 0; i < syncParameters.Length; i++)
            {
                var s = syncParameters[i];
                var c = candidateParameters[i];
                if (s.RefKind != RefKind.None || c.RefKind != RefKind.None || s.IsParams != c.IsParams
                    || !(TypesMatch(s.Type, c.Type) || IsSpanForMemory(s.Type, c.Type)))
                {
                    return false;
                }
            }

            var tokens = 0;
            for (var i = syncParameters.Length; i < candidateParameters.Length; i++)
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

            return asyncEnumerableOfTType.Get(types.Compilation) is not null
                && KnownTypes.Is(definition, asyncEnumerableOfTType.Get(types.Compilation))
                && sync.ReturnType is INamedTypeSymbol { IsGenericType: true } syncReturn
                && KnownTypes.Is(syncReturn.OriginalDefinition, enumerableOfT)
                && TypesMatch(syncReturn.TypeArguments[0], named.TypeArguments[0])
                ? CounterpartShape.AsyncEnumerable
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

            var compilation = types.Compilation;
            var spanDefinition = span.OriginalDefinition;
            var memoryDefinition = memory.OriginalDefinition;
            var paired = (KnownTypes.Is(spanDefinition, spanType.Get(compilation)) && KnownTypes.Is(memoryDefinition, memoryType.Get(compilation)))
                || (KnownTypes.Is(spanDefinition, readOnlySpanType.Get(compilation)) && KnownTypes.Is(memoryDefinition, readOnlyMemoryType.Get(compilation)));
            return paired && TypesMatch(span.TypeArguments[0], memory.TypeArguments[0]);
        }

        /// <summary>Equal types, where a method's own type parameters match by position (M&lt;T&gt; and MAsync&lt;T&gt; declare different T symbols).</summary>
        private static bool TypesMatch(ITypeSymbol a, ITypeSymbol b)
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
            for (var i = sync.Parameters.Length; i < candidate.Parameters.Length; i++)
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
            if (obsoleteAttributeType.Get(types.Compilation) is null)
            {
                return false;
            }

            foreach (var attribute in (method.ReducedFrom ?? method).GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, obsoleteAttributeType.Get(types.Compilation)))
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

        private sealed class KeyComparer :
            IEqualityComparer<(IMethodSymbol Method, ITypeSymbol Receiver)>,
            IEqualityComparer<(IMethodSymbol Method, ITypeSymbol Receiver, SyntaxTree Tree)>
        {
            public bool Equals((IMethodSymbol Method, ITypeSymbol Receiver) x, (IMethodSymbol Method, ITypeSymbol Receiver) y)
                => SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

            public int GetHashCode((IMethodSymbol Method, ITypeSymbol Receiver) key)
                => (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) + SymbolEqualityComparer.Default.GetHashCode(key.Receiver);

            public bool Equals((IMethodSymbol Method, ITypeSymbol Receiver, SyntaxTree Tree) x, (IMethodSymbol Method, ITypeSymbol Receiver, SyntaxTree Tree) y)
                => ReferenceEquals(x.Tree, y.Tree) && Equals((x.Method, x.Receiver), (y.Method, y.Receiver));

            public int GetHashCode((IMethodSymbol Method, ITypeSymbol Receiver, SyntaxTree Tree) key)
                => (GetHashCode((key.Method, key.Receiver)) * 31) + key.Tree.GetHashCode();
        }
    }
}
