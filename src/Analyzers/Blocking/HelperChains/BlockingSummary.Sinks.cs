using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingSummary
    {
        // Per type of the compilation: whether it is a writer, reader or stream whose own overrides block on nothing.
        private readonly ConcurrentDictionary<INamedTypeSymbol, object> sinks = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// The class a synchronous reader, writer or stream call runs on, when that class is declared in this compilation and
        /// derives straight from <c>TextWriter</c>, <c>TextReader</c> or <c>Stream</c>: the receiver's static type, or the
        /// calling class itself for <c>this.Write(...)</c> and <c>base.WriteLine(...)</c>. Null for everything else, with no
        /// binding: the first filter before <see cref="IsMemorySink"/>.
        /// </summary>
        public static INamedTypeSymbol? SinkCandidate(IOperation? receiver, ISymbol? containingSymbol, Compilation compilation)
        {
            var type = receiver?.WalkDownConversion() switch
            {
                null => null,
                IInstanceReferenceOperation => containingSymbol?.ContainingType,
                var value => value.Type as INamedTypeSymbol,
            };

            return SinkCandidate(type, compilation);
        }

        /// <summary><see cref="SinkCandidate(IOperation?, ISymbol?, Compilation)"/> for a type already known.</summary>
        public static INamedTypeSymbol? SinkCandidate(INamedTypeSymbol? type, Compilation compilation)
        {
            if (type is not { TypeKind: TypeKind.Class, IsAbstract: false }
                || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            return FrameworkBase(type, compilation) is { } framework && IsSinkBase(framework) ? type.OriginalDefinition : null;
        }

        /// <summary>
        /// True when <paramref name="type"/> (a <see cref="SinkCandidate"/>) writes and reads only memory, or whatever its
        /// overrides do without blocking: a <c>TextWriter</c> that buffers into a <c>StringBuilder</c> and hands lines to a test
        /// framework's output, a <c>Stream</c> over an array. Every override the class and its own bases declare (other than
        /// the async ones, which a synchronous call never runs) is summarized like any helper; one that blocks (a write to an
        /// inner <c>FileStream</c>, a socket send) makes the class a real sink, and its synchronous calls stay findings.
        /// </summary>
        public bool IsMemorySink(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            return sinks.TryGetValue(type, out var known) ? known == Boxes.True : JudgeSink(type, cancellationToken);
        }

        private bool JudgeSink(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // Reached again from its own overrides: what they call on the class is the rest of the judgement.
            return (judgements ??= Judgements.For(types)).Judge(sinks, type, assumed: true, t => OverridesBlockOnNothing(t, cancellationToken));
        }

        private Judgements? judgements;

        private bool OverridesBlockOnNothing(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // Judged with a summary of its own, dropped afterwards: while the judgement runs, the class's calls on itself
            // (base.WriteLine inside its overrides) are taken to be harmless, and nothing computed under that assumption may
            // stay in the shared summary, or its answers would depend on which question was asked first.
            var judge = new BlockingSummary(compilation, types, detectors);
            for (var current = type; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, compilation.Assembly); current = current.BaseType)
            {
                // A DisposeAsync of its own (an upload on close) is work the synchronous Dispose does not do: not memory.
                if (!current.GetMembers("DisposeAsync").IsEmpty)
                {
                    return false;
                }

                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { IsOverride: true, MethodKind: MethodKind.Ordinary, IsAsync: false } method
                        && !method.Name.EndsWith("Async", System.StringComparison.Ordinal)
                        && method.Name is not ("ToString" or "Equals" or "GetHashCode")
                        && judge.GetChain(method, cancellationToken) is not null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static INamedTypeSymbol? FrameworkBase(INamedTypeSymbol type, Compilation compilation)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (!SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, compilation.Assembly))
                {
                    return current;
                }
            }

            return null;
        }

        private static bool IsSinkBase(INamedTypeSymbol type)
            => type.Name is "TextWriter" or "TextReader" or "Stream" && type.Arity == 0 && NamespaceNames.Is(type.ContainingNamespace, "System.IO");
    }
}
