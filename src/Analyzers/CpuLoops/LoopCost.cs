using System.Globalization;

namespace AsyncAnalyzers.CpuLoops
{
    internal enum LoopBoundKind
    {
        /// <summary>No counter compared with a limit (<c>while (true)</c>, <c>while (!done)</c>, worklists): retry, polling and event loops look like this.</summary>
        Unknown,

        /// <summary>A constant below <see cref="CpuLoopOptions.LargeBound"/>, or a child collection of an enclosing loop's element.</summary>
        Small,

        /// <summary>Depends on input (a parameter, a field, a collection's length) or is a constant at or above the large bound.</summary>
        Large,
    }

    /// <summary>How many times a loop runs, as far as its header tells.</summary>
    internal readonly struct LoopBound
    {
        public static readonly LoopBound Unknown = new LoopBound(LoopBoundKind.Unknown, 1, false);

        public LoopBound(LoopBoundKind kind, double count, bool dependent)
        {
            Kind = kind;
            Count = count;
            Dependent = dependent;
        }

        public LoopBoundKind Kind { get; }

        /// <summary>The iteration count of a small bound.</summary>
        public double Count { get; }

        /// <summary>True when the bound depends on an enclosing loop's counter (<c>j &lt; i</c>, <c>j = i * i</c>): the nest is superlinear in one input.</summary>
        public bool Dependent { get; }

        public static LoopBound Small(double count) => new LoopBound(LoopBoundKind.Small, count, false);

        public static LoopBound Large(bool dependent) => new LoopBound(LoopBoundKind.Large, 1, dependent);

        /// <summary>The tighter of two bounds of one loop (conditions joined by <c>&amp;&amp;</c>).</summary>
        public static LoopBound Tighter(LoopBound a, LoopBound b)
        {
            if (a.Kind == LoopBoundKind.Unknown)
            {
                return b;
            }

            if (b.Kind == LoopBoundKind.Unknown)
            {
                return a;
            }

            if (a.Kind == LoopBoundKind.Small && b.Kind == LoopBoundKind.Small)
            {
                return a.Count <= b.Count ? a : b;
            }

            if (a.Kind == LoopBoundKind.Small)
            {
                return a;
            }

            if (b.Kind == LoopBoundKind.Small)
            {
                return b;
            }

            return Large(a.Dependent || b.Dependent);
        }
    }

    /// <summary>
    /// Estimated work as <c>Factor * n^Degree</c>: <c>n</c> is "input-sized", <c>Factor</c> the work of one innermost
    /// iteration times the small constant bounds around it. Lower-degree terms are dropped when added to higher ones.
    /// </summary>
    internal readonly struct LoopCost
    {
        public static readonly LoopCost Zero = new LoopCost(0, 0, false);

        public LoopCost(int degree, double factor, bool dependent)
        {
            Degree = degree;
            Factor = factor;
            Dependent = dependent;
        }

        public int Degree { get; }

        public double Factor { get; }

        public bool Dependent { get; }

        public static LoopCost Work(double weight) => new LoopCost(0, weight, false);

        public LoopCost Add(LoopCost other)
        {
            if (Degree > other.Degree)
            {
                return new LoopCost(Degree, Factor, Dependent || other.Dependent);
            }

            if (other.Degree > Degree)
            {
                return new LoopCost(other.Degree, other.Factor, Dependent || other.Dependent);
            }

            return new LoopCost(Degree, Factor + other.Factor, Dependent || other.Dependent);
        }

        public LoopCost Times(LoopBound bound)
        {
            switch (bound.Kind)
            {
                case LoopBoundKind.Large:
                    return new LoopCost(Degree + 1, Factor, Dependent || bound.Dependent);
                case LoopBoundKind.Small:
                    return new LoopCost(Degree, Factor * bound.Count, Dependent || bound.Dependent);
                default:
                    return this;
            }
        }

        public LoopCost WithDependent() => new LoopCost(Degree, Factor, true);

        public bool IsHeavy(CpuLoopOptions options)
        {
            switch (Degree)
            {
                case 0:
                    return Factor >= options.ConstantMinWork;
                case 1:
                    return Factor >= options.LinearMinWork;
                case 2:
                    return Factor >= 1 && (Dependent || Factor >= options.QuadraticMinWork);
                default:
                    return Factor >= 1;
            }
        }

        /// <summary>"O(n²)", or "about 12,000,000 operations" for a nest with constant bounds only.</summary>
        public string Display()
        {
            switch (Degree)
            {
                case 0:
                    return "about " + Factor.ToString("N0", CultureInfo.InvariantCulture) + " operations";
                case 1:
                    return "O(n)";
                case 2:
                    return "O(n²)";
                case 3:
                    return "O(n³)";
                default:
                    return "O(n^" + Degree.ToString(CultureInfo.InvariantCulture) + ")";
            }
        }
    }
}
