using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC101's leaf in a synchronous helper: a blocking wait on a task that is not known to be complete. In a test project,
    /// a wait on a task the project under test handed out (<c>Lib.ConnectAsync(config).Wait(timeout)</c> in a fixture's
    /// synchronous <c>Create()</c>) is the synchronous use of that API, left alone like a call of its synchronous twin. The
    /// task must be made there, by the helper: one it is handed was made by a caller that could have awaited it.
    /// </summary>
    internal sealed class BlockingWaitDetector : IBlockingLeafDetector
    {
        private readonly TaskMembers members;
        private readonly BlockingCallExclusions exclusions;
        private readonly AnalyzerOptionsReader? options;

        public BlockingWaitDetector(TaskMembers members, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options)
        {
            this.members = members;
            exclusions = BlockingCallExclusions.For(members.Types);
            this.options = options is null ? null : new AnalyzerOptionsReader(options);
        }

        /// <inheritdoc/>
        /// <remarks>
        /// A task handed to the helper is not: the caller made it on an async path and hands it to a synchronous helper to
        /// block on (<c>Harness.AssertSuccess(queue.OfferAsync(1))</c>), where it could have awaited it.
        /// </remarks>
        public bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument) => false;

        /// <summary>In a test project (unless the option says otherwise), a task the project under test handed out.</summary>
        private bool IsOwnApiTaskInTests(IOperation task)
            => exclusions.IsTestProject
                && !(options?.For(task.Syntax.SyntaxTree) ?? BlockingCallOptions.Empty).ReportOwnSyncApisInTests
                && exclusions.IsHandedOutByApiUnderTest(task);

        public bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf)
        {
            leaf = default;
            if (!AwaitInsteadOfBlockingAnalyzer.TryMatch(operation, members, out var wait)
                || (wait.Task is not null && KnownCompleteTask.IsKnownComplete(wait.Task, wait.Site, members))
                || AwaitInsteadOfBlockingAnalyzer.IsAssertedToTimeOut(wait.Site, members)
                || (wait.Task is not null && IsOwnApiTaskInTests(wait.Task)))
            {
                return false;
            }

            var fix = wait.WrapsExceptions && AwaitInsteadOfBlockingAnalyzer.IsInsideAggregateExceptionHandler(wait.Site, members)
                ? BlockingWaitFix.None
                : wait.Fix;
            leaf = BlockingLeaf.Wait(wait.Call, fix);
            return true;
        }
    }
}
