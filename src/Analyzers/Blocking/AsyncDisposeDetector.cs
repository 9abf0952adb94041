using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC104's leaf: <c>using</c>, <c>using var</c> or <c>x.Dispose()</c> of a type with its own DisposeAsync.</summary>
    internal sealed class AsyncDisposeDetector : IBlockingLeafDetector
    {
        private readonly AsyncDisposables disposables;

        private AsyncDisposeDetector(AsyncDisposables disposables)
        {
            this.disposables = disposables;
        }

        public static AsyncDisposeDetector? TryCreate(KnownTypes types)
            => AsyncDisposables.Create(types) is { } disposables ? new AsyncDisposeDetector(disposables) : null;

        /// <inheritdoc/>
        public bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument) => false;

        public bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf)
        {
            leaf = default;
            if (operation is not (IUsingOperation or IUsingDeclarationOperation or IInvocationOperation { TargetMethod.Name: "Dispose" }) || operation.IsInsideLock())
            {
                // ASYNC104 leaves a disposal inside a lock alone (no await there); so does the summary.
                return false;
            }

            ITypeSymbol? disposed = operation switch
            {
                IUsingOperation { IsAsynchronous: false, Resources: { } resources } => Disposed(operation, resources, owner),
                IUsingDeclarationOperation { IsAsynchronous: false } declaration => Disposed(operation, declaration.DeclarationGroup, owner),
                _ => null,
            };

            if (disposed is not null)
            {
                leaf = BlockingLeaf.Dispose("using " + disposed.Name, AsyncDisposeFix.AwaitUsing);
                return true;
            }

            if (operation is IInvocationOperation { TargetMethod: { Name: "Dispose", IsStatic: false, ReturnsVoid: true, Parameters.Length: 0 }, Instance: { } instance }
                && instance.WalkDownConversion() is var receiver
                && receiver is not IInstanceReferenceOperation and not IConditionalAccessInstanceOperation
                && !AsyncDisposables.IsDisposedUnused(receiver)
                && disposables.HasOwnDisposeAsync(receiver.Type))
            {
                leaf = BlockingLeaf.Dispose(receiver.Type!.Name + ".Dispose", AsyncDisposeFix.DisposeAsync);
                return true;
            }

            return false;
        }

        /// <summary>A <c>Dispose()</c> call that ASYNC104 reports in <paramref name="function"/> (<see cref="AsyncDisposables.IsDisposeToReport"/>).</summary>
        public bool IsDisposeToReport(IInvocationOperation call, IMethodSymbol? function) => disposables.IsDisposeToReport(call, function);

        /// <summary>The first resource the statement disposes that ASYNC104 would report (<see cref="AsyncDisposables.IsDeclaredResourceToReport"/>, <see cref="AsyncDisposables.IsExpressionResourceToReport"/>).</summary>
        private ITypeSymbol? Disposed(IOperation statement, IOperation resources, IMethodSymbol owner)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (disposables.IsDeclaredResourceToReport(statement, declaration, declarator, owner))
                        {
                            return declarator.Symbol.Type;
                        }
                    }
                }

                return null;
            }

            return disposables.IsExpressionResourceToReport(statement, resources) ? resources.WalkDownConversion().Type : null;
        }
    }
}
