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
        {
            Kind = kind;
            Reason = reason;
            Function = function;
            FunctionOperation = functionOperation;
        }

        public AsyncPathKind Kind { get; }

        public NotAsyncReason Reason { get; }

        /// <summary>The method, local function or lambda symbol whose body contains the operation (null when there is none).</summary>
        public IMethodSymbol? Function { get; }

        /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/> that owns the operation; null when the owner is the containing member itself.</summary>
        public IOperation? FunctionOperation { get; }

        public bool IsAsyncPath => Kind != AsyncPathKind.None;

        /// <summary>True when a fix that adds an <c>await</c> must also make the owner <c>async</c>.</summary>
        public bool NeedsAsyncModifier => Kind == AsyncPathKind.AwaitableReturningFunction;
    }

    /// <summary>
    /// The shared async-path model: for any operation, is this code running on an async path, and which function owns it?
    /// Walks only the parent chain of the operation (no syntax walk, no semantic model), so it is cheap enough to call for
    /// every candidate a rule finds.
    /// </summary>
    internal static class AsyncPath
    {
        public static AsyncPathInfo Classify(IOperation operation, ISymbol? containingSymbol, KnownTypes types)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case INameOfOperation:
                        return NotAsync(NotAsyncReason.NameOf, null, null);
                    case IAnonymousFunctionOperation lambda:
                        return ClassifyLambda(lambda, types);
                    case ILocalFunctionOperation localFunction when !ReferenceEquals(localFunction, operation):
                        return ClassifyFunction(localFunction.Symbol, localFunction, types);
                }
            }

            return containingSymbol is IMethodSymbol method
                ? ClassifyFunction(method, null, types)
                : NotAsync(NotAsyncReason.NoFunction, null, null);
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
