using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Which modes of a dual-mode function run a given operation.</summary>
    internal enum DualModeReach
    {
        /// <summary>Both modes run it: a rewrite must keep the synchronous mode as it is.</summary>
        BothModes,

        /// <summary>Only the async mode runs it (inside <c>if (async)</c>, or after <c>if (!async) { ...; return; }</c>).</summary>
        AsyncOnly,

        /// <summary>Only the synchronous mode runs it: a synchronous path.</summary>
        SyncOnly,
    }

    internal static partial class DualMode
    {
        /// <summary>
        /// Which modes reach <paramref name="site"/> in a function whose flag is <paramref name="flag"/>: a branch of a condition testing the bare flag, or the statements after an early exit
        /// taken on the bare flag, runs in one mode only. Walks up to <paramref name="body"/> only.
        /// </summary>
        public static DualModeReach ReachOf(IOperation site, IOperation body, IMethodSymbol function, DualModeFlag flag)
        {
            var conditions = 0;
            var child = site;
            for (var parent = site.Parent; parent is not null && !ReferenceEquals(child, body) && conditions < MaxConditions; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        conditions++;
                        if (TestsFlag(conditional.Condition, function, flag) is { } negated)
                        {
                            // In the true branch the flag is !negated; in the false branch it is negated.
                            var flagValue = ReferenceEquals(child, conditional.WhenTrue) ? !negated : negated;
                            return flagValue == flag.AsyncWhen ? DualModeReach.AsyncOnly : DualModeReach.SyncOnly;
                        }

                        break;
                    case IBlockOperation block:
                        var index = IndexOf(block.Operations, child);
                        for (var i = index - 1; i >= 0 && conditions < MaxConditions; i--)
                        {
                            if (block.Operations[i] is ILabeledOperation)
                            {
                                break;
                            }

                            if (block.Operations[i] is IConditionalOperation { WhenFalse: null } early && AlwaysExits(early.WhenTrue))
                            {
                                conditions++;
                                if (TestsFlag(early.Condition, function, flag) is { } earlyNegated)
                                {
                                    // What follows runs when the condition was false: the flag is then earlyNegated.
                                    return earlyNegated == flag.AsyncWhen ? DualModeReach.AsyncOnly : DualModeReach.SyncOnly;
                                }
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return DualModeReach.BothModes;
                }
            }

            return DualModeReach.BothModes;
        }

        /// <summary>
        /// Whether the condition is the flag's test (false) or its negation (true); null for anything else. For an enum flag,
        /// a comparison with the other member of the two-valued enum is the negation.
        /// </summary>
        private static bool? TestsFlag(IOperation condition, IMethodSymbol function, DualModeFlag flag)
        {
            if (BareParameter(condition, function) is not { } tested || !SymbolEqualityComparer.Default.Equals(tested.Parameter, flag.Parameter))
            {
                return null;
            }

            if (flag.Member is null || tested.Member is null)
            {
                return flag.Member is null && tested.Member is null ? tested.Negated : null;
            }

            return SymbolEqualityComparer.Default.Equals(tested.Member, flag.Member) ? tested.Negated : !tested.Negated;
        }
    }
}
