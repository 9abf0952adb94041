using System.Collections.Concurrent;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC107's findings, gathered while the compilation is analyzed: for each place where first-call work blocks, the
    /// async call sites that reach it. Reported at the end of the compilation, once per place, naming the first call site in
    /// file and position order (the same whatever order the call sites were analyzed in). Safe for concurrent use.
    /// </summary>
    internal sealed class FirstCallReports
    {
        private readonly ConcurrentDictionary<Location, Entry> entries = new();

        public void Add(BlockingChain chain, IOperation callSite, IMethodSymbol? function)
        {
            if (chain.FirstCallSite is not { } site || chain.FirstCallStep is not { } step)
            {
                return;
            }

            var entry = entries.GetOrAdd(site.Syntax.GetLocation(), _ => new Entry(step));
            entry.Add(callSite.Syntax.GetLocation(), function);
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var pair in entries)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var location = pair.Key;
                var entry = pair.Value;
                if (location.SourceTree is not { } tree || GeneratedCode.IsGenerated(tree, context.Compilation, context.CancellationToken)
                    || GeneratedCode.IsMarkedGenerated(entry.Step.Method))
                {
                    continue;
                }

                var resetters = entry.Step.FirstCallGuard is { } guard && entry.Step.FirstCallSite is { } site
                    ? FirstCallWork.ResettersOf(guard, site.Syntax)
                    : new System.Collections.Generic.List<string>();
                context.ReportVisible(Diagnostic.Create(
                    Descriptors.MakeFirstCallWorkAsync,
                    location,
                    FunctionNames.Short(entry.Step.Method),
                    DescribeWhen(entry.Step.FirstCallGuard, resetters),
                    entry.DescribeCallers(),
                    entry.Step.Describe(),
                    resetters.Count == 0 ? " or before the async path starts" : string.Empty));
            }
        }

        /// <summary>
        /// "the first time it runs", or, when other members set the kept value back to unset, "each time it runs with
        /// '_bound' unset (the first time, and after 'Write' resets it)".
        /// </summary>
        private static string DescribeWhen(ISymbol? guard, System.Collections.Generic.List<string> resetters)
        {
            if (guard is null || resetters.Count == 0)
            {
                return "the first time it runs";
            }

            var text = new System.Text.StringBuilder("each time it runs with '").Append(guard.Name).Append("' unset (the first time, and after ")
                .Append(resetters[0]);
            switch (resetters.Count)
            {
                case 1:
                    text.Append(" resets it)");
                    break;
                case 2:
                    text.Append(" or ").Append(resetters[1]).Append(" resets it)");
                    break;
                default:
                    var more = resetters.Count - 2;
                    text.Append(", ").Append(resetters[1]).Append(" or ").Append(more.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .Append(more == 1 ? " more member resets it)" : " more members reset it)");
                    break;
            }

            return text.ToString();
        }

        private sealed class Entry
        {
            private readonly object gate = new();
            private Location? firstCaller;
            private IMethodSymbol? firstFunction;
            private int callers;

            public Entry(BlockingChain step)
            {
                Step = step;
            }

            public BlockingChain Step { get; }

            public void Add(Location caller, IMethodSymbol? function)
            {
                lock (gate)
                {
                    callers++;
                    if (firstCaller is null || Precedes(caller, firstCaller))
                    {
                        firstCaller = caller;
                        firstFunction = function;
                    }
                }
            }

            /// <summary>"the async path of 'Load' reaches it", or "the async paths of 'Load' and 2 more call sites reach it".</summary>
            public string DescribeCallers()
            {
                lock (gate)
                {
                    var name = FunctionNames.Describe(firstFunction);
                    return callers <= 1
                        ? "the async path of " + name + " reaches it"
                        : "the async paths of " + name + " and " + (callers - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                            + (callers == 2 ? " more call site reach it" : " more call sites reach it");
                }
            }

            private static bool Precedes(Location candidate, Location current)
            {
                var byPath = string.CompareOrdinal(candidate.SourceTree?.FilePath, current.SourceTree?.FilePath);
                return byPath != 0 ? byPath < 0 : candidate.SourceSpan.Start < current.SourceSpan.Start;
            }
        }
    }
}
