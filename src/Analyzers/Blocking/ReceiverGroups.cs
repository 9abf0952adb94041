using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC103's findings on one object, grouped: the synchronous calls a function makes on the same variable (a local, a
    /// parameter, a field) after a first one that runs whenever they do are one finding, at that first call, which names
    /// the later ones and whose fix converts them all. An object's later calls may block nothing at all: a wrapper whose only
    /// wait is a first-use acquisition it keeps on the object (a test probe's subscription, a connection it opens once)
    /// returns at once the second time, and whether it does is in a body of another assembly, which the analysis cannot
    /// read. The first call is the one that can be shown to block; the group keeps the later ones in view without claiming
    /// that each of them blocks.
    /// </summary>
    /// <remarks>
    /// <para>Only methods of another assembly that are not the platform's are grouped: the synchronous I/O of <c>System</c>,
    /// <c>Microsoft</c> and <c>Azure</c> types (a stream, a socket, a database or cloud client) is a round trip on every call.</para>
    /// <para>A call joins the group of an earlier one when the earlier one runs whenever it does: the first call stands in
    /// a block that holds the later call, with no branch between the call and that block (a loop counts when it runs at
    /// least once). Calls are ordered as
    /// they run (a call in an argument runs before the call it is passed to). A group ends where the variable is written;
    /// a variable that a lambda or local function writes is not grouped. Calls inside a lambda or local function belong
    /// to that function's groups, and calls under a <c>#pragma warning disable ASYNC103</c> belong to none.</para>
    /// <para>Each member's body (its lambdas and local functions with it) is walked once, for all its functions and
    /// variables, and each call is judged once (twice at most, when two threads reach the same variable at once, since no
    /// lock is held while calls are judged): the operation action of a grouped call reads its placement here.</para>
    /// </remarks>
    internal sealed class ReceiverGroups
    {
        private readonly ConditionalWeakTable<IOperation, Body> bodies = new ConditionalWeakTable<IOperation, Body>();

        /// <summary>Where a call stands among the calls on its variable.</summary>
        public enum Placement
        {
            /// <summary>Not in the scope's own code (inside a lambda that runs inline): judged alone.</summary>
            Outside,

            /// <summary>Not a finding.</summary>
            NoFinding,

            /// <summary>A later call of a group, reported with its first call.</summary>
            Later,

            /// <summary>The first call of a group (or a call alone): reported, with the later calls it covers.</summary>
            First,
        }

        /// <summary>Whether a call is an ASYNC103 finding by itself, and what it would report.</summary>
        public delegate bool FindingTest(IInvocationOperation invocation, out UseAsyncCounterpartAnalyzer.Finding finding);

        /// <summary>
        /// The variable a call's receiver names, when the call can be grouped with others on it: an instance method of
        /// another assembly that is not the platform's (see the remarks of <see cref="ReceiverGroups"/>).
        /// </summary>
        public static ISymbol? GroupedVariable(IInvocationOperation invocation, Compilation compilation)
        {
            // The cheap questions first: most calls are static, or made on the result of another call.
            var method = invocation.TargetMethod;
            if (method.IsStatic || invocation.Instance?.ReferencedVariable() is not { } variable
                || SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                || IsPlatformMember(method))
            {
                return null;
            }

            return variable;
        }

        private static bool IsPlatformMember(IMethodSymbol method)
        {
            var root = method.OriginalDefinition;
            while (root.OverriddenMethod is { } overridden)
            {
                root = overridden.OriginalDefinition;
            }

            var ns = root.ContainingType?.ContainingNamespace;
            return NamespaceNames.IsOrInside(ns, "System") || NamespaceNames.IsOrInside(ns, "Microsoft") || NamespaceNames.IsOrInside(ns, "Azure");
        }

        /// <summary>
        /// The placement of <paramref name="invocation"/> among the calls on <paramref name="variable"/> in the function
        /// <paramref name="scope"/>; for <see cref="Placement.First"/>, its finding and the later calls it covers.
        /// </summary>
        public Placement Place(IInvocationOperation invocation, ISymbol variable, IOperation scope, FindingTest test, out UseAsyncCounterpartAnalyzer.Finding? finding, out ImmutableArray<UseAsyncCounterpartAnalyzer.Finding> later)
        {
            finding = null;
            later = ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>.Empty;
            var groups = bodies.GetValue(invocation.Root(), key => new Body(key)).GroupsOf(scope, variable, test);
            if (groups is null || !groups.TryGetValue(invocation, out var place))
            {
                return Placement.Outside;
            }

            if (place.Group < 0)
            {
                return Placement.NoFinding;
            }

            if (place.Index > 0)
            {
                return Placement.Later;
            }

            var group = place.Members!.Value;
            finding = group[0];
            later = group.RemoveAt(0);
            return Placement.First;
        }

        private readonly struct Slot
        {
            public Slot(int group, int index, ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>? members)
            {
                Group = group;
                Index = index;
                Members = members;
            }

            /// <summary>-1 for a call that is not a finding.</summary>
            public int Group { get; }

            public int Index { get; }

            public ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>? Members { get; }
        }

        /// <summary>One body (a member's code, with the lambdas and local functions in it), walked once for all its functions.</summary>
        private sealed class Body
        {
            private readonly IOperation root;
            private readonly object walkLock = new object();
            private volatile bool walked;

            /// <summary>Per function (the root, a lambda, a local function): the calls on each variable and the writes to it, where they run.</summary>
            private Dictionary<IOperation, Dictionary<ISymbol, List<(int Position, IInvocationOperation? Call)>>>? events;

            /// <summary>The function each lambda or local function sits in.</summary>
            private Dictionary<IOperation, IOperation>? enclosing;

            /// <summary>The functions that write each variable.</summary>
            private Dictionary<ISymbol, List<IOperation>>? writers;

            // No lock while calls are judged: a thread that would wait on another's judgements does them itself (the
            // compiler counts waiting as analyzer time), and the first answer published wins. The answers are the same.
            private readonly System.Collections.Concurrent.ConcurrentDictionary<(IOperation Scope, ISymbol Variable), Dictionary<IInvocationOperation, Slot>?> byVariable =
                new System.Collections.Concurrent.ConcurrentDictionary<(IOperation, ISymbol), Dictionary<IInvocationOperation, Slot>?>(new ScopeVariableComparer());

            public Body(IOperation root)
            {
                this.root = root;
            }

            /// <summary>The placement of every call on <paramref name="variable"/> in <paramref name="scope"/>; null when the variable is not grouped there.</summary>
            public Dictionary<IInvocationOperation, Slot>? GroupsOf(IOperation scope, ISymbol variable, FindingTest test)
            {
                if (byVariable.TryGetValue((scope, variable), out var places))
                {
                    return places;
                }

                if (!walked)
                {
                    // The walk is cheap and shared: built once, under a lock.
                    lock (walkLock)
                    {
                        if (!walked)
                        {
                            Walk();
                            walked = true;
                        }
                    }
                }

                places = !WrittenInsideAFunctionOf(scope, variable) && events!.TryGetValue(scope, out var variables) && variables.TryGetValue(variable, out var list)
                    ? Build(list, test)
                    : null;
                return byVariable.GetOrAdd((scope, variable), places);
            }

            /// <summary>A lambda or local function inside <paramref name="scope"/> writes the variable.</summary>
            private bool WrittenInsideAFunctionOf(IOperation scope, ISymbol variable)
            {
                if (!writers!.TryGetValue(variable, out var functions))
                {
                    return false;
                }

                foreach (var function in functions)
                {
                    for (var current = function; enclosing!.TryGetValue(current, out var outer); current = outer)
                    {
                        if (ReferenceEquals(outer, scope))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>One walk of the body: per function, the calls on each variable and the writes to it.</summary>
            private void Walk()
            {
                events = new Dictionary<IOperation, Dictionary<ISymbol, List<(int, IInvocationOperation?)>>>();
                enclosing = new Dictionary<IOperation, IOperation>();
                writers = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                var compilation = root.SemanticModel?.Compilation;
                var pending = new Stack<(IOperation Operation, IOperation Function)>();
                pending.Push((root, root));
                while (pending.Count > 0)
                {
                    var (operation, function) = pending.Pop();
                    if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation && !ReferenceEquals(operation, root))
                    {
                        enclosing[operation] = function;
                        function = operation;
                    }

                    if (compilation is not null && operation is IInvocationOperation call && GroupedVariable(call, compilation) is { } receiver)
                    {
                        // Ordered by where a call ends: a call in an argument runs before the call it is passed to.
                        Add(function, receiver, call.Syntax.Span.End, call);
                    }
                    else if (operation is IAssignmentOperation or IIncrementOrDecrementOperation or IArgumentOperation or IVariableDeclaratorOperation)
                    {
                        foreach (var written in Written(operation))
                        {
                            // After the value is computed: p = p.Next() calls the old object first.
                            Add(function, written, operation.Syntax.Span.End, null);
                            if (!writers.TryGetValue(written, out var functions))
                            {
                                functions = new List<IOperation>();
                                writers.Add(written, functions);
                            }

                            functions.Add(function);
                        }
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        pending.Push((child, function));
                    }
                }

                foreach (var variables in events.Values)
                {
                    foreach (var list in variables.Values)
                    {
                        // Calls before writes at the same position: p = p.Next() calls the old object, then writes the variable.
                        list.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : (a.Call is null).CompareTo(b.Call is null));
                    }
                }
            }

            private void Add(IOperation function, ISymbol variable, int position, IInvocationOperation? call)
            {
                if (!events!.TryGetValue(function, out var variables))
                {
                    variables = new Dictionary<ISymbol, List<(int, IInvocationOperation?)>>(SymbolEqualityComparer.Default);
                    events.Add(function, variables);
                }

                if (!variables.TryGetValue(variable, out var list))
                {
                    list = new List<(int, IInvocationOperation?)>();
                    variables.Add(variable, list);
                }

                list.Add((position, call));
            }

            private sealed class ScopeVariableComparer : IEqualityComparer<(IOperation Scope, ISymbol Variable)>
            {
                public bool Equals((IOperation Scope, ISymbol Variable) x, (IOperation Scope, ISymbol Variable) y)
                    => ReferenceEquals(x.Scope, y.Scope) && SymbolEqualityComparer.Default.Equals(x.Variable, y.Variable);

                public int GetHashCode((IOperation Scope, ISymbol Variable) obj)
                    => (RuntimeHelpers.GetHashCode(obj.Scope) * 31) + SymbolEqualityComparer.Default.GetHashCode(obj.Variable);
            }

            /// <summary>The variables an operation writes: an assignment of any kind (a deconstruction's elements too), <c>++</c>/<c>--</c>, a <c>ref</c> or <c>out</c> argument, a declaration.</summary>
            private static IEnumerable<ISymbol> Written(IOperation operation)
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment:
                        return TargetsOf(assignment.Target);
                    case IIncrementOrDecrementOperation change when change.Target.ReferencedVariable() is { } changed:
                        return new[] { changed };
                    case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when argument.Value.ReferencedVariable() is { } passed:
                        return new[] { passed };
                    case IVariableDeclaratorOperation declarator:
                        return new ISymbol[] { declarator.Symbol };
                    default:
                        return System.Array.Empty<ISymbol>();
                }
            }

            private static IEnumerable<ISymbol> TargetsOf(IOperation target)
            {
                if (target.ReferencedVariable() is { } variable)
                {
                    yield return variable;
                    yield break;
                }

                if (target is ITupleOperation or IDeclarationExpressionOperation)
                {
                    foreach (var element in target.ChildOperations)
                    {
                        foreach (var inner in TargetsOf(element))
                        {
                            yield return inner;
                        }
                    }
                }
            }

            private static Dictionary<IInvocationOperation, Slot> Build(List<(int Position, IInvocationOperation? Call)> list, FindingTest test)
            {
                var places = new Dictionary<IInvocationOperation, Slot>();
                var groups = new List<List<UseAsyncCounterpartAnalyzer.Finding>>();
                List<UseAsyncCounterpartAnalyzer.Finding>? current = null;
                List<IBlockOperation>? leaderBlocks = null;
                foreach (var (_, call) in list)
                {
                    if (call is null)
                    {
                        current = null;
                        continue;
                    }

                    if (!test(call, out var finding) || DeliberateBlocking.IsSuppressedByPragma(call.Syntax, DiagnosticIds.UseAsyncCounterpart))
                    {
                        places[call] = new Slot(-1, 0, null);
                        continue;
                    }

                    if (current is not null && leaderBlocks is not null && IsInsideAny(call, leaderBlocks))
                    {
                        current.Add(finding);
                        continue;
                    }

                    current = new List<UseAsyncCounterpartAnalyzer.Finding> { finding };
                    groups.Add(current);
                    leaderBlocks = BlocksWhereItAlwaysRuns(call);
                }

                for (var g = 0; g < groups.Count; g++)
                {
                    var members = groups[g].ToImmutableArray();
                    for (var i = 0; i < members.Length; i++)
                    {
                        places[members[i].Invocation] = new Slot(g, i, i == 0 ? members : null);
                    }
                }

                return places;
            }

            /// <summary>
            /// The blocks in which <paramref name="call"/> runs whenever the block's code past its statement runs: the blocks
            /// holding the call, reached with no branch, <c>catch</c>, <c>?.</c>, <c>??</c>, <c>&amp;&amp;</c> or <c>||</c>
            /// on the way up, and through loops only when they run at least once (<see cref="RunsAtLeastOnce"/>). Empty
            /// when there is none (a call as the body of an <c>if</c>).
            /// </summary>
            private static List<IBlockOperation> BlocksWhereItAlwaysRuns(IOperation call)
            {
                var blocks = new List<IBlockOperation>();
                var child = call;
                for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
                {
                    switch (parent)
                    {
                        case IBlockOperation block:
                            blocks.Add(block);
                            break;
                        case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                        case ILoopOperation loop when !RunsAtLeastOnce(loop):
                        case ISwitchOperation:
                        case ISwitchCaseOperation:
                        case ISwitchExpressionOperation:
                        case ISwitchExpressionArmOperation:
                        case ICatchClauseOperation:
                        case IConditionalAccessOperation conditionalAccess when !ReferenceEquals(conditionalAccess.Operation, child):
                        case ICoalesceOperation coalesce when !ReferenceEquals(coalesce.Value, child):
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when !ReferenceEquals(logical.LeftOperand, child):
                        case IAnonymousFunctionOperation:
                        case ILocalFunctionOperation:
                            return blocks;
                    }
                }

                return blocks;
            }

            /// <summary>
            /// A loop whose body runs at least once: <c>do ... while</c>, <c>foreach</c> over <c>Enumerable.Range(a, n)</c>
            /// with a constant n &gt; 0 or over an array written with elements, <c>for (var i = a; i &lt; b; ...)</c> with
            /// constants a &lt; b.
            /// </summary>
            private static bool RunsAtLeastOnce(ILoopOperation loop)
            {
                switch (loop)
                {
                    case IWhileLoopOperation { ConditionIsTop: false }:
                        return true;
                    case IForEachLoopOperation { Collection: var collection }:
                        return collection.WalkDownConversion() switch
                        {
                            IInvocationOperation { TargetMethod: { Name: "Range", ContainingType.Name: "Enumerable" }, Arguments: { Length: 2 } arguments }
                                => arguments[1].Value.ConstantValue is { HasValue: true, Value: int count } && count > 0,
                            IArrayCreationOperation { Initializer.ElementValues.Length: > 0 } => true,
                            _ => false,
                        };
                    case IForLoopOperation { Before: { Length: 1 } before, Condition: IBinaryOperation { LeftOperand: ILocalReferenceOperation counter } condition }
                        when before[0] is IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                            && declarations[0].Declarators is { Length: 1 } declarators
                            && SymbolEqualityComparer.Default.Equals(declarators[0].Symbol, counter.Local)
                            && declarators[0].Initializer?.Value.ConstantValue is { HasValue: true, Value: int start }
                            && condition.RightOperand.ConstantValue is { HasValue: true, Value: int end }:
                        return condition.OperatorKind switch
                        {
                            BinaryOperatorKind.LessThan => start < end,
                            BinaryOperatorKind.LessThanOrEqual => start <= end,
                            _ => false,
                        };
                    default:
                        return false;
                }
            }

            private static bool IsInsideAny(IOperation operation, List<IBlockOperation> blocks)
            {
                foreach (var block in blocks)
                {
                    if (IsInside(operation, block))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsInside(IOperation operation, IBlockOperation block)
            {
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (ReferenceEquals(current, block))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
