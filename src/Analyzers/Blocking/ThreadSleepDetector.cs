using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary><c>Thread.Sleep(x)</c> with a non-zero delay (ASYNC102's leaf). Resolved once per compilation.</summary>
    internal sealed class ThreadSleepDetector : IBlockingLeafDetector
    {
        private readonly ImmutableHashSet<IMethodSymbol> sleeps;
        private readonly KnownTypes types;

        private ThreadSleepDetector(ImmutableHashSet<IMethodSymbol> sleeps, KnownTypes types)
        {
            this.sleeps = sleeps;
            this.types = types;
        }

        /// <summary>Null when the compilation has no Thread.Sleep to find.</summary>
        public static ThreadSleepDetector? TryCreate(KnownTypes types)
        {
            if (types.Thread is null)
            {
                return null;
            }

            var builder = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var member in types.Thread.GetMembers("Sleep"))
            {
                if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method)
                {
                    builder.Add(method);
                }
            }

            return builder.Count == 0 ? null : new ThreadSleepDetector(builder.ToImmutable(), types);
        }

        /// <summary>The compilation's catalog the detector was built from.</summary>
        public KnownTypes Types => types;

        /// <inheritdoc/>
        public bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument) => false;

        public bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf)
        {
            leaf = default;
            if (operation is not IInvocationOperation invocation || !IsBlockingSleep(invocation))
            {
                return false;
            }

            leaf = new BlockingLeaf("Thread.Sleep", DiagnosticIds.UseTaskDelay);
            return true;
        }

        public bool IsBlockingSleep(IInvocationOperation invocation)
        {
            return sleeps.Contains(invocation.TargetMethod)
                && invocation.Arguments.Length == 1
                && !IsZeroDelay(invocation.Arguments[0].Value);
        }

        // Thread.Sleep(0) and Sleep(TimeSpan.Zero) give up the rest of the time slice: a yield, not a wait.
        private bool IsZeroDelay(IOperation argument)
        {
            var value = argument.WalkDownConversion();
            if (value.ConstantValue is { HasValue: true, Value: int milliseconds })
            {
                return milliseconds == 0;
            }

            return value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field }
                && KnownTypes.Is(field.ContainingType, types.TimeSpan);
        }
    }
}
