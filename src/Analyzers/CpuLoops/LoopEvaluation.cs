using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>The verdict on one loop: is it pure computation, how often does it run, what does it cost.</summary>
    internal readonly struct LoopEvaluation
    {
        public LoopEvaluation(bool isComputationOnly, LoopBound bound, LoopCost cost)
        {
            IsComputationOnly = isComputationOnly;
            Bound = bound;
            Cost = cost;
        }

        /// <summary>False when the loop awaits, calls async or I/O APIs, waits, locks, catches or yields.</summary>
        public bool IsComputationOnly { get; }

        public LoopBound Bound { get; }

        public LoopCost Cost { get; }

        public bool IsHeavy(CpuLoopOptions options)
            => IsComputationOnly && Bound.Kind != LoopBoundKind.Unknown && Cost.IsHeavy(options);
    }
}
