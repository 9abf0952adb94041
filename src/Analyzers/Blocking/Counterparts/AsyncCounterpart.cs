using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>An awaitable method that does what a synchronous one does.</summary>
    internal sealed class AsyncCounterpart
    {
        public AsyncCounterpart(IMethodSymbol method, int cancellationTokenParameter, bool hasTokenlessAlternative, CounterpartShape shape, ulong skippedParameters)
        {
            SkippedParameters = skippedParameters;
            Method = method;
            CancellationTokenParameter = cancellationTokenParameter;
            HasTokenlessAlternative = hasTokenlessAlternative;
            Shape = shape;
        }

        public CounterpartShape Shape { get; }

        /// <summary>Ordinals (bits) of the synchronous method's optional parameters the counterpart has no parameter for.</summary>
        public ulong SkippedParameters { get; }

        /// <summary>
        /// The call passes nothing for a parameter the counterpart lacks: passing it asks for behaviour (a timeout, a mode)
        /// the counterpart cannot express, so there it is no counterpart.
        /// </summary>
        public bool CoversArgumentsOf(IInvocationOperation call)
        {
            if (SkippedParameters == 0)
            {
                return true;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { Ordinal: < 64 } parameter && (SkippedParameters & (1UL << parameter.Ordinal)) != 0
                    && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The counterpart as found on the receiver type (reduced when it is an extension method).</summary>
        public IMethodSymbol Method { get; }

        /// <summary>Index in <see cref="Method"/>'s parameters of its CancellationToken parameter beyond the matched ones; -1 when it has none.</summary>
        public int CancellationTokenParameter { get; }

        /// <summary>The ID a fixer resolves the counterpart by: the documentation ID of its (unreduced) definition. Computed when asked (only for a finding).</summary>
        public string? DocumentationId => (Method.ReducedFrom ?? Method).OriginalDefinition.GetDocumentationCommentId();

        /// <summary>True when the CancellationToken parameter must be passed (it is not optional).</summary>
        public bool TokenIsRequired => CancellationTokenParameter >= 0 && !Method.Parameters[CancellationTokenParameter].IsOptional;

        /// <summary>True when another counterpart of the same name can be called without a token (FlushAsync() next to FlushAsync(token)).</summary>
        public bool HasTokenlessAlternative { get; }
    }
}
