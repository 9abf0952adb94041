using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>A place in a helper's body that blocks: a blocking operation (<see cref="Callee"/> null) or a call to a blocking helper.</summary>
    internal readonly struct BlockingSite
    {
        public BlockingSite(IOperation operation, BlockingLeaf leaf, IMethodSymbol? callee)
        {
            Operation = operation;
            Leaf = leaf;
            Callee = callee;
        }

        public IOperation Operation { get; }

        public BlockingLeaf Leaf { get; }

        public IMethodSymbol? Callee { get; }

        public bool IsLeaf => Callee is null;
    }
}
