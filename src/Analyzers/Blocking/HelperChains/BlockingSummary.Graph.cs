using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingSummary
    {
        private enum EdgeKind
        {
            Leaf,
            Call,
        }

        // A class, not a struct: List<Edge> and its sort then use the framework's precompiled shared code instead of being
        // JIT-compiled in every fresh compiler process.
        private sealed class Edge
        {
            public Edge(EdgeKind kind, IOperation operation, BlockingLeaf leaf, IMethodSymbol? callee)
            {
                Kind = kind;
                Operation = operation;
                Position = operation.Syntax.SpanStart;
                Leaf = leaf;
                Callee = callee;
            }

            private ISymbol? firstCallGuard;
            private bool firstCallKnown;

            /// <summary>
            /// The kept value that makes the edge run only on the method's first call per object (<see cref="FirstCallWork"/>);
            /// null when it runs on every call. Worked out when the summary asks, not for the edges a look-ahead collects.
            /// </summary>
            public ISymbol? FirstCallGuard
            {
                get
                {
                    if (!firstCallKnown)
                    {
                        firstCallGuard = FirstCallWork.GuardOf(Operation);
                        firstCallKnown = true;
                    }

                    return firstCallGuard;
                }
            }

            public bool FirstCallOnly => FirstCallGuard is not null;

            public IOperation Operation { get; }

            public EdgeKind Kind { get; }

            public int Position { get; }

            public BlockingLeaf Leaf { get; }

            public IMethodSymbol? Callee { get; }
        }

        private sealed class Node
        {
            public Node(IMethodSymbol method, List<Edge> edges, int index)
            {
                Method = method;
                Edges = edges;
                Index = index;
                LowLink = index;
            }

            public IMethodSymbol Method { get; }

            public List<Edge> Edges { get; }

            public int Index { get; }

            public int LowLink { get; set; }

            public int NextEdge { get; set; }

            public bool OnStack { get; set; }

            public BlockingChain? Best { get; set; }
        }

        /// <summary>Tarjan's algorithm from <paramref name="root"/>, iteratively; finalizes each component as it closes.</summary>
        private void Compute(IMethodSymbol root, CancellationToken cancellationToken)
        {
            var nodes = new Dictionary<IMethodSymbol, Node>(SymbolEqualityComparer.Default);
            var stack = new Stack<Node>();
            var callStack = new Stack<Node>();
            var pending = new Stack<IOperation>();
            var nextIndex = 0;

            Node Open(IMethodSymbol method)
            {
                var node = new Node(method, CollectEdges(method, pending, cancellationToken), nextIndex++);
                nodes.Add(method, node);
                stack.Push(node);
                node.OnStack = true;
                callStack.Push(node);
                return node;
            }

            Open(root);
            while (callStack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var node = callStack.Peek();
                if (node.NextEdge < node.Edges.Count)
                {
                    var edge = node.Edges[node.NextEdge++];
                    if (edge.Kind != EdgeKind.Call || results.ContainsKey(edge.Callee!))
                    {
                        continue;
                    }

                    if (!nodes.TryGetValue(edge.Callee!, out var callee))
                    {
                        Open(edge.Callee!);
                    }
                    else if (callee.OnStack)
                    {
                        node.LowLink = System.Math.Min(node.LowLink, callee.Index);
                    }

                    continue;
                }

                callStack.Pop();
                if (callStack.Count > 0)
                {
                    var caller = callStack.Peek();
                    caller.LowLink = System.Math.Min(caller.LowLink, node.LowLink);
                }

                if (node.LowLink == node.Index)
                {
                    var component = new List<Node>();
                    Node member;
                    do
                    {
                        member = stack.Pop();
                        member.OnStack = false;
                        component.Add(member);
                    }
                    while (member != node);

                    Finalize(component, nodes);
                }
            }
        }

        /// <summary>The step sets the kept value of the first-call work below it back to unset, so the work runs on every call of it.</summary>
        private static bool ResetsFirstCallWork(IMethodSymbol method, BlockingChain callee)
            => callee.FirstCallGuard is { } guard && FirstCallWork.ResetsOnItsPath(method, guard);

        /// <summary>Shortest chain for every member of a closed component; callees outside it are final already.</summary>
        private void Finalize(List<Node> component, Dictionary<IMethodSymbol, Node> nodes)
        {
            bool changed;
            do
            {
                changed = false;
                foreach (var node in component)
                {
                    foreach (var edge in node.Edges)
                    {
                        BlockingChain? candidate = null;
                        if (edge.Kind == EdgeKind.Leaf)
                        {
                            candidate = new BlockingChain(node.Method, edge.Leaf, null, 0, edge.Position, FirstCallSiteOf(edge), edge.FirstCallGuard);
                        }
                        else if (results.TryGetValue(edge.Callee!, out var final))
                        {
                            if (final is BlockingChain calleeChain)
                            {
                                candidate = new BlockingChain(node.Method, calleeChain.Leaf, calleeChain, calleeChain.Depth + 1, edge.Position, FirstCallSiteOf(edge), edge.FirstCallGuard, ResetsFirstCallWork(node.Method, calleeChain));
                            }
                        }
                        else if (nodes.TryGetValue(edge.Callee!, out var sibling) && sibling.Best is { } siblingChain)
                        {
                            candidate = new BlockingChain(node.Method, siblingChain.Leaf, siblingChain, siblingChain.Depth + 1, edge.Position, FirstCallSiteOf(edge), edge.FirstCallGuard, ResetsFirstCallWork(node.Method, siblingChain));
                        }

                        if (candidate is not null && IsBetter(candidate, node.Best))
                        {
                            node.Best = candidate;
                            changed = true;
                        }
                    }
                }
            }
            while (changed);

            foreach (var node in component)
            {
                results.TryAdd(node.Method, (object?)node.Best ?? NotBlocking);
            }
        }

        private static IOperation? FirstCallSiteOf(Edge edge) => edge.FirstCallOnly ? edge.Operation : null;

        /// <summary>
        /// A chain that does not end in a test helper's fixture file over one that does; a chain that blocks on every call over
        /// one that blocks only through first-call work; then the shorter chain; at equal length, one that ends in a blocking call or wait over one that ends in a disposal (the
        /// message should name the I/O, not the <c>using</c> around it), then the earlier in source.
        /// </summary>
        private static bool IsBetter(BlockingChain candidate, BlockingChain? current)
        {
            if (current is null)
            {
                return true;
            }

            // Any other chain over one into a test helper's fixture file, which ASYNC105 passes over.
            if (candidate.Leaf.IsFixtureFile != current.Leaf.IsFixtureFile)
            {
                return !candidate.Leaf.IsFixtureFile;
            }

            if ((candidate.FirstCallStep is null) != (current.FirstCallStep is null))
            {
                return candidate.FirstCallStep is null;
            }

            if (candidate.Depth < current.Depth)
            {
                return true;
            }

            if (candidate.Depth > current.Depth)
            {
                return false;
            }

            var candidateDisposes = candidate.Leaf.RuleId == DiagnosticIds.UseAwaitUsing;
            var currentDisposes = current.Leaf.RuleId == DiagnosticIds.UseAwaitUsing;
            return candidateDisposes != currentDisposes ? !candidateDisposes : candidate.Position < current.Position;
        }

        /// <summary>The blocking operations and the calls to summarizable methods in the body of <paramref name="method"/>, in source order.</summary>
        /// <param name="pending">An empty stack to walk with, reused between methods.</param>
        /// <param name="lookAhead">Whether a call's arguments may be checked against the callee's own sites (<see cref="ArgumentsMakeCalleeHarmless"/>); off inside that check, so it never nests.</param>
        private List<Edge> CollectEdges(IMethodSymbol method, Stack<IOperation> pending, CancellationToken cancellationToken, bool lookAhead = true)
        {
            var edges = new List<Edge>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var body = GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
                if (body is null)
                {
                    continue;
                }

                if (FailurePath.NeverReturns(method, body) || IsColumnRead(method))
                {
                    // A throw helper: whatever it blocks on, it runs only once something has failed. A data reader's column
                    // read: the row is in memory (ASYNC103 excludes the framework's GetFieldValue for the same reason).
                    return new List<Edge>();
                }

                var getter = method.MethodKind == MethodKind.PropertyGet;
                pending.Push(body);
                while (pending.Count > 0)
                {
                    var operation = pending.Pop();
                    var found = edges.Count;
                    Inspect(operation, method, edges, lookAhead, cancellationToken);
                    if (getter && edges.Count > found && GetterBranches.IsOnABranch(operation, body))
                    {
                        // A getter blocks a read only where every read runs (see GetterBranches).
                        edges.RemoveAt(found);
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        // Lambdas and local functions run when they are called, not when the method runs; a synchronous
                        // lambda that runs inline (a LINQ query materialized right there, List.ForEach) is part of it.
                        if (child is ILocalFunctionOperation
                            || (child is IAnonymousFunctionOperation lambda && (lambda.Symbol.IsAsync || !AsyncPath.IsInlineLambda(lambda, types))))
                        {
                            continue;
                        }

                        pending.Push(child);
                    }
                }
            }

            edges.Sort((a, b) => a.Position.CompareTo(b.Position));
            return edges;
        }

        private void Inspect(IOperation operation, IMethodSymbol owner, List<Edge> edges, bool lookAhead, CancellationToken cancellationToken)
        {
            if (operation is not (IInvocationOperation or IPropertyReferenceOperation or IUsingOperation or IUsingDeclarationOperation))
            {
                // Every detector looks at calls, property reads or using statements only.
                return;
            }

            IMethodSymbol? callee = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IPropertyReferenceOperation { Parent: not ISimpleAssignmentOperation } property => property.Property.GetMethod,
                _ => null,
            };

            // A call into a helper of this compilation is followed through the helper's own summary; an iterator's body runs
            // only where its result is enumerated.
            if (callee is not null && IsSummarizable(callee))
            {
                if (!FailurePath.IsOnFailurePath(operation) && !FailurePath.IsBestEffort(operation)
                    && !(operation is IInvocationOperation call
                        && (DeferredIterators.IsDeferred(call, Normalize(callee), types)
                            || BlockingCallExclusions.HasFireAndForgetArgument(call)
                            || (lookAhead && ArgumentsMakeCalleeHarmless(call, Normalize(callee), cancellationToken)))))
                {
                    edges.Add(new Edge(EdgeKind.Call, operation, default, Normalize(callee)));
                }

                return;
            }

            foreach (var detector in detectors)
            {
                if (detector.TryDetect(operation, owner, out var leaf))
                {
                    // The same exemptions as the direct rules at their report: code that already says blocking is intended.
                    if (!FailurePath.IsOnFailurePath(operation) && !FailurePath.IsBestEffort(operation) && !AsyncPath.IsDeliberateBlocking(operation, owner))
                    {
                        if (leaf.RuleId != DiagnosticIds.AwaitInsteadOfBlocking && BlockingCallExclusions.For(types).IsFixtureFileAccess(operation))
                        {
                            // A test helper's fixture file: still a leaf, which ASYNC105 alone passes over.
                            leaf = leaf.AsFixtureFile();
                        }

                        edges.Add(new Edge(EdgeKind.Leaf, operation, leaf, null));
                    }

                    return;
                }
            }
        }

        // The driver's compilation hands out the model it caches for the tree (and drops once the tree is analyzed): the
        // helper's body is bound once, for us and for the driver. Not cached here, so that bound trees are not kept alive.
#pragma warning disable RS1030 // Cross-method analysis needs the callee's tree.
        private SemanticModel GetSemanticModel(SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
