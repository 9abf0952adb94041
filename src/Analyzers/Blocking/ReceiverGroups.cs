using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC103's findings on one object, grouped: the synchronous calls one function makes on the same variable (a local, a
    /// parameter, a field of this object) are one finding, at the first of them, which names the later ones and whose fix
    /// converts them all. An object's later calls may block nothing at all: a wrapper whose only wait is a first-use
    /// acquisition it keeps on the object (a test probe's subscription, a connection it opens once) returns at once
    /// the second time, and whether it does is in a body the analysis cannot read when the type comes from another
    /// assembly. The first call is the one that can be shown to block; the group keeps the later ones in view without
    /// claiming that each of them blocks.
    /// </summary>
    /// <remarks>
    /// A group ends where the variable is written (another object from there on). Calls inside a lambda or local function
    /// belong to that function's groups. Built once per function and variable, when the first call on it is analyzed.
    /// </remarks>
    internal sealed class ReceiverGroups
    {
        private readonly ConditionalWeakTable<IOperation, Scope> scopes = new ConditionalWeakTable<IOperation, Scope>();

        /// <summary>Whether a call is an ASYNC103 finding by itself, and what it would report.</summary>
        public delegate bool FindingTest(IInvocationOperation invocation, out UseAsyncCounterpartAnalyzer.Finding finding);

        /// <summary>
        /// The variable a call's receiver names, when the call can be grouped with others on it: an instance method that is
        /// not the framework's. Each synchronous read, write or wait of a <c>System</c> type (a stream, a socket, a file)
        /// blocks by itself, every time: those calls stay findings of their own.
        /// </summary>
        public static ISymbol? GroupedVariable(IInvocationOperation invocation)
            => invocation.Instance is { } instance && !invocation.TargetMethod.IsStatic && !IsFrameworkMember(invocation.TargetMethod)
                ? instance.ReferencedVariable()
                : null;

        private static bool IsFrameworkMember(IMethodSymbol method)
        {
            var root = method.OriginalDefinition;
            while (root.OverriddenMethod is { } overridden)
            {
                root = overridden.OriginalDefinition;
            }

            return NamespaceNames.IsOrInside(root.ContainingType?.ContainingNamespace, "System");
        }

        /// <summary>
        /// The group <paramref name="finding"/> belongs to: false when an earlier call on the same variable leads it (the
        /// finding is reported there); otherwise true, with the later calls it covers (empty for a call alone).
        /// </summary>
        public bool TryLead(UseAsyncCounterpartAnalyzer.Finding finding, ISymbol variable, IOperation scope, FindingTest test, out ImmutableArray<UseAsyncCounterpartAnalyzer.Finding> later)
        {
            later = ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>.Empty;
            var groups = scopes.GetValue(scope, key => new Scope(key)).GroupsOf(variable, test);
            foreach (var group in groups)
            {
                for (var i = 0; i < group.Length; i++)
                {
                    if (!ReferenceEquals(group[i].Invocation, finding.Invocation))
                    {
                        continue;
                    }

                    if (i > 0)
                    {
                        return false;
                    }

                    later = group.RemoveAt(0);
                    return true;
                }
            }

            // Not in the scope's own code (inside a lambda that runs inline): a finding alone.
            return true;
        }

        private sealed class Scope
        {
            private readonly IOperation root;
            private readonly Dictionary<ISymbol, ImmutableArray<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>>> byVariable =
                new Dictionary<ISymbol, ImmutableArray<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>>>(SymbolEqualityComparer.Default);

            public Scope(IOperation root)
            {
                this.root = root;
            }

            public ImmutableArray<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>> GroupsOf(ISymbol variable, FindingTest test)
            {
                lock (byVariable)
                {
                    if (!byVariable.TryGetValue(variable, out var groups))
                    {
                        groups = Build(variable, test);
                        byVariable.Add(variable, groups);
                    }

                    return groups;
                }
            }

            private ImmutableArray<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>> Build(ISymbol variable, FindingTest test)
            {
                // The calls on the variable and the writes to it, in the order they stand in the source.
                var events = new List<(int Position, IInvocationOperation? Call)>();
                var pending = new Stack<IOperation>();
                pending.Push(root);
                while (pending.Count > 0)
                {
                    var operation = pending.Pop();
                    switch (operation)
                    {
                        case IAnonymousFunctionOperation or ILocalFunctionOperation when !ReferenceEquals(operation, root):
                            continue;
                        case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(GroupedVariable(call), variable):
                            events.Add((call.Syntax.SpanStart, call));
                            break;
                        case ISimpleAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(assignment.Target.ReferencedVariable(), variable):
                        case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when SymbolEqualityComparer.Default.Equals(argument.Value.ReferencedVariable(), variable):
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable):
                            // After the value is computed: p = p.Next() calls the old object first.
                            events.Add((operation.Syntax.Span.End, null));
                            break;
                    }

                    foreach (var child in operation.ChildOperations)
                    {
                        pending.Push(child);
                    }
                }

                events.Sort((a, b) => a.Position.CompareTo(b.Position));
                var groups = ImmutableArray.CreateBuilder<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>>();
                var current = ImmutableArray.CreateBuilder<UseAsyncCounterpartAnalyzer.Finding>();
                foreach (var (_, call) in events)
                {
                    if (call is null)
                    {
                        Close(groups, current);
                    }
                    else if (test(call, out var finding))
                    {
                        current.Add(finding);
                    }
                }

                Close(groups, current);
                return groups.ToImmutable();
            }

            private static void Close(ImmutableArray<ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>>.Builder groups, ImmutableArray<UseAsyncCounterpartAnalyzer.Finding>.Builder current)
            {
                if (current.Count > 0)
                {
                    groups.Add(current.ToImmutable());
                    current.Clear();
                }
            }
        }
    }
}
