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
    /// Synchronous calls that do not block in practice, or whose async twin means something else. Built once per
    /// compilation; every check compares symbols except the namespace-based ones (test frameworks, Microsoft.Data.Sqlite),
    /// which by design cover every type of those libraries.
    /// </summary>
    internal sealed class BlockingCallExclusions
    {
        private readonly KnownTypes types;
        private readonly INamedTypeSymbol? memoryStream;
        private readonly INamedTypeSymbol? stringReader;
        private readonly INamedTypeSymbol? stringWriter;
        private readonly INamedTypeSymbol? console;
        private readonly INamedTypeSymbol? semaphoreSlim;
        private readonly INamedTypeSymbol? xmlReader;
        private readonly INamedTypeSymbol? xmlWriter;
        private readonly INamedTypeSymbol? efDbContext;
        private readonly INamedTypeSymbol? efDbSet;
        private readonly INamedTypeSymbol? dbDataReader;
        private readonly INamedTypeSymbol? cancellationTokenSource;
        private readonly INamedTypeSymbol? udpClient;
        private readonly ConcurrentDictionary<INamespaceSymbol, bool> excludedNamespaces = new ConcurrentDictionary<INamespaceSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> solutionAssemblies = new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);
        private readonly bool isTestProject;
        private readonly IAssemblySymbol? systemUnderTest;

        // Test project names and the project they test: Lib.Tests, Lib.UnitTests, LibTests, Test.Lib -> Lib. Longest first.
        private static readonly ImmutableArray<string> TestSuffixes = ImmutableArray.Create(".IntegrationTests", ".FunctionalTests", ".UnitTests", ".Tests", ".Specs", ".Test", "Tests");
        private static readonly ImmutableArray<string> TestPrefixes = ImmutableArray.Create("Tests.", "Test.");

        private static readonly ConditionalWeakTable<KnownTypes, BlockingCallExclusions> ByCompilation = new ConditionalWeakTable<KnownTypes, BlockingCallExclusions>();

        /// <summary>The compilation's one instance (its caches are shared by ASYNC103, ASYNC104 and ASYNC105's detectors).</summary>
        public static BlockingCallExclusions For(KnownTypes types)
            => ByCompilation.TryGetValue(types, out var shared) ? shared : ByCompilation.GetValue(types, CreateFor);

        private static BlockingCallExclusions CreateFor(KnownTypes types) => new BlockingCallExclusions(types);

        private BlockingCallExclusions(KnownTypes types)
        {
            this.types = types;
            var compilation = types.Compilation;
            memoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
            stringReader = compilation.GetTypeByMetadataName("System.IO.StringReader");
            stringWriter = compilation.GetTypeByMetadataName("System.IO.StringWriter");
            console = compilation.GetTypeByMetadataName("System.Console");
            semaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            xmlReader = compilation.GetTypeByMetadataName("System.Xml.XmlReader");
            xmlWriter = compilation.GetTypeByMetadataName("System.Xml.XmlWriter");
            efDbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            efDbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            dbDataReader = compilation.GetTypeByMetadataName("System.Data.Common.DbDataReader");
            cancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            udpClient = compilation.GetTypeByMetadataName("System.Net.Sockets.UdpClient");
            isTestProject = types.IsTestProject;
            if (isTestProject)
            {
                systemUnderTest = FindSystemUnderTest(compilation);
            }
        }

        /// <summary>True when the compilation references xUnit, NUnit or MSTest: a test project (or a test kit).</summary>
        public bool IsTestProject => isTestProject;

        /// <summary>
        /// In a test project, a call to the solution's own API (a method of this compilation, or of an assembly built by a
        /// project of the same solution): a library's tests call its synchronous API on purpose, to test it. Framework and
        /// package APIs (File.ReadAllText, a NuGet client) are not the solution's own and stay reported.
        /// </summary>
        /// <remarks>
        /// When the test project's name says which project it tests (<c>Lib.Tests</c> referencing <c>Lib</c>), only that
        /// project is the API under test: the solution's test kits, fixtures and the test project's own helpers are tools
        /// whose blocking calls have async twins for a reason, and stay reported. Otherwise every project of the solution counts.
        /// </remarks>
        public bool IsOwnApiInTestProject(IMethodSymbol method, IOperation? receiver)
        {
            if (!isTestProject)
            {
                return false;
            }

            if (systemUnderTest is not null)
            {
                return SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, systemUnderTest)
                    || SymbolEqualityComparer.Default.Equals(receiver?.Type?.ContainingAssembly, systemUnderTest);
            }

            return IsSolutionAssembly(method.ContainingAssembly) || IsSolutionAssembly(receiver?.Type?.ContainingAssembly);
        }

        /// <summary>
        /// In a test project, a value the library under test handed out, whatever its static type says: a <c>Stream</c> local
        /// that holds only what <c>source.RunWith(StreamConverters.AsInputStream(), m)</c> returned is the library's own stream
        /// implementation, and its synchronous <c>Read</c> is the API the test exercises. Followed through locals assigned
        /// once and tuple elements. The test project's own helpers do not count (a test helper opening a file is framework I/O),
        /// and neither does a value typed as one of the solution's own types (its type already says whose it is).
        /// </summary>
        public bool IsHandedOutByApiUnderTest(IOperation? value, int depth = 0)
        {
            const int MaxDepth = 4;
            var current = value?.WalkDownConversion();
            if (!isTestProject || current is null || depth > MaxDepth)
            {
                return false;
            }

            // Only a static type that hides where the object comes from (Stream, TextReader, an interface of the framework):
            // a value typed as one of the solution's own types (a test kit's probe that RunWith<TMat> handed back) is
            // judged by that type, and a test kit's blocking calls stay reported.
            if (depth == 0 && current.Type is { } type && (type.TypeKind == TypeKind.TypeParameter || IsSolutionAssembly(type.ContainingAssembly)))
            {
                return false;
            }

            switch (current)
            {
                case IInvocationOperation producer:
                    var assembly = producer.TargetMethod.ContainingAssembly;
                    return systemUnderTest is not null
                        ? SymbolEqualityComparer.Default.Equals(assembly, systemUnderTest)
                        : !SymbolEqualityComparer.Default.Equals(assembly, types.Compilation.Assembly) && IsSolutionAssembly(assembly);
                case IFieldReferenceOperation { Field.ContainingType.IsTupleType: true, Instance: { } tuple }:
                    return IsHandedOutByApiUnderTest(tuple, depth + 1);
                case ILocalReferenceOperation local:
                    return OnlyValue(local.Local, current) is { } assigned && IsHandedOutByApiUnderTest(assigned, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>The referenced assembly named like the test project without its test suffix or prefix, if there is one.</summary>
        private static IAssemblySymbol? FindSystemUnderTest(Compilation compilation)
        {
            var name = compilation.AssemblyName;
            if (name is null)
            {
                return null;
            }

            string? tested = null;
            foreach (var suffix in TestSuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    tested = name.Substring(0, name.Length - suffix.Length);
                    break;
                }
            }

            if (tested is null)
            {
                foreach (var prefix in TestPrefixes)
                {
                    if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        tested = name.Substring(prefix.Length);
                        break;
                    }
                }
            }

            if (tested is null)
            {
                return null;
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (string.Equals(assembly.Name, tested, StringComparison.OrdinalIgnoreCase))
                {
                    return assembly;
                }
            }

            return null;
        }

        private bool IsSolutionAssembly(IAssemblySymbol? assembly)
        {
            if (assembly is null)
            {
                return false;
            }

            return solutionAssemblies.TryGetValue(assembly, out var own) ? own : solutionAssemblies.GetOrAdd(assembly, IsBuiltBySolution);
        }

        /// <summary>
        /// This compilation, a project reference in the IDE, or on the command line an assembly read from a build output
        /// folder (bin/ or obj/) rather than from a package cache or the SDK's reference packs.
        /// </summary>
        private bool IsBuiltBySolution(IAssemblySymbol assembly)
        {
            var compilation = types.Compilation;
            if (SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
            {
                return true;
            }

            switch (compilation.GetMetadataReference(assembly))
            {
                case CompilationReference:
                    return true;
                case PortableExecutableReference { FilePath: { } path }:
                    var normalized = path.Replace('\\', '/').ToLowerInvariant();
                    if (normalized.Contains("nuget") || normalized.Contains("/packages/") || normalized.Contains("/packs/")
                        || normalized.Contains("/dotnet/shared/") || normalized.Contains("/reference assemblies/"))
                    {
                        return false;
                    }

                    return normalized.Contains("/bin/") || normalized.Contains("/obj/");
                default:
                    return false;
            }
        }

        /// <summary>
        /// An argument that makes the call non-blocking by design: StackExchange.Redis's <c>CommandFlags.FireAndForget</c>
        /// queues the command and returns at once. Users add their own with <c>async_analyzers.non_blocking_arguments</c>.
        /// </summary>
        public static bool HasFireAndForgetArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "CommandFlags" } flags
                    && flags.ContainingNamespace?.ToDisplayString() == "StackExchange.Redis"
                    && NonBlockingArgumentSet.ArgumentIs(argument.Value, "FireAndForget"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for a receiver whose I/O is memory: MemoryStream, StringReader, StringWriter (and types derived from them), by static type.</summary>
        public bool IsInMemory(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (KnownTypes.Is(current, memoryStream) || KnownTypes.Is(current, stringReader) || KnownTypes.Is(current, stringWriter))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Data flow for a receiver whose static type hides it: a local that is only ever assigned a <c>MemoryStream</c>
        /// (<c>Stream s = new MemoryStream(bytes)</c>), or a reader, writer or wrapping stream created over one
        /// (<c>new StreamReader(memory)</c>, <c>new GZipStream(new MemoryStream(b), ...)</c>): its I/O is memory.
        /// </summary>
        internal bool HoldsInMemoryData(IOperation? value, int depth = 0)
        {
            const int MaxDepth = 4;
            var current = value?.WalkDownConversion();
            if (current is null || depth > MaxDepth)
            {
                return false;
            }

            if (IsInMemory(current.Type))
            {
                return true;
            }

            switch (current)
            {
                case IObjectCreationOperation creation when creation.Arguments.Length > 0:
                    // A wrapper's first argument is what it reads from or writes to.
                    var inner = creation.Arguments[0].Value;
                    return inner.Type is { } innerType && (IsStreamLike(innerType) || IsInMemory(innerType)) && HoldsInMemoryData(inner, depth + 1);
                case ILocalReferenceOperation local when IsStreamLike(local.Local.Type):
                    return OnlyValue(local.Local, current) is { } assigned && HoldsInMemoryData(assigned, depth + 1);
                default:
                    return false;
            }
        }

        private bool IsStreamLike(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "Stream" or "TextReader" or "TextWriter" && current.ContainingNamespace?.ToDisplayString() == "System.IO")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The initializer of a local that is never assigned anywhere else in its function; null otherwise.</summary>
        private static IOperation? OnlyValue(ILocalSymbol local, IOperation use)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var root = use;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            IOperation? initializer = null;
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(root);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited > 20000)
                {
                    return null;
                }

                var operation = pending.Pop();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return initializer;
        }

        /// <summary>True when ASYNC103 must stay silent about <paramref name="invocation"/> of <paramref name="method"/> on <paramref name="receiver"/>.</summary>
        public bool IsExcluded(IInvocationOperation invocation, IMethodSymbol method, IOperation? receiver)
        {
            var containingType = method.ContainingType?.OriginalDefinition;
            if (containingType is null)
            {
                return true;
            }

            // ASYNC101/ASYNC102 territory: Task.Wait, Task.WaitAll, ValueTask.GetAwaiter()..., Thread.Sleep, Thread.Join.
            if (IsTaskType(containingType) || KnownTypes.Is(containingType, types.Thread) || IsTaskType(receiver?.Type?.OriginalDefinition))
            {
                return true;
            }

            // ASYNC104 reports Dispose() of async-disposables, with the rules about which DisposeAsync counts.
            if (method.Name == "Dispose" && method.Parameters.Length == 0)
            {
                return true;
            }

            if (IsInMemory(receiver?.Type) || (method.IsStatic && IsInMemory(containingType)) || HoldsInMemoryData(receiver, depth: 0))
            {
                return true;
            }

            // Console, Console.Out, Console.Error, Console.In: console streams are synchronous underneath (their async methods run synchronously).
            if (KnownTypes.Is(containingType, console)
                || (receiver?.WalkDownConversion() is IPropertyReferenceOperation { Property.ContainingType: var owner } && KnownTypes.Is(owner, console)))
            {
                return true;
            }

            // XmlReader/XmlWriter async methods throw unless the instance was created with Settings.Async = true.
            if (DerivesFrom(containingType, xmlReader) || DerivesFrom(containingType, xmlWriter))
            {
                return true;
            }

            // EF Core: Add/AddRange only touch the change tracker; AddAsync exists for special value generators.
            if ((method.Name == "Add" || method.Name == "AddRange")
                && (DerivesFrom(containingType, efDbContext) || DerivesFrom(containingType, efDbSet)))
            {
                return true;
            }

            // DbDataReader column reads: the current row is already in memory unless the command ran with
            // CommandBehavior.SequentialAccess; GetFieldValueAsync/IsDBNullAsync only add overhead.
            if ((method.Name == "GetFieldValue" || method.Name == "IsDBNull") && DerivesFrom(containingType, dbDataReader))
            {
                return true;
            }

            // CancellationTokenSource.Cancel does no I/O; CancelAsync moves the registered callbacks to the thread pool,
            // which breaks callbacks that need the caller's thread. Not an equivalent twin.
            if (method.Name == "Cancel" && DerivesFrom(containingType, cancellationTokenSource))
            {
                return true;
            }

            // UdpClient.Send hands one datagram to the kernel's send buffer and returns: it waits for no peer and no network.
            if (method.Name == "Send" && KnownTypes.Is(containingType, udpClient))
            {
                return true;
            }

            if (IsInExcludedNamespace(containingType) || IsInExcludedNamespace(receiver?.Type))
            {
                return true;
            }

            // SemaphoreSlim.Wait(0) and Wait(TimeSpan.Zero) only test the semaphore: they never wait.
            if (KnownTypes.Is(containingType, semaphoreSlim) && method.Name == "Wait" && invocation.Arguments.Length > 0
                && IsZero(ArgumentFor(invocation, method.Parameters[0])))
            {
                return true;
            }

            return false;
        }

        private static IOperation? ArgumentFor(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, parameter))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private bool IsZero(IOperation? argument)
        {
            if (argument is null)
            {
                return false;
            }

            var value = argument.WalkDownConversion();
            if (value.ConstantValue is { HasValue: true, Value: int milliseconds })
            {
                return milliseconds == 0;
            }

            return value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field }
                && KnownTypes.Is(field.ContainingType, types.TimeSpan);
        }

        private bool IsTaskType(ITypeSymbol? type)
        {
            return type is not null
                && (KnownTypes.Is(type, types.Task) || KnownTypes.Is(type, types.TaskOfT) || KnownTypes.Is(type, types.ValueTask) || KnownTypes.Is(type, types.ValueTaskOfT));
        }

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (KnownTypes.Is(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Test-framework assertions (xUnit, NUnit, MSTest) and Microsoft.Data.Sqlite, whose async methods complete synchronously.</summary>
        private bool IsInExcludedNamespace(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            return excludedNamespaces.TryGetValue(ns, out var excluded) ? excluded : excludedNamespaces.GetOrAdd(ns, IsExcludedNamespace);
        }

        private static readonly ImmutableArray<ImmutableArray<string>> ExcludedNamespaces = ImmutableArray.Create(
            ImmutableArray.Create("Xunit"),
            ImmutableArray.Create("NUnit", "Framework"),
            ImmutableArray.Create("Microsoft", "VisualStudio", "TestTools", "UnitTesting"),
            ImmutableArray.Create("Microsoft", "Data", "Sqlite"));

        private static bool IsExcludedNamespace(INamespaceSymbol ns)
        {
            // The namespace's names from the outermost in, compared segment by segment (no display string is built).
            var segments = new List<string>();
            for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                segments.Add(current.Name);
            }

            segments.Reverse();
            foreach (var prefix in ExcludedNamespaces)
            {
                if (StartsWith(segments, prefix))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsWith(List<string> segments, ImmutableArray<string> prefix)
        {
            if (segments.Count < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (!string.Equals(segments[i], prefix[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
