using System;
using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Whether a helper's body writes one of its own parameters: an argument's value (a constant flag, the stream a
    /// caller passed) holds inside the helper only until such a write. Asked when a call is about to be reported.
    /// </summary>
    internal static class ParameterWrites
    {
        /// <summary>
        /// True when <paramref name="body"/> assigns, or passes by <c>ref</c>/<c>out</c>, a parameter of
        /// <paramref name="method"/> whose ordinal <paramref name="isTracked"/> accepts.
        /// </summary>
        public static bool Any(IOperation body, IMethodSymbol method, Func<int, bool> isTracked)
        {
            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                var target = current switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference => byReference.Value,
                    _ => null,
                };
                if (target?.WalkDownConversion() is IParameterReferenceOperation written
                    && SymbolEqualityComparer.Default.Equals(written.Parameter.ContainingSymbol?.OriginalDefinition, method)
                    && isTracked(written.Parameter.Ordinal))
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }
    }
}
