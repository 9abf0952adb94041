using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>The callback-style task APIs of the Callbacks family, resolved once per compilation.</summary>
    internal sealed class CallbackMethods
    {
        private CallbackMethods(KnownTypes types)
        {
            var continueWith = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            AddMethods(continueWith, types.Task, "ContinueWith");
            AddMethods(continueWith, types.TaskOfT, "ContinueWith");
            ContinueWith = continueWith.ToImmutable();

            var factory = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            AddMethods(factory, types.TaskFactory, "ContinueWhenAll");
            AddMethods(factory, types.TaskFactory, "ContinueWhenAny");
            AddMethods(factory, types.TaskFactoryOfT, "ContinueWhenAll");
            AddMethods(factory, types.TaskFactoryOfT, "ContinueWhenAny");
            FactoryContinuations = factory.ToImmutable();

            var unwrap = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            AddMethods(unwrap, types.GetTypeByMetadataName("System.Threading.Tasks.TaskExtensions"), "Unwrap");
            Unwrap = unwrap.ToImmutable();

            var awaiters = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in AwaiterTypeNames)
            {
                if (types.GetTypeByMetadataName(name) is { } awaiter)
                {
                    awaiters.Add(awaiter);
                }
            }

            Awaiters = awaiters.ToImmutable();
            AsyncResult = types.GetTypeByMetadataName("System.IAsyncResult");
            AsyncCallback = types.GetTypeByMetadataName("System.AsyncCallback");
            AsyncCompletedEventArgs = types.GetTypeByMetadataName("System.ComponentModel.AsyncCompletedEventArgs");
            TaskCompletionSource = types.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource");
            TaskCompletionSourceOfT = types.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1");
            this.types = types;
        }

        private readonly KnownTypes types;

        /// <summary>The compilation's known types this catalog was built from.</summary>
        public KnownTypes Types => types;

        private static readonly ImmutableArray<string> AwaiterTypeNames = ImmutableArray.Create(
            "System.Runtime.CompilerServices.TaskAwaiter",
            "System.Runtime.CompilerServices.TaskAwaiter`1",
            "System.Runtime.CompilerServices.ValueTaskAwaiter",
            "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
            "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");

        /// <summary>Task.ContinueWith and Task&lt;T&gt;.ContinueWith, every overload (definitions).</summary>
        public ImmutableHashSet<IMethodSymbol> ContinueWith { get; }

        /// <summary>TaskFactory(&lt;T&gt;).ContinueWhenAll / ContinueWhenAny (definitions).</summary>
        public ImmutableHashSet<IMethodSymbol> FactoryContinuations { get; }

        /// <summary>TaskExtensions.Unwrap (definitions).</summary>
        public ImmutableHashSet<IMethodSymbol> Unwrap { get; }

        /// <summary>The framework awaiter structs of Task, ValueTask and their ConfigureAwait forms (definitions).</summary>
        public ImmutableHashSet<INamedTypeSymbol> Awaiters { get; }

        public INamedTypeSymbol? AsyncResult { get; }

        public INamedTypeSymbol? AsyncCallback { get; }

        /// <summary>
        /// For an APM <c>BeginXxx(..., AsyncCallback callback, object state)</c> returning IAsyncResult: its
        /// <c>EndXxx(IAsyncResult)</c> on the same type or a base type; null when the method is not an APM pair.
        /// </summary>
        public IMethodSymbol? ApmEnd(IMethodSymbol begin)
        {
            var parameters = begin.Parameters;
            if (AsyncResult is null || AsyncCallback is null
                || begin.Name.Length <= 5 || !begin.Name.StartsWith("Begin", System.StringComparison.Ordinal)
                || parameters.Length < 2
                || !KnownTypes.Is(begin.ReturnType, AsyncResult)
                || !KnownTypes.Is(parameters[parameters.Length - 2].Type, AsyncCallback)
                || parameters[parameters.Length - 1].Type.SpecialType != SpecialType.System_Object)
            {
                return null;
            }

            var endName = "End" + begin.Name.Substring(5);
            for (var type = begin.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(endName))
                {
                    if (member is IMethodSymbol { Parameters.Length: 1 } end
                        && end.IsStatic == begin.IsStatic
                        && KnownTypes.Is(end.Parameters[0].Type, AsyncResult))
                    {
                        return end;
                    }
                }
            }

            return null;
        }

        public INamedTypeSymbol? AsyncCompletedEventArgs { get; }

        public INamedTypeSymbol? TaskCompletionSource { get; }

        public INamedTypeSymbol? TaskCompletionSourceOfT { get; }

        /// <summary>
        /// For an EAP completion event <c>XxxCompleted</c> (handler args derived from AsyncCompletedEventArgs): the name
        /// prefix <c>Xxx</c>; null when the event is not EAP-shaped.
        /// </summary>
        public string? EapPrefix(IEventSymbol @event)
        {
            if (AsyncCompletedEventArgs is null
                || @event.Name.Length <= 9
                || !@event.Name.EndsWith("Completed", System.StringComparison.Ordinal)
                || @event.Type is not INamedTypeSymbol { DelegateInvokeMethod: { Parameters.Length: 2 } invoke })
            {
                return null;
            }

            for (var current = invoke.Parameters[1].Type; current is not null; current = current.BaseType)
            {
                if (KnownTypes.Is(current, AsyncCompletedEventArgs))
                {
                    return @event.Name.Substring(0, @event.Name.Length - 9);
                }
            }

            return null;
        }

        /// <summary>
        /// The Task-returning counterpart of an EAP start method <c>XxxAsync(args)</c>: <c>XxxTaskAsync(args)</c> or an
        /// <c>XxxAsync(args)</c> overload returning a task, with the same parameter types, on the type or a base type.
        /// </summary>
        public IMethodSymbol? EapTaskCounterpart(IMethodSymbol start, string prefix) => EapTaskCounterpart(start, prefix, out _);

        /// <summary>
        /// As <see cref="EapTaskCounterpart(IMethodSymbol, string)"/>, also matching a counterpart without the start method's
        /// trailing <c>object</c> user-state parameter (<c>WebClient.DownloadStringAsync(Uri, object)</c> -&gt;
        /// <c>DownloadStringTaskAsync(Uri)</c>), and the twin with another name of <c>SmtpClient.SendAsync</c>,
        /// <c>SendMailAsync</c>. <paramref name="dropsUserState"/> says that the last argument is not passed.
        /// </summary>
        public IMethodSymbol? EapTaskCounterpart(IMethodSymbol start, string prefix, out bool dropsUserState)
        {
            var hasUserState = start.Parameters.Length > 0 && start.Parameters[start.Parameters.Length - 1].Type.SpecialType == SpecialType.System_Object;
            var names = start.ContainingType is { Name: "SmtpClient", ContainingNamespace: { Name: "Mail", ContainingNamespace: { Name: "Net", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } }
                && prefix == "Send"
                    ? new[] { "SendMailAsync" }
                    : new[] { prefix + "TaskAsync", prefix + "Async" };
            for (var dropped = 0; dropped <= (hasUserState ? 1 : 0); dropped++)
            {
                foreach (var name in names)
                {
                    for (var type = start.ContainingType; type is not null; type = type.BaseType)
                    {
                        foreach (var member in type.GetMembers(name))
                        {
                            if (member is IMethodSymbol candidate
                                && candidate.IsStatic == start.IsStatic
                                && !candidate.IsGenericMethod
                                && candidate.Parameters.Length == start.Parameters.Length - dropped
                                && (KnownTypes.Is(candidate.ReturnType, types.Task) || KnownTypes.Is(candidate.ReturnType.OriginalDefinition, types.TaskOfT))
                                && SameParameterTypes(candidate, start))
                            {
                                dropsUserState = dropped == 1;
                                return candidate;
                            }
                        }
                    }
                }
            }

            dropsUserState = false;
            return null;
        }

        private static bool SameParameterTypes(IMethodSymbol a, IMethodSymbol b)
        {
            for (var i = 0; i < a.Parameters.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(a.Parameters[i].Type, b.Parameters[i].Type) || a.Parameters[i].RefKind != b.Parameters[i].RefKind)
                {
                    return false;
                }
            }

            return true;
        }

        private static readonly ConditionalWeakTable<KnownTypes, CallbackMethods> ByCompilation = new ConditionalWeakTable<KnownTypes, CallbackMethods>();

        /// <summary>The compilation's one catalog, shared by the four callback analyzers and their fixers.</summary>
        public static CallbackMethods Create(KnownTypes types)
            => ByCompilation.TryGetValue(types, out var methods) ? methods : ByCompilation.GetValue(types, CreateFor);

        private static CallbackMethods CreateFor(KnownTypes types) => new CallbackMethods(types);

        public bool IsContinueWith(IMethodSymbol method) => ContinueWith.Contains(method.OriginalDefinition);

        public bool IsFactoryContinuation(IMethodSymbol method) => FactoryContinuations.Contains(method.OriginalDefinition);

        public bool IsUnwrap(IMethodSymbol method) => Unwrap.Contains(method.OriginalDefinition);

        public bool IsAwaiter(ITypeSymbol? type) => type is INamedTypeSymbol named && Awaiters.Contains(named.OriginalDefinition);

        private static void AddMethods(ImmutableHashSet<IMethodSymbol>.Builder builder, INamedTypeSymbol? type, string name)
        {
            if (type is null)
            {
                return;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol method)
                {
                    builder.Add(method.OriginalDefinition);
                }
            }
        }
    }
}
