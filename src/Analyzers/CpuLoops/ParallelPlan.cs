using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>How a loop can run in parallel: its <see cref="Shape"/> (<see cref="ParallelShape.None"/>: it cannot), and an optional integer reduction.</summary>
    internal readonly struct ParallelPlan
    {
        public static readonly ParallelPlan None = new ParallelPlan(ParallelShape.None, null);

        public ParallelPlan(ParallelShape shape, string? reduction, ParallelReduction reductionKind = ParallelReduction.None)
        {
            Shape = shape;
            Reduction = reduction;
            ReductionKind = reductionKind;
        }

        public ParallelReduction ReductionKind { get; }

        public ParallelShape Shape { get; }

        public string? Reduction { get; }
    }
}
