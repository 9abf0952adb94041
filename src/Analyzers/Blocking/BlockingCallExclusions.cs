using System.Collections.Concurrent;
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
    internal sealed partial class BlockingCallExclusions
    {
        private readonly KnownTypes types;
        private readonly LazyType memoryStream = new LazyType("System.IO.MemoryStream");
        private readonly LazyType stringReader = new LazyType("System.IO.StringReader");
        private readonly LazyType stringWriter = new LazyType("System.IO.StringWriter");
        private readonly LazyType xmlReader = new LazyType("System.Xml.XmlReader");
        private readonly LazyType xmlWriter = new LazyType("System.Xml.XmlWriter");
        private readonly LazyType efDbContext = new LazyType("Microsoft.EntityFrameworkCore.DbContext");
        private readonly LazyType efDbSet = new LazyType("Microsoft.EntityFrameworkCore.DbSet`1");
        private readonly LazyType cancellationTokenSource = new LazyType("System.Threading.CancellationTokenSource");
        private readonly LazyType udpClient = new LazyType("System.Net.Sockets.UdpClient");
        private readonly LazyType socket = new LazyType("System.Net.Sockets.Socket");
        // Boxed bool values (Boxes): a dictionary over a struct value is JIT-compiled anew in every compiler process.
        private readonly ConcurrentDictionary<INamespaceSymbol, object> excludedNamespaces = new ConcurrentDictionary<INamespaceSymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IAssemblySymbol, object> solutionAssemblies = new ConcurrentDictionary<IAssemblySymbol, object>(SymbolEqualityComparer.Default);
        private readonly System.Lazy<TestProjectFacts> testProject;

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
            testProject = new System.Lazy<TestProjectFacts>(() => new TestProjectFacts(types.IsTestProject, types.IsTestProject ? FindSystemUnderTest(compilation) : null));
        }

        /// <summary>True when the compilation references xUnit, NUnit or MSTest: a test project (or a test kit).</summary>
        public bool IsTestProject => testProject.Value.IsTestProject;

        private IAssemblySymbol? SystemUnderTest => testProject.Value.SystemUnderTest;

        /// <summary>
        /// An argument that makes the call non-blocking by design: StackExchange.Redis's <c>CommandFlags.FireAndForget</c>
        /// queues the command and returns at once. Also when the flag travels inside the argument: the message a call is
        /// handed was built with it (<c>ExecuteSync(Message.Create(db, flags | CommandFlags.FireAndForget, ...))</c>, or a
        /// local only ever assigned such a message). Users add their own with <c>async_analyzers.non_blocking_arguments</c>.
        /// </summary>
        public static bool HasFireAndForgetArgument(IInvocationOperation invocation)
        {
            if (invocation.Arguments.IsEmpty || invocation.SemanticModel is not { } model || !DeclaresCommandFlags(model.Compilation))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (CarriesFireAndForget(argument.Value, argument.Parameter, depth: 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ConditionalWeakTable<Compilation, object> CommandFlagsSeen = new();

        /// <summary>Whether the compilation can see StackExchange.Redis's <c>CommandFlags</c> at all; asked once per compilation.</summary>
        private static bool DeclaresCommandFlags(Compilation compilation)
            => CommandFlagsSeen.GetValue(compilation, static c => Boxes.Of(c.GetTypeByMetadataName("StackExchange.Redis.CommandFlags") is not null)) == Boxes.True;

        private static bool CarriesFireAndForget(IOperation value, IParameterSymbol? parameter, int depth)
        {
            const int MaxDepth = 2;
            if (parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "CommandFlags" } flags
                && NamespaceNames.Is(flags.ContainingNamespace, "StackExchange.Redis"))
            {
                return NonBlockingArgumentSet.ArgumentIs(value, "FireAndForget");
            }

            if (depth >= MaxDepth)
            {
                return false;
            }

            ImmutableArray<IArgumentOperation> arguments;
            switch (value.WalkDownConversion())
            {
                case IInvocationOperation call:
                    arguments = call.Arguments;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                case ILocalReferenceOperation local when !local.Local.Type.IsValueType:
                    return local.Local.OnlyValue(local) is { } assigned && CarriesFireAndForget(assigned, null, depth + 1);
                default:
                    return false;
            }

            foreach (var argument in arguments)
            {
                if (CarriesFireAndForget(argument.Value, argument.Parameter, depth + 1))
                {
                    return true;
                }
            }

            return false;
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

            if (IsInMemory(receiver?.Type) || (method.IsStatic && IsInMemory(containingType)) || HoldsInMemoryData(receiver, depth: 0)
                || ReadsOutputOfExitedProcess(invocation, receiver))
            {
                return true;
            }

            // Console, Console.Out, Console.Error, Console.In: console streams are synchronous underneath (their async methods run synchronously).
            if (KnownTypes.Is(containingType, types.Console)
                || (receiver?.WalkDownConversion() is IPropertyReferenceOperation { Property.ContainingType: var owner } && KnownTypes.Is(owner, types.Console)))
            {
                return true;
            }

            // XmlReader/XmlWriter async methods throw unless the instance was created with Settings.Async = true.
            if (KnownTypes.IsOrDerivesFrom(containingType, xmlReader.Get(types)) || KnownTypes.IsOrDerivesFrom(containingType, xmlWriter.Get(types)))
            {
                return true;
            }

            // EF Core: Add/AddRange only touch the change tracker; AddAsync exists for special value generators.
            if ((method.Name == "Add" || method.Name == "AddRange")
                && (KnownTypes.IsOrDerivesFrom(containingType, efDbContext.Get(types)) || KnownTypes.IsOrDerivesFrom(containingType, efDbSet.Get(types))))
            {
                return true;
            }

            // DbDataReader column reads: the current row is already in memory unless the command ran with
            // CommandBehavior.SequentialAccess; GetFieldValueAsync/IsDBNullAsync only add overhead.
            if ((method.Name == "GetFieldValue" || method.Name == "IsDBNull") && KnownTypes.IsOrDerivesFrom(containingType, types.DbDataReader))
            {
                return true;
            }

            // CancellationTokenSource.Cancel does no I/O; CancelAsync moves the registered callbacks to the thread pool,
            // which breaks callbacks that need the caller's thread. Not an equivalent twin.
            if (method.Name == "Cancel" && KnownTypes.IsOrDerivesFrom(containingType, cancellationTokenSource.Get(types)))
            {
                return true;
            }

            // UdpClient.Send hands one datagram to the kernel's send buffer and returns: it waits for no peer and no network.
            // So does Socket.SendTo, the datagram send of a connectionless socket.
            if ((method.Name == "Send" && KnownTypes.Is(containingType, udpClient.Get(types)))
                || (method.Name == "SendTo" && KnownTypes.Is(containingType, socket.Get(types))))
            {
                return true;
            }

            // A hash or a serializer of the framework over streams that are all memory (md5.ComputeHash(memory),
            // JsonSerializer.Serialize(memory, value)): it computes, and its only I/O would be those streams.
            if (IsStreamTransformer(containingType) && StreamArgumentsAreAllMemory(invocation))
            {
                return true;
            }

            if (IsInExcludedNamespace(containingType) || IsInExcludedNamespace(receiver?.Type))
            {
                return true;
            }

            // SemaphoreSlim.Wait(0) and Wait(TimeSpan.Zero) only test the semaphore: they never wait.
            if (KnownTypes.Is(containingType, types.SemaphoreSlim) && method.Name == "Wait" && invocation.Arguments.Length > 0
                && IsZero(ArgumentFor(invocation, method.Parameters[0])))
            {
                return true;
            }

            return false;
        }

        /// <summary>
        /// The framework's computing types that read or write only the streams they are handed: hash algorithms
        /// (System.Security.Cryptography.HashAlgorithm and its subclasses) and the serializers of System.Text.Json,
        /// System.Xml.Serialization and System.Runtime.Serialization.
        /// </summary>
        private static bool IsStreamTransformer(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "HashAlgorithm" && NamespaceNames.Is(current.ContainingNamespace, "System.Security.Cryptography"))
                {
                    return true;
                }
            }

            return type.Name.EndsWith("Serializer", System.StringComparison.Ordinal)
                && (NamespaceNames.Is(type.ContainingNamespace, "System.Text.Json") || NamespaceNames.Is(type.ContainingNamespace, "System.Xml.Serialization")
                    || NamespaceNames.Is(type.ContainingNamespace, "System.Runtime.Serialization"));
        }

        private bool StreamArgumentsAreAllMemory(IInvocationOperation invocation)
        {
            var streams = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is { } type && IsStreamLike(type))
                {
                    if (!HoldsInMemoryData(argument.Value, depth: 0))
                    {
                        return false;
                    }

                    streams++;
                }
            }

            return streams > 0;
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

        /// <summary>Whether the compilation is a test project and which assembly it tests: asked only when a rule needs it.</summary>
        private sealed class TestProjectFacts
        {
            public TestProjectFacts(bool isTestProject, IAssemblySymbol? systemUnderTest)
            {
                IsTestProject = isTestProject;
                SystemUnderTest = systemUnderTest;
            }

            public bool IsTestProject { get; }

            public IAssemblySymbol? SystemUnderTest { get; }
        }
    }
}
