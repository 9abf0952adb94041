using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>
    /// Framework symbols resolved once per compilation. Rules compare against these with
    /// <see cref="SymbolEqualityComparer.Default"/> and never by name strings.
    /// </summary>
    internal sealed class KnownTypes
    {
        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
            ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            EventArgs = compilation.GetTypeByMetadataName("System.EventArgs");
            LambdaExpression = compilation.GetTypeByMetadataName("System.Linq.Expressions.LambdaExpression");
            AsyncMethodBuilderAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.AsyncMethodBuilderAttribute");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? TaskFactoryOfT { get; }
        public INamedTypeSymbol? Parallel { get; }
        public INamedTypeSymbol? Thread { get; }
        public INamedTypeSymbol? ThreadPool { get; }
        public INamedTypeSymbol? ThreadingTimer { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? TimeSpan { get; }
        public INamedTypeSymbol? EventArgs { get; }
        public INamedTypeSymbol? LambdaExpression { get; }
        public INamedTypeSymbol? AsyncMethodBuilderAttribute { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? ListOfT { get; }

        private Internal.RequestHandlerTypes? requestHandlers;

        /// <summary>The ASP.NET Core handler types, resolved on first use (only code on no async path asks).</summary>
        public Internal.RequestHandlerTypes RequestHandlers => requestHandlers ??= new Internal.RequestHandlerTypes(Compilation);

        /// <summary>True when the async model can work at all: without Task there is no async code to analyze.</summary>
        public bool HasTaskTypes => Task is not null;

        public static KnownTypes Create(Compilation compilation) => new KnownTypes(compilation);

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
}
