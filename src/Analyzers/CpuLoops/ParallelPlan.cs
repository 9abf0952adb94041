using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>How a loop can run in parallel: <see cref="Shape"/> "for" or "foreach" (null: it cannot), and an optional integer sum.</summary>
    internal readonly struct ParallelPlan
    {
        public static readonly ParallelPlan None = new ParallelPlan(null, null);

        public ParallelPlan(string? shape, string? reduction, string? reductionKind = null)
        {
            Shape = shape;
            Reduction = reduction;
            ReductionKind = reductionKind;
        }

        /// <summary>"sum", "min" or "max".</summary>
        public string? ReductionKind { get; }

        public string? Shape { get; }

        public string? Reduction { get; }
    }
}
