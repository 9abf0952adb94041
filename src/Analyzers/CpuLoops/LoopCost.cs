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

        public LoopBound(LoopBoundKind kind, double count, bool dependent, bool counted = false, bool child = false, bool search = false)
        {
            Kind = kind;
            Count = count;
            Dependent = dependent;
            Counted = counted;
            Child = child;
            Search = search;
        }

        public LoopBoundKind Kind { get; }

        /// <summary>The iteration count of a small bound.</summary>
        public double Count { get; }

        /// <summary>True when the bound depends on an enclosing loop's counter (<c>j &lt; i</c>, <c>j = i * i</c>): the nest is superlinear in one input.</summary>
        public bool Dependent { get; }

        /// <summary>True for a large bound that is a constant (<c>i &lt; 1_000_000</c>, a named <c>const</c>): the loop is known to run that often.</summary>
        public bool Counted { get; }

        /// <summary>True for a small bound that is a child collection (a line's characters, an order's lines), not a constant.</summary>
        public bool Child { get; }

        /// <summary>True for a worklist the loop both drains and feeds (a graph search): it generates its own work.</summary>
        public bool Search { get; }

        public static LoopBound Small(double count) => new LoopBound(LoopBoundKind.Small, count, false);

        public static LoopBound ChildCollection(double count) => new LoopBound(LoopBoundKind.Small, count, false, child: true);

        public static LoopBound Worklist(bool feeds) => new LoopBound(LoopBoundKind.Large, 1, false, search: feeds);

        public static LoopBound Large(bool dependent) => new LoopBound(LoopBoundKind.Large, 1, dependent);

        public static LoopBound LargeConstant() => new LoopBound(LoopBoundKind.Large, 1, false, counted: true);

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

            return new LoopBound(LoopBoundKind.Large, 1, a.Dependent || b.Dependent, a.Counted || b.Counted);
        }
    }

    /// <summary>
    /// Estimated work as <c>Factor * n^Degree</c>: <c>n</c> is "input-sized", <c>Factor</c> the work of one innermost
    /// iteration times the small constant bounds around it. Lower-degree terms are dropped when added to higher ones.
    /// </summary>
    internal readonly struct LoopCost
    {
        public static readonly LoopCost Zero = new LoopCost(0, 0, false);

        public LoopCost(int degree, double factor, bool dependent, bool nested = false, bool counted = false)
        {
            Degree = degree;
            Factor = factor;
            Dependent = dependent;
            Nested = nested;
            Counted = counted;
        }

        public int Degree { get; }

        public double Factor { get; }

        public bool Dependent { get; }

        /// <summary>True when an inner loop multiplies the work of one iteration (a CRC's 8 bit-steps per byte, a line's characters).</summary>
        public bool Nested { get; }

        /// <summary>True when the outermost input-sized loop has a constant bound at or above the large bound: its trip count is known.</summary>
        public bool Counted { get; }

        public static LoopCost Work(double weight) => new LoopCost(0, weight, false);

        public LoopCost Add(LoopCost other)
        {
            if (Degree > other.Degree)
            {
                return new LoopCost(Degree, Factor, Dependent || other.Dependent, Nested, Counted);
            }

            if (other.Degree > Degree)
            {
                return new LoopCost(other.Degree, other.Factor, Dependent || other.Dependent, other.Nested, other.Counted);
            }

            return new LoopCost(Degree, Factor + other.Factor, Dependent || other.Dependent, Nested || other.Nested, Counted || other.Counted);
        }

        public LoopCost Times(LoopBound bound)
        {
            switch (bound.Kind)
            {
                case LoopBoundKind.Large:
                    return new LoopCost(Degree + 1, Factor, Dependent || bound.Dependent, Nested || (bound.Search && Degree == 0), bound.Counted && Degree == 0);
                case LoopBoundKind.Small:
                    return new LoopCost(Degree, Factor * bound.Count, Dependent || bound.Dependent, Nested || (bound.Count >= 2 && !bound.Child), Counted);
                default:
                    return this;
            }
        }

        public LoopCost WithDependent() => new LoopCost(Degree, Factor, true, Nested, Counted);

        public LoopCost WithNested() => new LoopCost(Degree, Factor, Dependent, true, Counted);

        /// <summary>
        /// A called helper's loops run over what the call hands them (one element's data, not the caller's input): each
        /// input-sized loop of the helper counts as a child collection of <paramref name="childSize"/> iterations.
        /// </summary>
        public LoopCost AsChildWork(double childSize, double childMinWork)
        {
            var factor = Factor;
            for (var i = 0; i < Degree; i++)
            {
                factor *= childSize;
            }

            return new LoopCost(0, factor, false, Nested || (Degree > 0 && Factor >= childMinWork), false);
        }

        public bool IsHeavy(CpuLoopOptions options)
        {
            switch (Degree)
            {
                case 0:
                    return Factor >= options.ConstantMinWork;
                case 1:
                    return Factor >= options.LinearMinWork
                        || (Nested && Factor >= options.NestedMinWork)
                        || (Counted && Factor >= options.CountedMinWork);
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
