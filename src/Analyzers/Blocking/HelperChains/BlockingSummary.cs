using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>How a synchronous method blocks: the first step of the shortest chain down to a blocking operation.</summary>
    internal sealed class BlockingChain
    {
        public BlockingChain(IMethodSymbol method, BlockingLeaf leaf, BlockingChain? next, int depth, int position)
        {
            Method = method;
            Leaf = leaf;
            Next = next;
            Depth = depth;
            Position = position;
        }

        /// <summary>The method this step is in.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>The blocking operation at the end of the chain.</summary>
        public BlockingLeaf Leaf { get; }

        /// <summary>The callee the chain continues into; null when <see cref="Method"/> itself contains the leaf.</summary>
        public BlockingChain? Next { get; }

        /// <summary>Calls between <see cref="Method"/> and the leaf (0: the leaf is in this method).</summary>
        public int Depth { get; }

        /// <summary>Source position of the call or leaf inside <see cref="Method"/>: the tie-break that keeps chains deterministic.</summary>
        public int Position { get; }

        /// <summary>"Step -> Pause -> Thread.Sleep" (long chains keep the first steps and the leaf).</summary>
        public string Describe()
        {
            const int MaxSteps = 6;
            var builder = new StringBuilder();
            var steps = 0;
            for (var current = this; current is not null; current = current.Next)
            {
                if (steps == MaxSteps)
                {
                    builder.Append("... -> ");
                    break;
                }

                builder.Append(FunctionNames.Short(current.Method)).Append(" -> ");
                steps++;
            }

            return builder.Append(Leaf.Display).ToString();
        }
    }

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

    /// <summary>
    /// Per-compilation answer to "does this synchronous method of the compilation block, and via what?", across any depth of
    /// synchronous helpers. Computed lazily per method and memoized; recursion and cycles are resolved by strongly connected
    /// components (iterative Tarjan, no recursion over the call graph), and within a component by a fixed point that picks the
    /// shortest chain with a source-order tie-break, so every thread computes the same answer. Safe to call concurrently.
    /// Methods of other assemblies are not analyzed.
    /// </summary>
    internal sealed class BlockingSummary
    {
        private static readonly object NotBlocking = new object();

        private readonly Compilation compilation;
        private readonly KnownTypes types;
        private readonly ImmutableArray<IBlockingLeafDetector> detectors;
        // Sized for a large project: growing a concurrent dictionary takes all its locks and rehashes every entry.
        private readonly ConcurrentDictionary<IMethodSymbol, object> results = new(concurrencyLevel: 4, capacity: 4096, SymbolEqualityComparer.Default);

        public BlockingSummary(Compilation compilation, KnownTypes types, ImmutableArray<IBlockingLeafDetector> detectors)
        {
            this.compilation = compilation;
            this.types = types;
            this.detectors = detectors;
            dbDataReader = compilation.GetTypeByMetadataName("System.Data.Common.DbDataReader");
        }

        private readonly INamedTypeSymbol? dbDataReader;

        /// <summary>A column getter of a <c>DbDataReader</c> subclass of this compilation (GetInt32, GetString, GetValue...).</summary>
        private bool IsColumnRead(IMethodSymbol method)
        {
            if (dbDataReader is null || method.MethodKind != MethodKind.Ordinary
                || !(method.Name.StartsWith("Get", System.StringComparison.Ordinal) || method.Name == "IsDBNull")
                || method.Name is "GetSchemaTable" or "GetColumnSchema" or "GetEnumerator" or "GetData")
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (KnownTypes.Is(type, dbDataReader))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for a synchronous method, accessor or local function declared in this compilation with a body: the kind of
        /// callee whose body runs on the caller's thread and is worth summarizing.
        /// </summary>
        public bool IsSummarizable(IMethodSymbol method)
        {
            // The declaration check last: it allocates.
            return IsCandidate(method) && !Normalize(method).DeclaringSyntaxReferences.IsEmpty;
        }

        /// <summary><see cref="IsSummarizable"/> without the look at the declaration: no allocation, for the first filter of every call.</summary>
        public bool IsCandidate(IMethodSymbol method)
        {
            return !method.IsAsync
                && !method.IsAbstract
                && !method.IsExtern
                && method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.LocalFunction or MethodKind.ReducedExtension
                && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                && !types.IsAwaitableReturnType(method.ReturnType);
        }

        /// <summary>The chain by which <paramref name="method"/> blocks, or null when it does not.</summary>
        public BlockingChain? GetChain(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = Normalize(method);
            if (!IsSummarizable(method))
            {
                return null;
            }

            if (!results.TryGetValue(key, out var result))
            {
                Compute(key, cancellationToken);
                result = results[key];
            }

            return result as BlockingChain;
        }

        /// <summary>
        /// Every place in the body of <paramref name="method"/> that blocks: its blocking operations, and its calls to helpers
        /// that block. What a "make it async" rewrite has to change in that method. Empty when the method does not block.
        /// </summary>
        public ImmutableArray<BlockingSite> GetBlockingSites(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (GetChain(method, cancellationToken) is null)
            {
                return ImmutableArray<BlockingSite>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<BlockingSite>();
            foreach (var edge in CollectEdges(Normalize(method), new Stack<IOperation>(), cancellationToken))
            {
                if (edge.Kind == EdgeKind.Leaf)
                {
                    builder.Add(new BlockingSite(edge.Operation, edge.Leaf, null));
                }
                else if (GetChain(edge.Callee!, cancellationToken) is not null)
                {
                    builder.Add(new BlockingSite(edge.Operation, default, edge.Callee));
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True when every blocking site of <paramref name="call"/>'s target is a call on one of the target's own parameters
        /// (<c>ReadN(Stream s, int n) { ... s.Read(...) ... }</c>) and the argument this call passes for it makes the call
        /// harmless, as the detector that found it judges (<see cref="IBlockingLeafDetector.IsHarmlessReceiver"/>): the
        /// helper reads a stream over memory, or in a test project the stream the library under test handed out.
        /// </summary>
        public bool ArgumentsMakeEverySiteHarmless(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var callee = Normalize(call.TargetMethod);
            var sites = GetBlockingSites(callee, cancellationToken);
            if (sites.IsEmpty)
            {
                return false;
            }

            foreach (var site in sites)
            {
                if (!site.IsLeaf
                    || site.Operation is not IInvocationOperation { Instance: { } instance }
                    || instance.WalkDownConversion() is not IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                    || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, callee)
                    || ArgumentFor(call, parameter.Ordinal) is not { } argument
                    || !IsHarmless(site.Leaf, argument)
                    || IsWritten(site.Operation, parameter))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsHarmless(BlockingLeaf leaf, IOperation argument)
        {
            foreach (var detector in detectors)
            {
                if (detector.IsHarmlessReceiver(leaf, argument))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? ArgumentFor(IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The body holding <paramref name="site"/> assigns <paramref name="parameter"/> or passes it by reference.</summary>
        private static bool IsWritten(IOperation site, IParameterSymbol parameter)
        {
            var root = site;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                var target = current switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference => byReference.Value,
                    _ => null,
                };
                if (target?.WalkDownConversion() is IParameterReferenceOperation written && SymbolEqualityComparer.Default.Equals(written.Parameter, parameter))
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }

        /// <summary>The definition whose body is summarized: reduced extensions, constructed generics and partial definitions map to their declaration.</summary>
        public static IMethodSymbol Normalize(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            return definition.PartialImplementationPart ?? definition;
        }

        private enum EdgeKind
        {
            Leaf,
            Call,
        }

        private readonly struct Edge
        {
            public Edge(EdgeKind kind, IOperation operation, BlockingLeaf leaf, IMethodSymbol? callee)
            {
                Kind = kind;
                Operation = operation;
                Position = operation.Syntax.SpanStart;
                Leaf = leaf;
                Callee = callee;
            }

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
                            candidate = new BlockingChain(node.Method, edge.Leaf, null, 0, edge.Position);
                        }
                        else if (results.TryGetValue(edge.Callee!, out var final))
                        {
                            if (final is BlockingChain calleeChain)
                            {
                                candidate = new BlockingChain(node.Method, calleeChain.Leaf, calleeChain, calleeChain.Depth + 1, edge.Position);
                            }
                        }
                        else if (nodes.TryGetValue(edge.Callee!, out var sibling) && sibling.Best is { } siblingChain)
                        {
                            candidate = new BlockingChain(node.Method, siblingChain.Leaf, siblingChain, siblingChain.Depth + 1, edge.Position);
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

        private static bool IsBetter(BlockingChain candidate, BlockingChain? current)
        {
            return current is null
                || candidate.Depth < current.Depth
                || (candidate.Depth == current.Depth && candidate.Position < current.Position);
        }

        /// <summary>The blocking operations and the calls to summarizable methods in the body of <paramref name="method"/>, in source order.</summary>
        /// <param name="pending">An empty stack to walk with, reused between methods.</param>
        private List<Edge> CollectEdges(IMethodSymbol method, Stack<IOperation> pending, CancellationToken cancellationToken)
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

                pending.Push(body);
                while (pending.Count > 0)
                {
                    var operation = pending.Pop();
                    Inspect(operation, method, edges);
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

        private void Inspect(IOperation operation, IMethodSymbol owner, List<Edge> edges)
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

            // A call into a helper of this compilation is followed through the helper's own summary.
            if (callee is not null && IsSummarizable(callee))
            {
                if (!FailurePath.IsOnFailurePath(operation) && !FailurePath.IsBestEffort(operation))
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
