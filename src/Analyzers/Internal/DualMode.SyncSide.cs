using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    internal static partial class DualMode
    {
        /// <summary>
        /// True when <paramref name="site"/> lies in the synchronous implementation of a dual-mode operation: a local function or
        /// a private method that returns a task without being <c>async</c>, and that is called only from the synchronous side of
        /// dual-mode conditions (<c>io == IO.Asynchronous ? DoReadAsync(b) : DoReadSync(b)</c>) or from inside a <c>lock</c>
        /// (<c>lock (_gate) { task = OpenCircuit_NeedsLock(...); }</c>). Its task has completed when it returns, and only
        /// callers that cannot await get there: an await would change what it is for. A function used as a delegate, called
        /// from anywhere else, or visible outside its type is not one.
        /// </summary>
        public static bool IsInSyncSideFunction(IOperation site, ISymbol? containingSymbol, CancellationToken cancellationToken)
        {
            if (site.SemanticModel is not { } model)
            {
                return false;
            }

            for (var current = site.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return ReturnsTaskSynchronously(lambda.Symbol, model.Compilation) && IsMadeBySyncTwin(lambda, containingSymbol, model.Compilation);
                    case ILocalFunctionOperation local:
                        return ReturnsTaskSynchronously(local.Symbol, model.Compilation) && AllCallsOnSyncSide(local.Root(), local.Symbol);
                }
            }

            return containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private } method
                && ReturnsTaskSynchronously(method, model.Compilation)
                && AllCallsInTypeOnSyncSide(method, model.Compilation, cancellationToken);
        }

        /// <summary>
        /// A lambda written straight in the body of a synchronous method that has an async twin in its type
        /// (<c>Authenticate</c> beside <c>AuthenticateAsync</c>): <c>cmd.Handler = (x, ct) => { stream.Write(b); return Task.CompletedTask; }</c>.
        /// It is the synchronous mode's callback, which the twin replaces with an <c>async</c> one; the engine that runs it in
        /// the synchronous method waits for nothing.
        /// </summary>
        private static bool IsMadeBySyncTwin(IAnonymousFunctionOperation lambda, ISymbol? containingSymbol, Compilation compilation)
        {
            for (var current = lambda.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAsync: false } method || method.ContainingType is null)
            {
                return false;
            }

            var types = KnownTypes.Create(compilation);
            if (types.IsAwaitableReturnType(method.ReturnType))
            {
                return false;
            }

            var twinName = method.Name + "Async";
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(twinName))
                {
                    if (member is IMethodSymbol twin && twin.IsStatic == method.IsStatic && types.IsAwaitableReturnType(twin.ReturnType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool ReturnsTaskSynchronously(IMethodSymbol function, Compilation compilation)
            => !function.IsAsync && KnownTypes.Create(compilation).IsAwaitableReturnType(function.ReturnType);

        /// <summary>Every use of the local function in its method's body is a call on the synchronous side of a dual-mode condition.</summary>
        private static bool AllCallsOnSyncSide(IOperation root, IMethodSymbol function)
        {
            var calls = 0;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, function.OriginalDefinition):
                        if (!IsSynchronousCaller(call))
                        {
                            return false;
                        }

                        calls++;
                        break;
                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, function.OriginalDefinition):
                        return false;
                }
            }

            return calls > 0;
        }

        /// <summary>The same for a private method: its callers are in its type's declarations (nested types included).</summary>
        private static bool AllCallsInTypeOnSyncSide(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            if (PrivateCallers.Of(method.OriginalDefinition, compilation, cancellationToken) is not { } calls)
            {
                return false;
            }

            foreach (var call in calls)
            {
                if (!IsSynchronousCaller(call))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A call on the synchronous side of a dual-mode condition, or inside a <c>lock</c> of its own function: code that runs
        /// under a lock cannot await, so the function it calls runs to the end before the lock is released.
        /// </summary>
        private static bool IsSynchronousCaller(IInvocationOperation call)
        {
            return IsOnSyncBranch(call) || call.IsInsideLock();
        }
    }
}
