using System.Collections.Immutable;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>ASYNC301: the <c>Parallel</c> loop the parallel fix writes, under <see cref="CpuLoopProperties.Parallel"/>.</summary>
    internal enum ParallelShape
    {
        /// <summary>The iterations are not proved independent: no parallel fix.</summary>
        None,

        /// <summary><c>Parallel.For</c> over the counter's range.</summary>
        For,

        /// <summary><c>Parallel.ForEach</c> over the collection.</summary>
        ForEach,
    }

    /// <summary>ASYNC301: how the parallel fix merges each worker's partial result, under <see cref="CpuLoopProperties.ReductionKind"/>.</summary>
    internal enum ParallelReduction
    {
        None,

        /// <summary><c>+=</c>, <c>-=</c>, <c>++</c>, <c>--</c>.</summary>
        Sum,

        /// <summary><c>x = Math.Min(x, e)</c>.</summary>
        Min,

        /// <summary><c>x = Math.Max(x, e)</c>.</summary>
        Max,
    }

    /// <summary>The ASYNC301 fix kinds as <c>Diagnostic.Properties</c> values, one spelling each, read and written here only.</summary>
    internal static class CpuLoopFixKinds
    {
        public static string? ToPropertyValue(this ParallelShape shape) => shape switch
        {
            ParallelShape.For => "for",
            ParallelShape.ForEach => "foreach",
            _ => null,
        };

        public static ParallelShape ParallelShapeOf(ImmutableDictionary<string, string?> properties)
        {
            properties.TryGetValue(CpuLoopProperties.Parallel, out var value);
            return value switch
            {
                "for" => ParallelShape.For,
                "foreach" => ParallelShape.ForEach,
                _ => ParallelShape.None,
            };
        }

        public static string? ToPropertyValue(this ParallelReduction reduction) => reduction switch
        {
            ParallelReduction.Sum => "sum",
            ParallelReduction.Min => "min",
            ParallelReduction.Max => "max",
            _ => null,
        };

        public static ParallelReduction ParallelReductionOf(ImmutableDictionary<string, string?> properties)
        {
            properties.TryGetValue(CpuLoopProperties.ReductionKind, out var value);
            return value switch
            {
                "sum" => ParallelReduction.Sum,
                "min" => ParallelReduction.Min,
                "max" => ParallelReduction.Max,
                _ => ParallelReduction.None,
            };
        }
    }
}
