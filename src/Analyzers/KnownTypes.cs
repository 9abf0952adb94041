using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>
    /// The one symbol catalog of a compilation, shared by every analyzer and fixer: every well-known type is resolved here,
    /// once, on first use (<see cref="GetTypeByMetadataName(string)"/>; the family holders keep <see cref="LazyType"/> fields that ask
    /// it). Rules compare against these with <see cref="SymbolEqualityComparer.Default"/> and never by name strings.
    /// </summary>
    internal sealed class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, KnownTypes> ByCompilation = new ConditionalWeakTable<Compilation, KnownTypes>();

        private readonly LazyType task = new LazyType("System.Threading.Tasks.Task");
        private readonly LazyType taskOfT = new LazyType("System.Threading.Tasks.Task`1");
        private readonly LazyType valueTask = new LazyType("System.Threading.Tasks.ValueTask");
        private readonly LazyType valueTaskOfT = new LazyType("System.Threading.Tasks.ValueTask`1");
        private readonly LazyType taskFactory = new LazyType("System.Threading.Tasks.TaskFactory");
        private readonly LazyType taskFactoryOfT = new LazyType("System.Threading.Tasks.TaskFactory`1");
        private readonly LazyType parallel = new LazyType("System.Threading.Tasks.Parallel");
        private readonly LazyType thread = new LazyType("System.Threading.Thread");
        private readonly LazyType threadPool = new LazyType("System.Threading.ThreadPool");
        private readonly LazyType threadingTimer = new LazyType("System.Threading.Timer");
        private readonly LazyType cancellationToken = new LazyType("System.Threading.CancellationToken");
        private readonly LazyType timeSpan = new LazyType("System.TimeSpan");
        private readonly LazyType eventArgs = new LazyType("System.EventArgs");
        private readonly LazyType lambdaExpression = new LazyType("System.Linq.Expressions.LambdaExpression");
        private readonly LazyType asyncMethodBuilderAttribute = new LazyType("System.Runtime.CompilerServices.AsyncMethodBuilderAttribute");
        private readonly LazyType enumerable = new LazyType("System.Linq.Enumerable");
        private readonly LazyType listOfT = new LazyType("System.Collections.Generic.List`1");
        private readonly LazyType asyncEnumerableOfT = new LazyType("System.Collections.Generic.IAsyncEnumerable`1");
        private readonly LazyType asyncDisposable = new LazyType("System.IAsyncDisposable");
        private readonly LazyType console = new LazyType("System.Console");
        private readonly LazyType semaphoreSlim = new LazyType("System.Threading.SemaphoreSlim");
        private readonly LazyType dbDataReader = new LazyType("System.Data.Common.DbDataReader");
        private readonly LazyType exception = new LazyType("System.Exception");

        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> byMetadataName = new ConcurrentDictionary<string, INamedTypeSymbol?>(concurrencyLevel: 2, capacity: 64);

        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Task => task.Get(this);

        public INamedTypeSymbol? TaskOfT => taskOfT.Get(this);

        public INamedTypeSymbol? ValueTask => valueTask.Get(this);

        public INamedTypeSymbol? ValueTaskOfT => valueTaskOfT.Get(this);

        public INamedTypeSymbol? TaskFactory => taskFactory.Get(this);

        public INamedTypeSymbol? TaskFactoryOfT => taskFactoryOfT.Get(this);

        public INamedTypeSymbol? Parallel => parallel.Get(this);

        public INamedTypeSymbol? Thread => thread.Get(this);

        public INamedTypeSymbol? ThreadPool => threadPool.Get(this);

        public INamedTypeSymbol? ThreadingTimer => threadingTimer.Get(this);

        public INamedTypeSymbol? CancellationToken => cancellationToken.Get(this);

        public INamedTypeSymbol? TimeSpan => timeSpan.Get(this);

        public INamedTypeSymbol? EventArgs => eventArgs.Get(this);

        public INamedTypeSymbol? LambdaExpression => lambdaExpression.Get(this);

        public INamedTypeSymbol? AsyncMethodBuilderAttribute => asyncMethodBuilderAttribute.Get(this);

        public INamedTypeSymbol? Enumerable => enumerable.Get(this);

        public INamedTypeSymbol? ListOfT => listOfT.Get(this);

        public INamedTypeSymbol? AsyncEnumerableOfT => asyncEnumerableOfT.Get(this);

        public INamedTypeSymbol? AsyncDisposable => asyncDisposable.Get(this);

        public INamedTypeSymbol? Console => console.Get(this);

        public INamedTypeSymbol? SemaphoreSlim => semaphoreSlim.Get(this);

        public INamedTypeSymbol? DbDataReader => dbDataReader.Get(this);

        public INamedTypeSymbol? Exception => exception.Get(this);

        private Internal.RequestHandlerTypes? requestHandlers;

        /// <summary>The ASP.NET Core handler types, resolved on first use (only code on no async path asks).</summary>
        public Internal.RequestHandlerTypes RequestHandlers => requestHandlers ??= new Internal.RequestHandlerTypes(this);

        private readonly LazyType xunitFact = new LazyType("Xunit.FactAttribute");
        private readonly LazyType nunitTest = new LazyType("NUnit.Framework.TestAttribute");
        private readonly LazyType mstestTestMethod = new LazyType("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute");

        /// <summary>True when the compilation references xUnit, NUnit or MSTest: a test project (or a test kit).</summary>
        public bool IsTestProject
            => xunitFact.Get(this) is not null || nunitTest.Get(this) is not null || mstestTestMethod.Get(this) is not null;

        /// <summary>True when the async model can work at all: without Task there is no async code to analyze.</summary>
        public bool HasTaskTypes => Task is not null;

        /// <summary>
        /// The compilation's one instance, shared by every analyzer and fixer. Nothing is resolved until a rule asks: a
        /// compilation start that looks up types pays for binding the references and loading namespaces of every
        /// referenced assembly before the compiler needs them, and a project with nothing async never asks.
        /// </summary>
        public static KnownTypes Create(Compilation compilation)
            => ByCompilation.TryGetValue(compilation, out var types) ? types : ByCompilation.GetValue(compilation, CreateFor);

        private static KnownTypes CreateFor(Compilation compilation) => new KnownTypes(compilation);

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; or a custom task-like type (one with [AsyncMethodBuilder]).</summary>
        public bool IsAwaitableReturnType(ITypeSymbol? type)
        {
            // void, string, int...: never awaitable, and by far the most common answer.
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            if (Is(definition, Task) || Is(definition, TaskOfT) || Is(definition, ValueTask) || Is(definition, ValueTaskOfT))
            {
                return true;
            }

            if (AsyncMethodBuilderAttribute is null)
            {
                return false;
            }

            foreach (var attribute in definition.GetAttributes())
            {
                if (Is(attribute.AttributeClass, AsyncMethodBuilderAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for Task&lt;T&gt; and ValueTask&lt;T&gt; (a result-carrying awaitable).</summary>
        public bool IsGenericTaskType(ITypeSymbol? type)
        {
            return type is INamedTypeSymbol named
                && (Is(named.OriginalDefinition, TaskOfT) || Is(named.OriginalDefinition, ValueTaskOfT));
        }

        public bool IsEventArgs(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current, EventArgs))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsExpressionTreeType(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current, LambdaExpression))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The type with this metadata name (nested types with '+', generic arity with '`'), looked up once per compilation; null when absent.</summary>
        public INamedTypeSymbol? GetTypeByMetadataName(string metadataName)
            => byMetadataName.TryGetValue(metadataName, out var type) ? type : byMetadataName.GetOrAdd(metadataName, Resolve(Compilation, metadataName));

        /// <summary>
        /// The only lookup by metadata name in the package. <see cref="Compilation.GetTypeByMetadataName(string)"/> answers
        /// null when two referenced assemblies define the type (a library's internal polyfill of ValueTask&lt;T&gt; next to
        /// the framework's, two copies of a test framework's type): then the core library's copy (the assembly that
        /// defines System.Object) wins, else the only copy this compilation's assembly can see; two visible copies stay null.
        /// </summary>
        internal static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
        {
            if (compilation.GetTypeByMetadataName(metadataName) is { } type)
            {
                return type;
            }

            var candidates = compilation.GetTypesByMetadataName(metadataName);
            if (candidates.Length < 2)
            {
                // Absent (one copy would have been found above).
                return null;
            }

            var coreLibrary = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
            INamedTypeSymbol? visible = null;
            foreach (var candidate in candidates)
            {
                if (coreLibrary is not null && SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, coreLibrary))
                {
                    return candidate;
                }

                if (compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
                {
                    if (visible is not null)
                    {
                        return null;
                    }

                    visible = candidate;
                }
            }

            return visible;
        }

        public static bool Is(ISymbol? symbol, ISymbol? other)
        {
            return symbol is not null && other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);
        }

        /// <summary><paramref name="type"/> is <paramref name="baseType"/> (its definition, for a generic) or derives from it.</summary>
        public static bool IsOrDerivesFrom(ITypeSymbol? type, ITypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            var definition = baseType.OriginalDefinition;
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A field's handle on a catalog type: asks <see cref="KnownTypes.GetTypeByMetadataName(string)"/> on first use, then remembers the answer (a missing type as missing).</summary>
    internal sealed class LazyType
    {
        private readonly string metadataName;
        private INamedTypeSymbol? value;
        private volatile bool resolved;

        public LazyType(string metadataName)
        {
            this.metadataName = metadataName;
        }

        public INamedTypeSymbol? Get(KnownTypes types)
        {
            if (resolved)
            {
                return value;
            }

            // Two threads may both ask; the catalog gives both the same symbol.
            value = types.GetTypeByMetadataName(metadataName);
            resolved = true;
            return value;
        }
    }
}
