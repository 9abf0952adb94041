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
        public AsyncCounterpart(IMethodSymbol method, int cancellationTokenParameter, bool hasTokenlessAlternative, CounterpartShape shape, ulong skippedParameters, ulong narrowedParameters = 0)
        {
            SkippedParameters = skippedParameters;
            NarrowedParameters = narrowedParameters;
            Method = method;
            CancellationTokenParameter = cancellationTokenParameter;
            HasTokenlessAlternative = hasTokenlessAlternative;
            Shape = shape;
        }

        public CounterpartShape Shape { get; }

        /// <summary>Ordinals (bits) of the synchronous method's optional parameters the counterpart has no parameter for.</summary>
        public ulong SkippedParameters { get; }

        /// <summary>Ordinals (bits) of the synchronous method's <c>T?</c> parameters the counterpart takes as <c>T</c>.</summary>
        public ulong NarrowedParameters { get; }

        /// <summary>
        /// The call passes nothing for a parameter the counterpart lacks (passing it asks for behaviour, a timeout or a mode,
        /// the counterpart cannot express), and passes a value that cannot be null for each <c>T?</c> parameter the counterpart
        /// takes as <c>T</c> (null, or leaving it out, asks for the synchronous method's default, which the counterpart has not).
        /// </summary>
        public bool CoversArgumentsOf(IInvocationOperation call)
        {
            if (SkippedParameters == 0 && NarrowedParameters == 0)
            {
                return true;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { Ordinal: < 64 } parameter)
                {
                    continue;
                }

                var bit = 1UL << parameter.Ordinal;
                if ((SkippedParameters & bit) != 0 && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return false;
                }

                if ((NarrowedParameters & bit) != 0 && !IsNeverNull(argument))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An argument written at the call whose value has the non-nullable type, converted to <c>T?</c> implicitly.</summary>
        private static bool IsNeverNull(IArgumentOperation argument)
        {
            return argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Value is IConversionOperation { IsImplicit: true, Operand.Type: { TypeKind: not TypeKind.Error } operandType }
                && operandType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                && operandType.IsValueType;
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
