using System.Collections.Concurrent;
using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        private readonly ConcurrentDictionary<IParameterSymbol, object> callersPassMemory = new(SymbolEqualityComparer.Default);

        // The parameters being judged on this thread: private methods that hand the value round in a cycle.
        private readonly System.Threading.ThreadLocal<HashSet<IParameterSymbol>> parametersInProgress = new(() => new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default));

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
            const int MaxDepth = 4;
            var current = value?.WalkDownConversion();
            if (current is null || depth > MaxDepth)
            {
                return false;
            }

            if (IsInMemory(current.Type))
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
                case IPropertyReferenceOperation { Property: { Name: "Reader" or "Writer", IsStatic: false } property }
                    when property.ContainingType is { Name: "Pipe" } pipe && NamespaceNames.Is(pipe.ContainingNamespace, "System.IO.Pipelines"):
                    // The two ends of a Pipe are memory: Complete and Flush only signal the other end, nothing is written out.
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A parameter of a method only its own type can call (private, or a local function) whose every caller passes data
        /// in memory: <c>CopyToAsync(pipe.Reader, pipe.Writer, ...)</c> from the constructor that made the <c>Pipe</c>. Judged
        /// once per parameter; a cycle of such methods handing the value round counts as not known.
        /// </summary>
        private bool EveryCallerPassesMemory(IParameterSymbol parameter)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            var key = parameter.OriginalDefinition;
            if (callersPassMemory.TryGetValue(key, out var known))
            {
                return known == Boxes.True;
            }

            var inProgress = parametersInProgress.Value!;
            if (!inProgress.Add(key))
            {
                return false;
            }

            try
            {
                var result = false;
                if (PrivateCallers.Of(method.OriginalDefinition, types.Compilation, System.Threading.CancellationToken.None) is { } calls)
                {
                    result = true;
                    foreach (var call in calls)
                    {
                        if (!PassesMemoryFor(call, key))
                        {
                            result = false;
                            break;
                        }
                    }
                }

                if (inProgress.Count == 1)
                {
                    callersPassMemory.TryAdd(key, Boxes.Of(result));
                }

                return result;
            }
            finally
            {
                inProgress.Remove(key);
            }
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
