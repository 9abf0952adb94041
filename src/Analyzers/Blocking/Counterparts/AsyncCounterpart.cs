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
        public AsyncCounterpart(IMethodSymbol method, int cancellationTokenParameter, bool hasTokenlessAlternative, CounterpartShape shape, ulong skippedParameters, ulong narrowedParameters = 0, ulong slicedParameters = 0)
        {
            SkippedParameters = skippedParameters;
            NarrowedParameters = narrowedParameters;
            SlicedParameters = slicedParameters;
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
        /// Ordinals (bits) of the synchronous method's array parameters that, with the offset and count after them, the
        /// counterpart takes as one <c>Memory&lt;T&gt;</c>: <c>Send(buffer, offset, size, flags)</c> becomes
        /// <c>SendAsync(buffer.AsMemory(offset, size), flags)</c>.
        /// </summary>
        public ulong SlicedParameters { get; }

        /// <summary>How many arguments the counterpart call has for <paramref name="written"/> arguments of the synchronous call.</summary>
        public int ArgumentCountFor(int written) => written - (2 * BitCount(SlicedParameters));

        internal static int BitCount(ulong bits)
        {
            var count = 0;
            for (; bits != 0; bits &= bits - 1)
            {
                count++;
            }

            return count;
        }

        /// <summary>
        /// The call passes nothing for a parameter the counterpart lacks (passing it asks for behaviour, a timeout or a mode,
        /// the counterpart cannot express), and passes a value that cannot be null for each <c>T?</c> parameter the counterpart
        /// takes as <c>T</c> (null, or leaving it out, asks for the synchronous method's default, which the counterpart has not).
        /// </summary>
        public bool CoversArgumentsOf(IInvocationOperation call)
        {
            if (SlicedParameters != 0 && !IsWrittenInOrder(call))
            {
                return false;
            }

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

        /// <summary>
        /// Every argument written at the call, in the parameters' order, none named: the slice is written from the arguments
        /// at the array's position and the two after it.
        /// </summary>
        private static bool IsWrittenInOrder(IInvocationOperation call)
        {
            var position = 0;
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter || parameter.Ordinal != position
                    || argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { NameColon: not null })
                {
                    return false;
                }

                position++;
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
