using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>
    /// Framework symbols resolved once per compilation, each on first use. Rules compare against these with
    /// <see cref="SymbolEqualityComparer.Default"/> and never by name strings.
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

        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Task => task.Get(Compilation);

        public INamedTypeSymbol? TaskOfT => taskOfT.Get(Compilation);

        public INamedTypeSymbol? ValueTask => valueTask.Get(Compilation);

        public INamedTypeSymbol? ValueTaskOfT => valueTaskOfT.Get(Compilation);

        public INamedTypeSymbol? TaskFactory => taskFactory.Get(Compilation);

        public INamedTypeSymbol? TaskFactoryOfT => taskFactoryOfT.Get(Compilation);

        public INamedTypeSymbol? Parallel => parallel.Get(Compilation);

        public INamedTypeSymbol? Thread => thread.Get(Compilation);

        public INamedTypeSymbol? ThreadPool => threadPool.Get(Compilation);

        public INamedTypeSymbol? ThreadingTimer => threadingTimer.Get(Compilation);

        public INamedTypeSymbol? CancellationToken => cancellationToken.Get(Compilation);

        public INamedTypeSymbol? TimeSpan => timeSpan.Get(Compilation);

        public INamedTypeSymbol? EventArgs => eventArgs.Get(Compilation);

        public INamedTypeSymbol? LambdaExpression => lambdaExpression.Get(Compilation);

        public INamedTypeSymbol? AsyncMethodBuilderAttribute => asyncMethodBuilderAttribute.Get(Compilation);

        public INamedTypeSymbol? Enumerable => enumerable.Get(Compilation);

        public INamedTypeSymbol? ListOfT => listOfT.Get(Compilation);

        private Internal.RequestHandlerTypes? requestHandlers;

        /// <summary>The ASP.NET Core handler types, resolved on first use (only code on no async path asks).</summary>
        public Internal.RequestHandlerTypes RequestHandlers => requestHandlers ??= new Internal.RequestHandlerTypes(Compilation);

        private readonly LazyType xunitFact = new LazyType("Xunit.FactAttribute");
        private readonly LazyType nunitTest = new LazyType("NUnit.Framework.TestAttribute");
        private readonly LazyType mstestTestMethod = new LazyType("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute");

        /// <summary>True when the compilation references xUnit, NUnit or MSTest: a test project (or a test kit).</summary>
        public bool IsTestProject
            => xunitFact.Get(Compilation) is not null || nunitTest.Get(Compilation) is not null || mstestTestMethod.Get(Compilation) is not null;

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

        public static bool Is(ISymbol? symbol, ISymbol? other)
        {
            return symbol is not null && other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);
        }
    }

    /// <summary>A type looked up by metadata name on first use; a missing type is remembered as missing.</summary>
    internal sealed class LazyType
    {
        private readonly string metadataName;
        private INamedTypeSymbol? value;
        private volatile bool resolved;

        public LazyType(string metadataName)
        {
            this.metadataName = metadataName;
        }

        public INamedTypeSymbol? Get(Compilation compilation)
        {
            if (resolved)
            {
                return value;
            }

            // Two threads may both look it up; they find the same symbol.
            value = compilation.GetTypeByMetadataName(metadataName);
            resolved = true;
            return value;
        }
    }
}
