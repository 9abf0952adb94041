using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// "Has the code already said that blocking here is intended?" Asked by every blocking rule just before it reports
    /// (and by the helper summary for each blocking site it records), so the cost is paid only for candidates:
    /// the synchronous side of a dual-mode condition (<see cref="DualMode"/>), or a site where the authors suppressed a
    /// peer analyzer's rule for the same problem (<c>#pragma warning disable CA1849</c>, VSTHRD002, VSTHRD103, MA0042,
    /// MA0045, AsyncFixer02, or <c>[SuppressMessage]</c> of one of them on the member or a containing type), a lazy
    /// initializer that cannot run once the object exists (<see cref="LazyInitialization"/>), a synchronous function that
    /// sleeps while work it started runs, a function that hands back the task it was given (a synchronous probe of it), or
    /// the synchronous side of a per-target split whose other branch awaits the async form (<see cref="ConditionalCompilation"/>).
    /// </summary>
    internal static class DeliberateBlocking
    {
        private static readonly System.Collections.Immutable.ImmutableArray<string> PeerIds =
            System.Collections.Immutable.ImmutableArray.Create("CA1849", "VSTHRD002", "VSTHRD103", "MA0042", "MA0045", "AsyncFixer02", "xUnit1031");

        /// <summary>Our own ids whose pragmas are tracked too (<see cref="IsSuppressedByPragma"/>), after the peers' bits.</summary>
        private static readonly System.Collections.Immutable.ImmutableArray<string> OwnIds =
            System.Collections.Immutable.ImmutableArray.Create(DiagnosticIds.UseAsyncCounterpart);

        private static readonly int PeerMask = (1 << PeerIds.Length) - 1;

        public static bool IsDeliberate(IOperation site, ISymbol? containingSymbol)
        {
            return DualMode.IsOnSyncBranch(site)
                || IsPeerSuppressedByPragma(site.Syntax)
                || IsPeerSuppressedByAttribute(containingSymbol)
                || LazyInitialization.IsDeadAfterConstruction(site, default)
                || SleepsWhileStartedWorkRuns(site, containingSymbol)
                || DualMode.IsInSyncSideFunction(site, containingSymbol, default)
                || IsInPassThroughFunction(site, containingSymbol)
                || ConditionalCompilation.IsSyncSideOfADirectiveSplit(site);
        }

        /// <summary>
        /// <c>static Task&lt;T&gt; QuickWait&lt;T&gt;(Task&lt;T&gt; t) { if (!t.IsCompleted) t.Wait(200); return t; }</c>: a function that
        /// is not <c>async</c> and hands back the very task it was given is a synchronous probe of that task, not an
        /// asynchronous operation; it makes no task of its own for a caller to await, and an await would change what it does.
        /// So is one that waits a bounded time (<c>Wait(timeout)</c>) on a task parameter and returns only what that task says
        /// of itself (its status) or constants.
        /// </summary>
        private static bool IsInPassThroughFunction(IOperation site, ISymbol? containingSymbol)
        {
            IOperation? body = null;
            IMethodSymbol? function = containingSymbol as IMethodSymbol;
            for (var current = site.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation)
                {
                    return false;
                }

                if (current is ILocalFunctionOperation local)
                {
                    function = local.Symbol;
                    body = local.Body;
                    break;
                }

                if (current is IMethodBodyOperation methodBody)
                {
                    body = (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody;
                    break;
                }
            }

            if (function is not { IsAsync: false, ReturnsVoid: false, Parameters.Length: > 0 } || body is null)
            {
                return false;
            }

            if (function.ReturnType.Name is "Task" or "ValueTask" && PassThrough.ReturnedParameter(body, out _) is not null)
            {
                return true;
            }

            // static TaskStatus SafeStatus(Task t) { if (!t.IsCompleted && !t.Wait(1000)) throw ...; return t.Status; }: a
            // bounded wait on the task it was handed, by a function that only reports on that task.
            return WaitedTaskParameter(site) is { } task
                && SymbolEqualityComparer.Default.Equals(task.ContainingSymbol, function)
                && PassThrough.ReportsOnlyOn(body, task);
        }

        /// <summary>The parameter a timed <c>Wait(timeout)</c> at <paramref name="site"/> waits on, if it is one.</summary>
        private static IParameterSymbol? WaitedTaskParameter(IOperation site)
        {
            return site is IInvocationOperation { TargetMethod: { Name: "Wait", ReturnType.SpecialType: SpecialType.System_Boolean, IsStatic: false }, Instance: { } instance }
                && instance.WalkDownConversion() is IParameterReferenceOperation { Parameter: var parameter }
                ? parameter
                : null;
        }

        /// <summary>
        /// <c>Task.Run(work).ContinueWith(...); Thread.Sleep(3000); return Task.CompletedTask;</c> in a function written
        /// synchronously although it returns a task: it starts work it does not wait for, then holds its thread on purpose
        /// while that work runs (tests of schedulers and reentrancy do this). <c>await Task.Delay</c> would release the
        /// thread and change what runs where. Only <c>Thread.Sleep</c>, only in a function that is not <c>async</c>.
        /// </summary>
        private static bool SleepsWhileStartedWorkRuns(IOperation site, ISymbol? containingSymbol)
        {
            if (site is not IInvocationOperation { TargetMethod: { Name: "Sleep", IsStatic: true, ContainingType: { Name: "Thread" } thread } }
                || site.SemanticModel is not { } model)
            {
                return false;
            }

            var types = KnownTypes.Create(model.Compilation);
            if (!KnownTypes.Is(thread, types.Thread))
            {
                return false;
            }

            var child = site;
            for (var parent = site.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        // The statements before it in its own function decide; the enclosing function's do not.
                        return false;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (DropsATask(statement, types))
                            {
                                return IsSynchronousFunction(parent, containingSymbol);
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private static bool DropsATask(IOperation statement, KnownTypes types)
        {
            if (statement is not IExpressionStatementOperation { Operation: var expression })
            {
                return false;
            }

            var value = expression is ISimpleAssignmentOperation { Target: IDiscardOperation } discard ? discard.Value : expression;
            return value.WalkDownConversion() is IInvocationOperation { Type: INamedTypeSymbol task }
                && (KnownTypes.Is(task, types.Task) || KnownTypes.Is(task.OriginalDefinition, types.TaskOfT));
        }

        /// <summary>The function that holds <paramref name="operation"/> is not declared <c>async</c>.</summary>
        private static bool IsSynchronousFunction(IOperation operation, ISymbol? containingSymbol)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return !lambda.Symbol.IsAsync;
                    case ILocalFunctionOperation local:
                        return !local.Symbol.IsAsync;
                }
            }

            return containingSymbol is IMethodSymbol { IsAsync: false };
        }

        /// <summary>A <c>#pragma warning disable</c> of a peer id in effect at the site (not restored before it).</summary>
        internal static bool IsPeerSuppressedByPragma(SyntaxNode node)
            => (DisabledAt(node) & PeerMask) != 0;

        /// <summary>A <c>#pragma warning disable</c> of one of <see cref="OwnIds"/> in effect at the site.</summary>
        internal static bool IsSuppressedByPragma(SyntaxNode node, string ownId)
        {
            var index = OwnIds.IndexOf(ownId);
            return index >= 0 && (DisabledAt(node) & (1 << (PeerIds.Length + index))) != 0;
        }

        private static int DisabledAt(SyntaxNode node)
        {
            var tree = node.SyntaxTree;
            var root = tree.GetRoot();
            if (!root.ContainsDirectives)
            {
                return 0;
            }

            // The pragmas of a file are read once (finding the directives walks the tree), then each site is a search.
            var pragmas = PeerPragmasByTree.TryGetValue(tree, out var known) ? known : PeerPragmasByTree.GetValue(tree, t => PeerPragmas.Read(t.GetRoot()));
            return pragmas.DisabledAt(node.SpanStart);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, PeerPragmas> PeerPragmasByTree = new();

        /// <summary>Where in a file the set of disabled ids changes, and to what (a bit per id of <see cref="PeerIds"/>, then of <see cref="OwnIds"/>).</summary>
        private sealed class PeerPragmas
        {
            private readonly int[] positions;
            private readonly int[] masks;

            private PeerPragmas(int[] positions, int[] masks)
            {
                this.positions = positions;
                this.masks = masks;
            }

            public static PeerPragmas Read(SyntaxNode root)
            {
                var positions = new System.Collections.Generic.List<int>();
                var masks = new System.Collections.Generic.List<int>();
                var disabled = 0;
                // Descends only into nodes that contain directives (GetNextDirective walks every token of the file).
                foreach (var trivia in root.DescendantTrivia(static n => n.ContainsDirectives))
                {
                    if (!trivia.IsDirective || trivia.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma)
                    {
                        continue;
                    }

                    var directive = pragma;

                    var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
                    var before = disabled;
                    foreach (var code in pragma.ErrorCodes)
                    {
                        var index = IndexOfPeer(code.ToString().Trim());
                        if (index >= 0)
                        {
                            disabled = disable ? disabled | (1 << index) : disabled & ~(1 << index);
                        }
                    }

                    if (disabled != before)
                    {
                        positions.Add(directive.SpanStart);
                        masks.Add(disabled);
                    }
                }

                return new PeerPragmas(positions.ToArray(), masks.ToArray());
            }

            /// <summary>The peer ids disabled by the directives that start before <paramref name="position"/>.</summary>
            public int DisabledAt(int position)
            {
                // The last change before the position: directives are in source order.
                int low = 0, high = positions.Length - 1, found = -1;
                while (low <= high)
                {
                    var middle = low + ((high - low) / 2);
                    if (positions[middle] < position)
                    {
                        found = middle;
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }

                return found < 0 ? 0 : masks[found];
            }
        }

        /// <summary><c>[SuppressMessage("...", "VSTHRD002:...")]</c> (or <c>UnconditionalSuppressMessage</c>) on the member, its owners or containing types.</summary>
        internal static bool IsPeerSuppressedByAttribute(ISymbol? symbol)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name is "SuppressMessageAttribute" or "UnconditionalSuppressMessageAttribute"
                        && attribute.ConstructorArguments.Length >= 2
                        && attribute.ConstructorArguments[1].Value is string checkId)
                    {
                        var colon = checkId.IndexOf(':');
                        if (IndexOfPeer((colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim()) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static int IndexOfPeer(string id)
        {
            for (var i = 0; i < PeerIds.Length; i++)
            {
                if (string.Equals(PeerIds[i], id, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            for (var i = 0; i < OwnIds.Length; i++)
            {
                if (string.Equals(OwnIds[i], id, StringComparison.OrdinalIgnoreCase))
                {
                    return PeerIds.Length + i;
                }
            }

            return -1;
        }
    }
}
