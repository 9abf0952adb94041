using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingSummary
    {
        // Answers of HasNoBlockingSite (Boxes): a property of the code alone, whatever else was asked before. Object values:
        // a dictionary over a value type is JIT-compiled anew in every compiler process.
        private readonly ConcurrentDictionary<IMethodSymbol, object> blocksNowhere = new(SymbolEqualityComparer.Default);

        private sealed class ReachNode
        {
            public ReachNode(List<IMethodSymbol> callees, int index)
            {
                Callees = callees;
                Index = index;
                LowLink = index;
            }

            public List<IMethodSymbol> Callees { get; }

            public int Index { get; }

            public int LowLink { get; set; }

            public int NextCallee { get; set; }

            public bool OnStack { get; set; }
        }

        /// <summary>
        /// True when no blocking operation can be reached from <paramref name="method"/> through the calls in its body and in
        /// its callees' bodies, read without the argument look-ahead (<see cref="CollectEdges"/> with <c>lookAhead: false</c>):
        /// a character scan or a formatting helper that a writing helper calls. Used while summaries are being computed, so
        /// it never reads them: the answer is a property of the code alone, not of which summaries happen to be known already
        /// (under concurrent analysis that order changes from run to run). Tarjan's algorithm, iteratively; a component whose
        /// walk closed without meeting a blocking operation is remembered as blocking nowhere, and every method on the walk's
        /// path to one that blocks is remembered as blocking.
        /// </summary>
        private bool HasNoBlockingSite(IMethodSymbol root, CancellationToken cancellationToken)
        {
            if (blocksNowhere.TryGetValue(root, out var known))
            {
                return known == Boxes.True;
            }

            var nodes = new Dictionary<IMethodSymbol, ReachNode>(SymbolEqualityComparer.Default);
            var stack = new Stack<IMethodSymbol>();
            var path = new Stack<IMethodSymbol>();
            var pending = new Stack<IOperation>();
            var nextIndex = 0;

            // False when the method's own body blocks: the walk stops there.
            bool Open(IMethodSymbol method)
            {
                var callees = new List<IMethodSymbol>();
                foreach (var edge in CollectEdges(method, pending, cancellationToken, lookAhead: false))
                {
                    if (edge.Kind == EdgeKind.Leaf)
                    {
                        return false;
                    }

                    callees.Add(edge.Callee!);
                }

                var node = new ReachNode(callees, nextIndex++) { OnStack = true };
                nodes.Add(method, node);
                stack.Push(method);
                path.Push(method);
                return true;
            }

            bool Blocks()
            {
                foreach (var onPath in path)
                {
                    blocksNowhere.TryAdd(onPath, Boxes.False);
                }

                return false;
            }

            if (!Open(root))
            {
                blocksNowhere.TryAdd(root, Boxes.False);
                return false;
            }

            while (path.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var method = path.Peek();
                var node = nodes[method];
                if (node.NextCallee < node.Callees.Count)
                {
                    var callee = node.Callees[node.NextCallee++];
                    if (blocksNowhere.TryGetValue(callee, out var calleeAnswer))
                    {
                        if (calleeAnswer != Boxes.True)
                        {
                            return Blocks();
                        }
                    }
                    else if (nodes.TryGetValue(callee, out var seen))
                    {
                        if (seen.OnStack)
                        {
                            node.LowLink = System.Math.Min(node.LowLink, seen.Index);
                        }
                    }
                    else if (!Open(callee))
                    {
                        blocksNowhere.TryAdd(callee, Boxes.False);
                        return Blocks();
                    }

                    continue;
                }

                path.Pop();
                if (path.Count > 0)
                {
                    var caller = nodes[path.Peek()];
                    caller.LowLink = System.Math.Min(caller.LowLink, node.LowLink);
                }

                if (node.LowLink == node.Index)
                {
                    // A closed component that met no blocking operation: nothing it reaches blocks.
                    IMethodSymbol member;
                    do
                    {
                        member = stack.Pop();
                        nodes[member].OnStack = false;
                        blocksNowhere.TryAdd(member, Boxes.True);
                    }
                    while (!SymbolEqualityComparer.Default.Equals(member, method));
                }
            }

            return blocksNowhere[root] == Boxes.True;
        }
    }
}
