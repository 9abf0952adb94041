using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        private volatile Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? analyzerOptions;
        private readonly ConcurrentDictionary<IParameterSymbol, object> callersPassMemory = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// True for a receiver whose I/O is memory, by static type: MemoryStream, StringReader, StringWriter (and types derived
        /// from them), and a stream of another assembly whose name says it is memory (MimeKit's <c>MemoryBlockStream</c>,
        /// <c>UnmanagedMemoryStream</c>, a pooled <c>RecyclableMemoryStream</c>). A stream class of this compilation is judged
        /// by what its overrides do instead (<see cref="BlockingSummary.IsMemorySink"/>).
        /// </summary>
        public bool IsInMemory(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (KnownTypes.Is(current, memoryStream.Get(types)) || KnownTypes.Is(current, stringReader.Get(types)) || KnownTypes.Is(current, stringWriter.Get(types)))
                {
                    return true;
                }

                if (current.Name.IndexOf("Memory", System.StringComparison.Ordinal) >= 0 && current.Name.EndsWith("Stream", System.StringComparison.Ordinal)
                    && !SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, types.Compilation.Assembly) && DerivesFromStream(current))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFromStream(ITypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.Name == "Stream" && NamespaceNames.Is(current.ContainingNamespace, "System.IO"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Data flow for a receiver whose static type hides it: a local that is only ever assigned a <c>MemoryStream</c>
        /// (<c>Stream s = new MemoryStream(bytes)</c>), or a reader, writer or wrapping stream created over one
        /// (<c>new StreamReader(memory)</c>, <c>new GZipStream(new MemoryStream(b), ...)</c>), or an end of a
        /// <c>System.IO.Pipelines.Pipe</c> (<c>pipe.Writer</c>, or a local only ever assigned it): its I/O is memory.
        /// </summary>
        internal bool HoldsInMemoryData(IOperation? value, int depth = 0)
        {
            const int MaxDepth = 6;
            var current = value?.WalkDownConversion();
            if (current is null || depth > MaxDepth)
            {
                return false;
            }

            if (IsInMemory(current.Type) || IsSourceMemorySink(current.Type))
            {
                return true;
            }

            switch (current)
            {
                case IObjectCreationOperation creation when creation.Arguments.Length > 0:
                    // A wrapper's first argument is what it reads from or writes to.
                    var inner = creation.Arguments[0].Value;
                    return inner.Type is { } innerType && (IsStreamLike(innerType) || IsInMemory(innerType)) && HoldsInMemoryData(inner, depth + 1);
                case ILocalReferenceOperation local when IsStreamLike(local.Local.Type):
                    return local.Local.OnlyValue(current) is { } assigned && HoldsInMemoryData(assigned, depth + 1);
                case IParameterReferenceOperation parameter when IsStreamLike(parameter.Parameter.Type):
                    return EveryCallerPassesMemory(parameter.Parameter);
                case IConditionalAccessInstanceOperation instance when ConditionalAccessOf(instance) is { } access:
                    // content?.Write(...): the receiver is what the ?. tested.
                    return HoldsInMemoryData(access.Operation, depth + 1);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // copyStream ? new MemoryBlockStream() : null
                    return (HoldsInMemoryData(conditional.WhenTrue, depth + 1) && (whenFalse.IsNullConstant() || HoldsInMemoryData(whenFalse, depth + 1)))
                        || (conditional.WhenTrue.IsNullConstant() && HoldsInMemoryData(whenFalse, depth + 1));
                case IAwaitOperation awaited when awaited.Operation.WalkDownConfigureAwait() is IInvocationOperation call:
                    return ReturnsMemory(call, depth + 1);
                case IInvocationOperation call when IsStreamLike(current.Type!):
                    return ReturnsMemory(call, depth + 1) || WrapsOnlyMemory(call, depth + 1);
                case IPropertyReferenceOperation { Property: { Name: "Reader" or "Writer", IsStatic: false } property }
                    when property.ContainingType is { Name: "Pipe" } pipe && NamespaceNames.Is(pipe.ContainingNamespace, "System.IO.Pipelines"):
                    // The two ends of a Pipe are memory: Complete and Flush only signal the other end, nothing is written out.
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A reader, writer or stream class of this compilation whose overrides block on nothing (a stream that only feeds a
        /// signature or a hash): <see cref="BlockingSummary.IsMemorySink"/>, through the compilation's shared summary.
        /// </summary>
        private bool IsSourceMemorySink(ITypeSymbol? type)
            => BlockingSummary.SinkCandidate(type as INamedTypeSymbol, types.Compilation) is { } sink
                && BlockingSummary.For(types.Compilation, types, analyzerOptions) is { } summary
                && summary.IsMemorySink(sink, System.Threading.CancellationToken.None);

        /// <summary>
        /// The analyzer options of the compilation, remembered from the first rule that hands them over: the shared summary that
        /// judges a stream class of the compilation is built with them (<see cref="IsSourceMemorySink"/>).
        /// </summary>
        public void RememberOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options)
        {
            if (options is not null && analyzerOptions is null)
            {
                analyzerOptions = options;
            }
        }

        /// <summary>
        /// A parameter of a method only its own type can call (private, or a local function) whose every caller passes data
        /// in memory: <c>CopyToAsync(pipe.Reader, pipe.Writer, ...)</c> from the constructor that made the <c>Pipe</c>. Judged
        /// once per parameter (<see cref="Judgements"/>); a cycle of such methods handing the value round counts as not known.
        /// </summary>
        private bool EveryCallerPassesMemory(IParameterSymbol parameter)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.ContainingSymbol is not IMethodSymbol)
            {
                return false;
            }

            var key = parameter.OriginalDefinition;
            return callersPassMemory.TryGetValue(key, out var known) ? known == Boxes.True : JudgeCallers(key);
        }

        private Judgements? judgements;

        private bool JudgeCallers(IParameterSymbol parameter)
        {
            // A cycle of such methods handing the value round counts as not known.
            return (judgements ??= Judgements.For(types)).Judge(callersPassMemory, parameter, assumed: false, key =>
            {
                if (key.ContainingSymbol is not IMethodSymbol method
                    || PrivateCallers.Of(method.OriginalDefinition, types.Compilation, System.Threading.CancellationToken.None) is not { } calls)
                {
                    return false;
                }

                foreach (var call in calls)
                {
                    if (!PassesMemoryFor(call, key))
                    {
                        return false;
                    }
                }

                return true;
            });
        }

        private bool PassesMemoryFor(IInvocationOperation call, IParameterSymbol parameter)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { } target && target.OriginalDefinition.Ordinal == parameter.Ordinal)
                {
                    // A default value (an optional parameter left out) is no stream at all.
                    return argument.ArgumentKind == ArgumentKind.Explicit && HoldsInMemoryData(argument.Value, depth: 0);
                }
            }

            return false;
        }

        private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            for (var current = instance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access)
                {
                    return access;
                }
            }

            return null;
        }


        /// <summary>
        /// A method of this compilation that cannot be overridden and whose every <c>return</c> hands back data in memory
        /// (<c>var memory = new MemoryBlockStream(); ...; return memory;</c>), called or awaited.
        /// </summary>
        private bool ReturnsMemory(IInvocationOperation call, int depth)
        {
            var method = call.TargetMethod;
            if ((method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed
                || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, types.Compilation.Assembly)
                || call.SemanticModel is not { } model
                || SourceBodies.BodyOf(method, model) is not { } body)
            {
                return false;
            }

            var returns = 0;
            return PassThrough.EveryReturn(body, value =>
            {
                returns++;
                return HoldsInMemoryData(value, depth);
            }) && returns > 0;
        }

        /// <summary>
        /// A stream another library makes over the streams it is handed, when all of them are memory
        /// (<c>compressor.Open(memory)</c>, <c>generator.Open(compressed, ...)</c>): what it writes or reads is that memory.
        /// Not when the receiver is itself a stream (its own data is no argument).
        /// </summary>
        private bool WrapsOnlyMemory(IInvocationOperation call, int depth)
        {
            if (SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingAssembly, types.Compilation.Assembly)
                || (call.Instance?.Type is { } receiver && IsStreamLike(receiver)))
            {
                return false;
            }

            var streams = 0;
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.Type is { } type && IsStreamLike(type))
                {
                    if (!HoldsInMemoryData(argument.Value, depth))
                    {
                        return false;
                    }

                    streams++;
                }
            }

            return streams > 0;
        }

        private bool IsStreamLike(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if ((current.Name is "Stream" or "TextReader" or "TextWriter" && NamespaceNames.Is(current.ContainingNamespace, "System.IO"))
                    || (current.Name is "PipeReader" or "PipeWriter" && NamespaceNames.Is(current.ContainingNamespace, "System.IO.Pipelines")))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
