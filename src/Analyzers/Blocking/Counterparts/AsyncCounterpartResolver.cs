using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Finds the async counterpart of a synchronous method: for <c>M(args)</c> on receiver type T, an awaitable-returning
    /// <c>MAsync</c> (or an awaitable overload named <c>M</c>) on T, its base types (its interfaces when T is an interface)
    /// or among the extension methods in scope, whose parameters repeat M's in order and may add optional parameters and
    /// one CancellationToken, and whose awaited result is M's result (void with Task/ValueTask, T with Task&lt;T&gt;/ValueTask&lt;T&gt;).
    /// Create one per compilation: candidates are cached per (method, receiver type), extension candidates per syntax tree too.
    /// </summary>
    internal sealed partial class AsyncCounterpartResolver
    {
        private static readonly ImmutableArray<AsyncCounterpart> None = ImmutableArray<AsyncCounterpart>.Empty;

        private readonly KnownTypes types;

        private readonly LazyType obsoleteAttributeType = new LazyType("System.ObsoleteAttribute");

        private readonly LazyType spanType = new LazyType("System.Span`1");

        private readonly LazyType memoryType = new LazyType("System.Memory`1");

        private readonly LazyType readOnlySpanType = new LazyType("System.ReadOnlySpan`1");

        private readonly LazyType readOnlyMemoryType = new LazyType("System.ReadOnlyMemory`1");

        private readonly INamedTypeSymbol? enumerableOfT;


        private readonly ConcurrentDictionary<IMethodSymbol, HashSet<IMethodSymbol>> reachableFromCounterpart = new(SymbolEqualityComparer.Default);

        // The caches hold reference types only (boxed ImmutableArray and bool values): see SymbolPairCache for why.

        /// <summary>(method definition, receiver type) to its member counterparts (a boxed ImmutableArray of AsyncCounterpart).</summary>
        private readonly SymbolPairCache memberCache = new SymbolPairCache(capacity: 256);

        /// <summary>(method, receiver type) to whether any extension method anywhere could be its counterpart (a boxed bool).</summary>
        private readonly SymbolPairCache extensionAnywhereCache = new SymbolPairCache(capacity: 256);

        /// <summary>(method, receiver type, syntax tree) to the extension counterparts in scope there (a boxed ImmutableArray of AsyncCounterpart).</summary>
        private readonly SymbolPairCache extensionCache = new SymbolPairCache();

        private readonly Lazy<ExtensionClassIndex[]> referencedExtensionTypes;

        /// <summary>Name to the awaitable extension methods of that name in the references (a boxed ImmutableArray of IMethodSymbol).</summary>
        private readonly ConcurrentDictionary<string, object> referencedExtensionsByName = new(StringComparer.Ordinal);

        /// <summary>Name to the awaitable extension methods of that name in this compilation (a boxed ImmutableArray of IMethodSymbol).</summary>
        private readonly ConcurrentDictionary<string, object> sourceExtensionsByName = new(StringComparer.Ordinal);
        private readonly Lazy<INamedTypeSymbol[]> sourceExtensionClasses;

        private static readonly ConditionalWeakTable<KnownTypes, AsyncCounterpartResolver> ByCompilation = new ConditionalWeakTable<KnownTypes, AsyncCounterpartResolver>();

        /// <summary>The compilation's one instance (its caches are shared by ASYNC103, ASYNC104 and ASYNC105's detectors).</summary>
        public static AsyncCounterpartResolver For(KnownTypes types)
            => ByCompilation.TryGetValue(types, out var shared) ? shared : ByCompilation.GetValue(types, CreateFor);

        private static AsyncCounterpartResolver CreateFor(KnownTypes types) => new AsyncCounterpartResolver(types);

        private AsyncCounterpartResolver(KnownTypes types)
        {
            this.types = types;
            enumerableOfT = types.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            referencedExtensionTypes = new Lazy<ExtensionClassIndex[]>(CollectExtensionTypes, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            sourceExtensionClasses = new Lazy<INamedTypeSymbol[]>(CollectSourceExtensionClasses, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The best counterpart of <paramref name="method"/> called on <paramref name="receiverType"/> (null for static
        /// calls; for an extension method called as one, <paramref name="method"/> is the unreduced method and
        /// <paramref name="calledAsExtension"/> is true) at <paramref name="position"/>, accessible from
        /// <paramref name="within"/>, and not <paramref name="enclosingFunction"/> or <paramref name="containingMember"/>
        /// (nor a method they override or implement): a twin that is the caller itself would recurse. With <paramref name="call"/>,
        /// only a twin that can take that call's arguments (<see cref="AsyncCounterpart.CoversArgumentsOf"/>). Null when there is none.
        /// </summary>
        public AsyncCounterpart? Find(
            IMethodSymbol method,
            ITypeSymbol? receiverType,
            bool calledAsExtension,
            SemanticModel model,
            int position,
            ISymbol? within,
            IMethodSymbol? enclosingFunction,
            IMethodSymbol? containingMember,
            IInvocationOperation? call = null)
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

                var definition = method.ConstructedFrom;
                candidates = memberCache.TryGetValue(definition, searchType, null, out var known)
                    ? (ImmutableArray<AsyncCounterpart>)known!
                    : (ImmutableArray<AsyncCounterpart>)memberCache.GetOrAdd(definition, searchType, null, FindMemberCandidates(definition, searchType));

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
                // A twin that cannot take this call's arguments (one it lacks, or a null where it takes no null) is passed
                // over for the next one: ExpectNext(x, timeout) has ExpectNextAsync(x, timeout, ct), not ExpectNextAsync(x, ct).
                if (call is not null && !candidate.CoversArgumentsOf(call))
                {
                    continue;
                }

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
    }
}
