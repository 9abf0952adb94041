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

        public static readonly CpuLoopOptions Default = new CpuLoopOptions(100_000, 200, 6, 10_000_000);

        public CpuLoopOptions(double largeBound, double linearMinWork, double quadraticMinWork, double constantMinWork)
        {
            LargeBound = largeBound;
            LinearMinWork = linearMinWork;
            QuadraticMinWork = quadraticMinWork;
            ConstantMinWork = constantMinWork;
        }

        /// <summary>A constant iteration count at or above this counts as input-sized ("n").</summary>
        public double LargeBound { get; }

        /// <summary>Work per iteration a single input-sized loop needs to be reported.</summary>
        public double LinearMinWork { get; }

        /// <summary>Work per inner iteration two nested input-sized loops need to be reported (a loop whose bound depends on the outer one is always enough).</summary>
        public double QuadraticMinWork { get; }

        /// <summary>Total work a loop nest with only small constant bounds needs to be reported.</summary>
        public double ConstantMinWork { get; }

        public static CpuLoopOptions Read(AnalyzerConfigOptions options)
        {
            var largeBound = ReadNumber(options, LargeBoundKey, Default.LargeBound);
            var linear = ReadNumber(options, LinearMinWorkKey, Default.LinearMinWork);
            var quadratic = ReadNumber(options, QuadraticMinWorkKey, Default.QuadraticMinWork);
            var constant = ReadNumber(options, ConstantMinWorkKey, Default.ConstantMinWork);
            if (largeBound == Default.LargeBound && linear == Default.LinearMinWork && quadratic == Default.QuadraticMinWork && constant == Default.ConstantMinWork)
            {
                return Default;
            }

            return new CpuLoopOptions(largeBound, linear, quadratic, constant);
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
