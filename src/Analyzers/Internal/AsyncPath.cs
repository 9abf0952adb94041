using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>How the code that owns an operation runs.</summary>
    internal enum AsyncPathKind
    {
        /// <summary>Not an async path: blocking here does not stall an awaiting caller.</summary>
        None,

        /// <summary>An <c>async</c> method, lambda, anonymous method, local function or iterator.</summary>
        AsyncFunction,

        /// <summary>A method or local function that returns an awaitable without <c>async</c>: its callers await it, so its body runs on their async path.</summary>
        AwaitableReturningFunction,

        /// <summary>
        /// A synchronous lambda that runs right there, while its outer function waits for it (<c>list.ForEach(...)</c>,
        /// a LINQ query materialized in the same expression), inside an async path. <see cref="AsyncPathInfo.Function"/> is
        /// the outer function; <c>await</c> is not allowed at the operation itself, so fixes that add one do not apply.
        /// </summary>
        InlineLambda,

        /// <summary>
        /// A synchronous ASP.NET Core request handler (controller action, Razor Page handler, hub method, mapped endpoint
        /// lambda): it holds a pool thread for the whole request, as an async path's continuations would. Only for rules that
        /// ask (<c>includeRequestHandlers</c>); a fix that adds an <c>await</c> makes the handler <c>async</c>.
        /// </summary>
        SyncRequestHandler,
    }

    /// <summary>Why an operation is not on an async path; <see cref="None"/> when it is.</summary>
    internal enum NotAsyncReason
    {
        None,
        SyncFunction,
        Constructor,
        OffloadedDelegate,
        ExpressionTree,
        NameOf,
        NoFunction,
    }

    /// <summary>The answer of <see cref="AsyncPath.Classify"/>: whether an operation runs on an async path, and which function owns it.</summary>
    internal readonly struct AsyncPathInfo
    {
        public AsyncPathInfo(AsyncPathKind kind, NotAsyncReason reason, IMethodSymbol? function, IOperation? functionOperation)
            : this(kind, reason, function, functionOperation, null)
        {
        }

        public AsyncPathInfo(AsyncPathKind kind, NotAsyncReason reason, IMethodSymbol? function, IOperation? functionOperation, IAnonymousFunctionOperation? inlineLambda)
        {
            Kind = kind;
            Reason = reason;
            Function = function;
            FunctionOperation = functionOperation;
            InlineLambda = inlineLambda;
        }

        public AsyncPathKind Kind { get; }

        public NotAsyncReason Reason { get; }

        /// <summary>The method, local function or lambda symbol whose body contains the operation (null when there is none).</summary>
        public IMethodSymbol? Function { get; }

        /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/> that owns the operation; null when the owner is the containing member itself.</summary>
        public IOperation? FunctionOperation { get; }

        /// <summary>For <see cref="AsyncPathKind.InlineLambda"/>: the innermost synchronous lambda that runs inline; otherwise null.</summary>
        public IAnonymousFunctionOperation? InlineLambda { get; }

        public bool IsAsyncPath => Kind != AsyncPathKind.None;

        /// <summary>False for <see cref="AsyncPathKind.InlineLambda"/>: the operation sits in a synchronous lambda, where <c>await</c> is illegal.</summary>
        public bool CanAwaitHere => Kind is AsyncPathKind.AsyncFunction or AsyncPathKind.AwaitableReturningFunction or AsyncPathKind.SyncRequestHandler;

        /// <summary>True when a fix that adds an <c>await</c> must also make the owner <c>async</c>.</summary>
        public bool NeedsAsyncModifier => Kind is AsyncPathKind.AwaitableReturningFunction or AsyncPathKind.SyncRequestHandler;
    }

    /// <summary>
    /// The shared async-path model: for any operation, is this code running on an async path, and which function owns it?
    /// Walks only the parent chain of the operation (no syntax walk, no semantic model), so it is cheap enough to call for
    /// every candidate a rule finds. Whether a candidate on an async path is nonetheless blocking on purpose (the
    /// synchronous side of a dual-mode method, a peer rule suppressed at the site) is answered once a rule is about to
    /// report, by <see cref="IsDeliberateBlocking"/>: the blocking rules and the helper summary all ask it there.
    /// </summary>
    internal static class AsyncPath
    {
        /// <summary>The code says blocking here is intended: see <see cref="DeliberateBlocking"/> and <see cref="DualMode"/>.</summary>
        public static bool IsDeliberateBlocking(IOperation site, ISymbol? containingSymbol)
            => DeliberateBlocking.IsDeliberate(site, containingSymbol);

        /// <param name="operation">The operation to classify.</param>
        /// <param name="containingSymbol">The member whose body holds it.</param>
        /// <param name="types">The compilation's known types.</param>
        /// <param name="includeRequestHandlers">
        /// True for the blocking rules: a synchronous ASP.NET Core request handler counts as an async path
        /// (<see cref="AsyncPathKind.SyncRequestHandler"/>); other synchronous code stays out.
        /// </param>
        public static AsyncPathInfo Classify(IOperation operation, ISymbol? containingSymbol, KnownTypes types, bool includeRequestHandlers = false)
        {
            IAnonymousFunctionOperation? inlineLambda = null;
            for (var current = operation; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case INameOfOperation:
                        return NotAsync(NotAsyncReason.NameOf, null, null);
                    case IAnonymousFunctionOperation lambda when !lambda.Symbol.IsAsync && IsInlineLambda(lambda, types):
                        // It runs while the outer function waits: the outer function decides.
                        inlineLambda ??= lambda;
                        break;
                    case IAnonymousFunctionOperation lambda:
                        return Inline(WithRequestHandlers(ClassifyLambda(lambda, types), includeRequestHandlers, types), inlineLambda);
                    case ILocalFunctionOperation localFunction when !ReferenceEquals(localFunction, operation):
                        return Inline(ClassifyFunction(localFunction.Symbol, localFunction, types), inlineLambda);
                }
            }

            return containingSymbol is IMethodSymbol method
                ? Inline(WithRequestHandlers(ClassifyFunction(method, null, types), includeRequestHandlers, types), inlineLambda)
                : NotAsync(NotAsyncReason.NoFunction, null, null);
        }

        /// <summary>A synchronous function that is a request handler becomes <see cref="AsyncPathKind.SyncRequestHandler"/> when asked.</summary>
        private static AsyncPathInfo WithRequestHandlers(AsyncPathInfo path, bool includeRequestHandlers, KnownTypes types)
        {
            return includeRequestHandlers
                && path.Reason == NotAsyncReason.SyncFunction
                && path.Function is { } function
                && RequestHandlers.IsSyncHandler(function, path.FunctionOperation, types.RequestHandlers)
                ? new AsyncPathInfo(AsyncPathKind.SyncRequestHandler, NotAsyncReason.None, function, path.FunctionOperation)
                : path;
        }

        /// <summary>
        /// True when a synchronous lambda runs inline, before the expression it is part of completes: the callback of
        /// <c>List&lt;T&gt;.ForEach</c> or <c>Array.ForEach</c>, or of a LINQ operator whose query is materialized in the same
        /// expression (<c>ToList()</c>, <c>Sum()</c>, <c>First()</c>..., a <c>foreach</c> over it, <c>new List&lt;T&gt;(query)</c>,
        /// <c>string.Join</c>). A deferred query that is stored or returned runs later, somewhere else: not inline.
        /// </summary>
        public static bool IsInlineLambda(IAnonymousFunctionOperation lambda, KnownTypes types)
        {
            var current = SkipWrappers(lambda.Parent);
            if (current is not IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (method.Name == "ForEach")
            {
                return KnownTypes.Is(type, types.ListOfT) || type?.SpecialType == SpecialType.System_Array;
            }

            return KnownTypes.Is(type, types.Enumerable) && IsMaterializedHere(invocation, types);
        }

        internal static bool IsMaterializedHere(IInvocationOperation query, KnownTypes types)
        {
            var current = query;
            while (true)
            {
                // Operators that return a concrete type or a value run the query now; ToLookup returns an interface but is eager too.
                if (current.TargetMethod.ReturnType.TypeKind != TypeKind.Interface || current.TargetMethod.Name == "ToLookup")
                {
                    return true;
                }

                var consumer = SkipWrappers(current.Parent);
                switch (consumer)
                {
                    case IForEachLoopOperation:
                        // Only the collection of a foreach is a direct child that is not its body.
                        return true;
                    case IArgumentOperation { Parent: IInvocationOperation next, Parameter.Ordinal: 0 }
                        when next.TargetMethod.IsExtensionMethod && KnownTypes.Is(next.TargetMethod.ContainingType, types.Enumerable):
                        current = next;
                        continue;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                        return KnownTypes.Is(creation.Constructor?.ContainingType.OriginalDefinition, types.ListOfT);
                    case IArgumentOperation { Parent: IInvocationOperation next }:
                        return (next.TargetMethod.Name == "AddRange" && KnownTypes.Is(next.TargetMethod.ContainingType.OriginalDefinition, types.ListOfT))
                            || (next.TargetMethod.Name is "Join" or "Concat" && next.TargetMethod.ContainingType.SpecialType == SpecialType.System_String);
                    default:
                        return false;
                }
            }
        }

        /// <summary>Up from a lambda or value through delegate creations, conversions, parentheses and query translation.</summary>
        internal static IOperation? SkipWrappers(IOperation? operation)
        {
            var current = operation;
            while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation or ITranslatedQueryOperation)
            {
                current = current.Parent;
            }

            return current;
        }

        private static AsyncPathInfo Inline(AsyncPathInfo outer, IAnonymousFunctionOperation? inlineLambda)
        {
            return inlineLambda is null || !outer.IsAsyncPath
                ? outer
                : new AsyncPathInfo(AsyncPathKind.InlineLambda, NotAsyncReason.None, outer.Function, outer.FunctionOperation, inlineLambda);
        }

        /// <summary>Classifies a function by its own declaration, ignoring where it sits.</summary>
        public static AsyncPathInfo ClassifyFunction(IMethodSymbol method, IOperation? functionOperation, KnownTypes types)
        {
            switch (method.MethodKind)
            {
                case MethodKind.Constructor:
                case MethodKind.StaticConstructor:
                case MethodKind.Destructor:
                    return NotAsync(NotAsyncReason.Constructor, method, functionOperation);
            }

            if (method.IsAsync)
            {
                return new AsyncPathInfo(AsyncPathKind.AsyncFunction, NotAsyncReason.None, method, functionOperation);
            }

            if (types.IsAwaitableReturnType(method.ReturnType))
            {
                return new AsyncPathInfo(AsyncPathKind.AwaitableReturningFunction, NotAsyncReason.None, method, functionOperation);
            }

            return NotAsync(NotAsyncReason.SyncFunction, method, functionOperation);
        }

        private static AsyncPathInfo ClassifyLambda(IAnonymousFunctionOperation lambda, KnownTypes types)
        {
            var conversionTarget = ConvertedTo(lambda, out var consumer);
            if (types.IsExpressionTreeType(conversionTarget))
            {
                return NotAsync(NotAsyncReason.ExpressionTree, lambda.Symbol, lambda);
            }

            // A synchronous delegate handed to Task.Run, a Thread, the thread pool or a timer runs elsewhere:
            // whatever it blocks is a worker thread, not the awaiting caller. An async lambda stays an async path
            // wherever it runs, since its own continuations share the pool.
            if (!lambda.Symbol.IsAsync && consumer is not null && IsOffloadingMethod(consumer, types))
            {
                return NotAsync(NotAsyncReason.OffloadedDelegate, lambda.Symbol, lambda);
            }

            return ClassifyFunction(lambda.Symbol, lambda, types);
        }

        /// <summary>The type the lambda is converted to, and the method or constructor it is passed to as an argument (if any).</summary>
        private static ITypeSymbol? ConvertedTo(IAnonymousFunctionOperation lambda, out IMethodSymbol? consumer)
        {
            consumer = null;
            ITypeSymbol? target = null;
            IOperation? current = lambda.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                target = current.Type ?? target;
                current = current.Parent;
            }

            if (current is IArgumentOperation argument)
            {
                consumer = argument.Parent switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };
            }

            return target;
        }

        private static bool IsOffloadingMethod(IMethodSymbol method, KnownTypes types)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (method.MethodKind == MethodKind.Constructor)
            {
                // new Thread(...), new Task(...), new Task<T>(...), new Timer(...)
                return KnownTypes.Is(type, types.Thread)
                    || KnownTypes.Is(type, types.Task)
                    || KnownTypes.Is(type, types.TaskOfT)
                    || KnownTypes.Is(type, types.ThreadingTimer);
            }

            switch (method.Name)
            {
                case "Run":
                    return KnownTypes.Is(type, types.Task);
                case "StartNew":
                    return KnownTypes.Is(type, types.TaskFactory) || KnownTypes.Is(type, types.TaskFactoryOfT);
                case "QueueUserWorkItem":
                case "UnsafeQueueUserWorkItem":
                case "RegisterWaitForSingleObject":
                case "UnsafeRegisterWaitForSingleObject":
                    return KnownTypes.Is(type, types.ThreadPool);
                case "For":
                case "ForEach":
                case "Invoke":
                    return KnownTypes.Is(type, types.Parallel);
                default:
                    return false;
            }
        }

        private static AsyncPathInfo NotAsync(NotAsyncReason reason, IMethodSymbol? function, IOperation? functionOperation)
            => new AsyncPathInfo(AsyncPathKind.None, reason, function, functionOperation);
    }
}
