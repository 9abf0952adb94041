using System.Text;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>How a synchronous method blocks: the first step of the shortest chain down to a blocking operation.</summary>
    internal sealed class BlockingChain
    {
        public BlockingChain(IMethodSymbol method, BlockingLeaf leaf, BlockingChain? next, int depth, int position, IOperation? firstCallSite = null, ISymbol? firstCallGuard = null, bool resetsFirstCallWork = false)
        {
            Method = method;
            Leaf = leaf;
            Next = next;
            Depth = depth;
            Position = position;
            if (firstCallSite is not null)
            {
                FirstCallSite = firstCallSite;
                FirstCallGuard = firstCallGuard;
                FirstCallStep = this;
            }
            else if (next?.FirstCallStep is { } inner && !resetsFirstCallWork)
            {
                // Below, work done only while a kept value is unset; unless this step sets it back on its own path (then
                // the work runs on every call of it), the chain blocks only on the first call.
                FirstCallSite = next.FirstCallSite;
                FirstCallGuard = next.FirstCallGuard;
                FirstCallStep = inner;
            }
        }

        /// <summary>
        /// Where the chain passes through first-call work (<see cref="FirstCallWork"/>), the nearest to <see cref="Method"/>:
        /// the guarded operation, in <see cref="FirstCallStep"/>'s method. Null for a chain that blocks on every call.
        /// </summary>
        public IOperation? FirstCallSite { get; }

        /// <summary>The kept value whose first setting <see cref="FirstCallSite"/> is (a field or auto-property, static or of the object).</summary>
        public ISymbol? FirstCallGuard { get; }

        /// <summary>The step whose method holds <see cref="FirstCallSite"/>; null for a chain that blocks on every call.</summary>
        public BlockingChain? FirstCallStep { get; }

        /// <summary>The method this step is in.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>The blocking operation at the end of the chain.</summary>
        public BlockingLeaf Leaf { get; }

        /// <summary>The callee the chain continues into; null when <see cref="Method"/> itself contains the leaf.</summary>
        public BlockingChain? Next { get; }

        /// <summary>Calls between <see cref="Method"/> and the leaf (0: the leaf is in this method).</summary>
        public int Depth { get; }

        /// <summary>Source position of the call or leaf inside <see cref="Method"/>: the tie-break that keeps chains deterministic.</summary>
        public int Position { get; }

        /// <summary>"Step -> Pause -> Thread.Sleep" (long chains keep the first steps and the leaf).</summary>
        public string Describe()
        {
            const int MaxSteps = 6;
            var builder = new StringBuilder();
            var steps = 0;
            for (var current = this; current is not null; current = current.Next)
            {
                if (steps == MaxSteps)
                {
                    builder.Append("... -> ");
                    break;
                }

                builder.Append(FunctionNames.Short(current.Method)).Append(" -> ");
                steps++;
            }

            return builder.Append(Leaf.Display).ToString();
        }
    }
}
