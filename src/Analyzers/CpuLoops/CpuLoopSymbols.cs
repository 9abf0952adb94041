using System.Collections.Concurrent;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>The symbols ASYNC301 needs beyond <see cref="KnownTypes"/>, each resolved on first use, plus per-compilation caches.</summary>
    internal sealed class CpuLoopSymbols
    {
        // Boxed bool values (Boxes): a dictionary over a struct value is JIT-compiled anew in every compiler process.
        private readonly ConcurrentDictionary<INamedTypeSymbol, object> blockingTypes = new ConcurrentDictionary<INamedTypeSymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, object> knownCostTypes = new ConcurrentDictionary<INamedTypeSymbol, object>(SymbolEqualityComparer.Default);

        private readonly LazyType mathType = new LazyType("System.Math");
        private readonly LazyType mathFType = new LazyType("System.MathF");
        private readonly LazyType bitOperationsType = new LazyType("System.Numerics.BitOperations");
        private readonly LazyType monitorType = new LazyType("System.Threading.Monitor");
        private readonly LazyType spinWaitType = new LazyType("System.Threading.SpinWait");
        private readonly LazyType waitHandleType = new LazyType("System.Threading.WaitHandle");
        private readonly LazyType manualResetEventSlimType = new LazyType("System.Threading.ManualResetEventSlim");
        private readonly LazyType countdownEventType = new LazyType("System.Threading.CountdownEvent");
        private readonly LazyType processType = new LazyType("System.Diagnostics.Process");
        private readonly LazyType enumerableOfTType = new LazyType("System.Collections.Generic.IEnumerable`1");

        public CpuLoopSymbols(Compilation compilation, KnownTypes types)
        {
            Types = types;
            Assembly = compilation.Assembly;
        }

        public KnownTypes Types { get; }

        /// <summary>The assembly being compiled: methods of other assemblies (even this solution's other projects) are not bound here.</summary>
        public IAssemblySymbol Assembly { get; }

        public INamedTypeSymbol? Math => mathType.Get(Types);
        public INamedTypeSymbol? MathF => mathFType.Get(Types);
        public INamedTypeSymbol? BitOperations => bitOperationsType.Get(Types);
        public INamedTypeSymbol? Enumerable => Types.Enumerable;
        public INamedTypeSymbol? Console => Types.Console;
        public INamedTypeSymbol? Monitor => monitorType.Get(Types);
        public INamedTypeSymbol? SpinWait => spinWaitType.Get(Types);
        public INamedTypeSymbol? WaitHandle => waitHandleType.Get(Types);
        public INamedTypeSymbol? SemaphoreSlim => Types.SemaphoreSlim;
        public INamedTypeSymbol? ManualResetEventSlim => manualResetEventSlimType.Get(Types);
        public INamedTypeSymbol? CountdownEvent => countdownEventType.Get(Types);
        public INamedTypeSymbol? Process => processType.Get(Types);
        public INamedTypeSymbol? ListOfT => Types.ListOfT;
        public INamedTypeSymbol? EnumerableOfT => enumerableOfTType.Get(Types);
        public INamedTypeSymbol? ControllerBase => Types.RequestHandlers.ControllerBase;
        public INamedTypeSymbol? ApiControllerAttribute => Types.RequestHandlers.ApiControllerAttribute;
        public INamedTypeSymbol? Hub => Types.RequestHandlers.Hub;
        public INamedTypeSymbol? HubOfT => Types.RequestHandlers.HubOfT;
        public INamedTypeSymbol? EndpointRouteBuilderExtensions => Types.RequestHandlers.EndpointRouteBuilderExtensions;

        /// <summary>Callee summaries, filled lazily: a method's body is estimated once per compilation.</summary>
        public ConcurrentDictionary<IMethodSymbol, CalleeSummary> Callees { get; } = new ConcurrentDictionary<IMethodSymbol, CalleeSummary>(SymbolEqualityComparer.Default);

        /// <summary>Same-compilation methods proved (or not) free of side effects, for the parallel fix.</summary>
        public ConcurrentDictionary<IMethodSymbol, object> PureMethods { get; } = new ConcurrentDictionary<IMethodSymbol, object>(SymbolEqualityComparer.Default);

        public bool IsMathType(ITypeSymbol? type)
            => KnownTypes.Is(type, Math) || KnownTypes.Is(type, MathF) || KnownTypes.Is(type, BitOperations);

        /// <summary>
        /// True for types whose calls do I/O or wait: System.IO, System.Net, System.Data, Microsoft.Data, logging, HTTP,
        /// the console, processes, and the synchronization primitives a polling loop spins on.
        /// </summary>
        public bool IsIoOrWaitingType(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            type = type.OriginalDefinition;
            if (blockingTypes.TryGetValue(type, out var known))
            {
                return (bool)known;
            }

            var result = ComputeIsIoOrWaiting(type);
            blockingTypes.TryAdd(type, Boxes.Of(result));
            return result;
        }

        private bool ComputeIsIoOrWaiting(INamedTypeSymbol type)
        {
            if (KnownTypes.Is(type, Console) || KnownTypes.Is(type, Monitor) || KnownTypes.Is(type, SpinWait) || KnownTypes.Is(type, SemaphoreSlim)
                || KnownTypes.Is(type, ManualResetEventSlim) || KnownTypes.Is(type, CountdownEvent) || KnownTypes.Is(type, Process)
                || KnownTypes.Is(type, Types.Thread))
            {
                return true;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (KnownTypes.Is(current, WaitHandle))
                {
                    return true;
                }
            }

            // Namespaces are compared by name: a namespace symbol is per assembly, so there is no single symbol to compare with.
            return IsInNamespace(type, "System", "IO")
                || IsInNamespace(type, "System", "Net")
                || IsInNamespace(type, "System", "Data")
                || IsInNamespace(type, "Microsoft", "Data")
                || IsInNamespace(type, "Microsoft", "Extensions", "Logging")
                || IsInNamespace(type, "Microsoft", "AspNetCore", "Http")
                || IsInNamespace(type, "Microsoft", "EntityFrameworkCore");
        }

        /// <summary>
        /// True for classes and structs of the base library whose methods compute in memory (strings, primitives, <c>Math</c>,
        /// <c>StringBuilder</c>, concrete collections, LINQ, spans, vectors, hashing): a call to them is work of the loop.
        /// Methods of other assemblies (a message send, a logger, a driver) and calls through interfaces are of unknown
        /// cost, often I/O-like: they do not make a loop CPU-heavy.
        /// </summary>
        public bool IsKnownCostType(INamedTypeSymbol? type)
        {
            if (type is null || type.TypeKind == TypeKind.Interface)
            {
                return false;
            }

            type = type.OriginalDefinition;
            if (knownCostTypes.TryGetValue(type, out var known))
            {
                return (bool)known;
            }

            var result = ComputeIsKnownCost(type);
            knownCostTypes.TryAdd(type, Boxes.Of(result));
            return result;
        }

        private static bool ComputeIsKnownCost(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            if (ns.Name == "System" && ns.ContainingNamespace is { IsGlobalNamespace: true })
            {
                return true;
            }

            return IsInNamespace(type, "System", "Text")
                || IsInNamespace(type, "System", "Numerics")
                || IsInNamespace(type, "System", "Globalization")
                || IsInNamespace(type, "System", "Linq")
                || IsInNamespace(type, "System", "Buffers")
                || IsInNamespace(type, "System", "Runtime", "Intrinsics")
                || IsInNamespace(type, "System", "Runtime", "CompilerServices")
                || IsInNamespace(type, "System", "Runtime", "InteropServices")
                || IsInNamespace(type, "System", "Security", "Cryptography")
                || (IsInNamespace(type, "System", "Collections") && !IsInNamespace(type, "System", "Collections", "Concurrent"));
        }

        /// <summary>True when <paramref name="type"/> lives in the namespace <paramref name="parts"/> or one below it.</summary>
        private static bool IsInNamespace(INamedTypeSymbol type, params string[] parts)
        {
            var chain = new System.Collections.Generic.List<string>();
            for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                chain.Insert(0, ns.Name);
            }

            if (chain.Count < parts.Length)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                if (chain[i] != parts[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>What a call to a method of the same file costs, estimated with the loop cost model.</summary>
    // A class, not a struct: the dictionary that caches it then uses precompiled shared code (see SymbolPairCache).
    internal sealed class CalleeSummary
    {
        public CalleeSummary(LoopCost cost, bool loops, bool computationOnly)
        {
            Cost = cost;
            Loops = loops;
            ComputationOnly = computationOnly;
        }

        public LoopCost Cost { get; }

        /// <summary>True when the method contains an input-sized loop.</summary>
        public bool Loops { get; }

        /// <summary>False when the method awaits, does I/O or waits.</summary>
        public bool ComputationOnly { get; }
    }
}
