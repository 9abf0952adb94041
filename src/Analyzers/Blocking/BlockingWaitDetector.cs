using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC101's leaf: a blocking wait on a task that is not known to be complete.</summary>
    internal sealed class BlockingWaitDetector : IBlockingLeafDetector
    {
        private readonly TaskMembers members;

        public BlockingWaitDetector(TaskMembers members)
        {
            this.members = members;
        }

        /// <inheritdoc/>
        public bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument) => false;

        public bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf)
        {
            leaf = default;
            if (!AwaitInsteadOfBlockingAnalyzer.TryMatch(operation, members, out var wait)
                || (wait.Task is not null && KnownCompleteTask.IsKnownComplete(wait.Task, wait.Site, members))
                || AwaitInsteadOfBlockingAnalyzer.IsAssertedToTimeOut(wait.Site, members))
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
