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
    internal sealed partial class AsyncCounterpartResolver
    {
        /// <summary>
        /// The extension-method classes of the referenced assemblies, by the names of their members. Only names are read
        /// (no member symbol is created and no signature decoded); the methods of one name are looked at when a call asks
        /// for that name (<see cref="ReferencedExtensions"/>). It lets the common case (no extension of that name exists, as
        /// for StringBuilder.Append, or none applies to the receiver, as AsyncEnumerable.ToListAsync to a List) skip the
        /// costly scope lookup at each call, without paying for every extension method of every reference up front.
        /// </summary>
        private ExtensionClassIndex[] CollectExtensionTypes()
        {
            // Referenced assemblies are shared between the compilations the IDE makes on every keystroke: their part of the
            // index is computed once per assembly symbol and reused. The source assembly is asked by name instead
            // (SourceExtensions), which needs no walk of its namespaces.
            var compilation = types.Compilation;
            var builder = new List<ExtensionClassIndex>();
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

            return builder.ToArray();
        }

        /// <summary>The awaitable-returning extension methods named <paramref name="name"/> declared in referenced assemblies.</summary>
        private ImmutableArray<IMethodSymbol> ReferencedExtensions(string name)
        {
            return referencedExtensionsByName.TryGetValue(name, out var known) ? (ImmutableArray<IMethodSymbol>)known : AddReferencedExtensions(name);
        }

        private ImmutableArray<IMethodSymbol> AddReferencedExtensions(string name)
        {
            return (ImmutableArray<IMethodSymbol>)referencedExtensionsByName.GetOrAdd(name, n =>
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

                return (object)found.ToImmutable();
            });
        }

        // Keyed weakly by immutable assembly symbols: a cache of facts about metadata, never of a compilation's state.
        private static readonly ConditionalWeakTable<IAssemblySymbol, ExtensionClassIndex> ExtensionTypesByAssembly = new();

        /// <summary>The extension counterparts in scope at <paramref name="position"/>, cached per (method, receiver, file).</summary>
        private ImmutableArray<AsyncCounterpart> ExtensionCandidates(IMethodSymbol method, ITypeSymbol receiver, bool reduce, SemanticModel model, int position)
        {
            if (extensionCache.TryGetValue(method, receiver, model.SyntaxTree, out var cached))
            {
                return (ImmutableArray<AsyncCounterpart>)cached!;
            }

            var found = FindExtensionCandidates(reduce ? method.ReduceExtensionMethod(receiver) : method, receiver, model, position);
            return (ImmutableArray<AsyncCounterpart>)extensionCache.GetOrAdd(method, receiver, model.SyntaxTree, found);
        }

        /// <summary>
        /// Whether any awaitable extension method anywhere (in scope or not) could be the counterpart of
        /// <paramref name="method"/> on <paramref name="receiver"/>: answered once per (method, receiver) from the index,
        /// and when it is no, the per-file scope lookup is skipped.
        /// </summary>
        private bool MayHaveExtensionCounterpart(IMethodSymbol method, ITypeSymbol receiver, bool reduce)
        {
            return extensionAnywhereCache.TryGetValue(method, receiver, null, out var known) ? (bool)known! : AddMayHaveExtensionCounterpart(method, receiver, reduce);
        }

        private bool AddMayHaveExtensionCounterpart(IMethodSymbol method, ITypeSymbol receiver, bool reduce)
        {
            var sync = reduce ? method.ReduceExtensionMethod(receiver) : method;
            var any = false;
            if (sync is not null)
            {
                var asyncName = sync.Name + "Async";
                any = AnyReducesTo(ReferencedExtensions(asyncName), sync, receiver)
                    || AnyReducesTo(SourceExtensions(asyncName), sync, receiver)
                    || AnyReducesTo(ReferencedExtensions(sync.Name), sync, receiver)
                    || AnyReducesTo(SourceExtensions(sync.Name), sync, receiver);
            }

            return (bool)extensionAnywhereCache.GetOrAdd(method, receiver, null, Boxes.Of(any));
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

        /// <summary>
        /// The awaitable extension methods of this compilation's own code named <paramref name="name"/>, from the source
        /// classes that can declare extension methods. (Asking the declaration table by member name instead walks every
        /// type of the compilation per name: 3.6 s of a 5.5 s analysis of a large test project asking for thousands of names.)
        /// </summary>
        private ImmutableArray<IMethodSymbol> SourceExtensions(string name)
        {
            return sourceExtensionsByName.TryGetValue(name, out var known) ? (ImmutableArray<IMethodSymbol>)known : AddSourceExtensions(name);
        }

        private ImmutableArray<IMethodSymbol> AddSourceExtensions(string name)
        {
            return (ImmutableArray<IMethodSymbol>)sourceExtensionsByName.GetOrAdd(name, n =>
            {
                var classes = sourceExtensionClasses.Value;
                if (classes.Length == 0)
                {
                    return EmptyMethods;
                }

                var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
                foreach (var type in classes)
                {
                    foreach (var member in type.GetMembers(n))
                    {
                        if (member is IMethodSymbol { IsExtensionMethod: true } method && types.IsAwaitableReturnType(method.ReturnType))
                        {
                            builder.Add(method);
                        }
                    }
                }

                return (object)builder.ToImmutable();
            });
        }

        private static readonly object EmptyMethods = ImmutableArray<IMethodSymbol>.Empty;

        /// <summary>
        /// The top-level types of this compilation's own code that may declare extension methods (static classes with a
        /// <c>this</c> parameter somewhere, as the declarations say without binding anything): one walk of the namespaces.
        /// </summary>
        private INamedTypeSymbol[] CollectSourceExtensionClasses()
        {
            var assembly = types.Compilation.Assembly;
            var builder = new List<INamedTypeSymbol>();
            var pending = new Stack<INamespaceSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var member in current.GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceSymbol nested:
                            pending.Push(nested);
                            break;
                        case INamedTypeSymbol { IsStatic: true, MightContainExtensionMethods: true } type:
                            builder.Add(type);
                            break;
                    }
                }
            }

            return builder.ToArray();
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
    }
}
