using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// The ASYNC301 thresholds, from <c>.editorconfig</c> (keys <c>async_analyzers.ASYNC301.*</c>). Parsed once per syntax
    /// tree per compilation by <see cref="OffloadCpuBoundLoopAnalyzer"/>; a missing or malformed value keeps the default.
    /// </summary>
    internal sealed class CpuLoopOptions
    {
        public const string Prefix = "async_analyzers.ASYNC301.";
        public const string LargeBoundKey = Prefix + "large_bound";
        public const string LinearMinWorkKey = Prefix + "linear_min_work";
        public const string QuadraticMinWorkKey = Prefix + "quadratic_min_work";
        public const string ConstantMinWorkKey = Prefix + "constant_min_work";
        public const string NestedMinWorkKey = Prefix + "nested_min_work";
        public const string ChildMinWorkKey = Prefix + "child_min_work";
        public const string CountedMinWorkKey = Prefix + "counted_min_work";
        public const string FixedPointIterationsKey = Prefix + "fixed_point_iterations";

        public static readonly CpuLoopOptions Default = new CpuLoopOptions(100_000, 200, 6, 10_000_000, 32, 8, 4, 8);

        public CpuLoopOptions(double largeBound, double linearMinWork, double quadraticMinWork, double constantMinWork, double nestedMinWork, double childMinWork, double countedMinWork, double fixedPointIterations)
        {
            LargeBound = largeBound;
            LinearMinWork = linearMinWork;
            QuadraticMinWork = quadraticMinWork;
            ConstantMinWork = constantMinWork;
            NestedMinWork = nestedMinWork;
            ChildMinWork = childMinWork;
            CountedMinWork = countedMinWork;
            FixedPointIterations = fixedPointIterations;
        }

        /// <summary>A constant iteration count at or above this counts as input-sized ("n").</summary>
        public double LargeBound { get; }

        /// <summary>Work per iteration a single input-sized loop needs to be reported.</summary>
        public double LinearMinWork { get; }

        /// <summary>Work per inner iteration two nested input-sized loops need to be reported (a loop whose bound depends on the outer one is always enough).</summary>
        public double QuadraticMinWork { get; }

        /// <summary>Total work a loop nest with only small constant bounds needs to be reported.</summary>
        public double ConstantMinWork { get; }

        /// <summary>Work per iteration an input-sized loop needs when an inner loop multiplies it (8 bit-steps per byte, a tokenizer over each line's characters).</summary>
        public double NestedMinWork { get; }

        /// <summary>
        /// Work per element an inner loop over a child collection (a line's characters) needs to count as nested work: walking
        /// orders and adding up their lines touches the input once, tokenizing each line's characters does real work per character.
        /// </summary>
        public double ChildMinWork { get; }

        /// <summary>Work per iteration a loop with a constant bound at or above <see cref="LargeBound"/> needs (its trip count is known, not guessed).</summary>
        public double CountedMinWork { get; }

        /// <summary>Rounds assumed for a loop that repeats until a flag it computes says stop (<c>do { ... } while (changed)</c>: k-means, relaxation).</summary>
        public double FixedPointIterations { get; }

        public static CpuLoopOptions Read(AnalyzerConfigOptions options)
        {
            var largeBound = ReadNumber(options, LargeBoundKey, Default.LargeBound);
            var linear = ReadNumber(options, LinearMinWorkKey, Default.LinearMinWork);
            var quadratic = ReadNumber(options, QuadraticMinWorkKey, Default.QuadraticMinWork);
            var constant = ReadNumber(options, ConstantMinWorkKey, Default.ConstantMinWork);
            var nested = ReadNumber(options, NestedMinWorkKey, Default.NestedMinWork);
            var child = ReadNumber(options, ChildMinWorkKey, Default.ChildMinWork);
            var counted = ReadNumber(options, CountedMinWorkKey, Default.CountedMinWork);
            var fixedPoint = ReadNumber(options, FixedPointIterationsKey, Default.FixedPointIterations);
            if (largeBound == Default.LargeBound && linear == Default.LinearMinWork && quadratic == Default.QuadraticMinWork && constant == Default.ConstantMinWork
                && nested == Default.NestedMinWork && child == Default.ChildMinWork && counted == Default.CountedMinWork && fixedPoint == Default.FixedPointIterations)
            {
                return Default;
            }

            return new CpuLoopOptions(largeBound, linear, quadratic, constant, nested, child, counted, fixedPoint);
        }

        private static double ReadNumber(AnalyzerConfigOptions options, string key, double fallback)
        {
            if (options.TryGetValue(key, out var text)
                && double.TryParse(text.Trim().Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value > 0)
            {
                return value;
            }

            return fallback;
        }
    }
}
