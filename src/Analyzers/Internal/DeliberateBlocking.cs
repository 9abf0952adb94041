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
    /// initializer that cannot run once the object exists (<see cref="LazyInitialization"/>), or a synchronous function that
    /// sleeps while work it started runs.
    /// </summary>
    internal static class DeliberateBlocking
    {
        private static readonly System.Collections.Immutable.ImmutableArray<string> PeerIds =
            System.Collections.Immutable.ImmutableArray.Create("CA1849", "VSTHRD002", "VSTHRD103", "MA0042", "MA0045", "AsyncFixer02");

        public static bool IsDeliberate(IOperation site, ISymbol? containingSymbol)
        {
            return DualMode.IsOnSyncBranch(site)
                || IsPeerSuppressedByPragma(site.Syntax)
                || IsPeerSuppressedByAttribute(containingSymbol)
                || LazyInitialization.IsDeadAfterConstruction(site, default)
                || SleepsWhileStartedWorkRuns(site, containingSymbol);
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
        {
            var root = node.SyntaxTree.GetRoot();
            if (!root.ContainsDirectives)
            {
                return false;
            }

            var position = node.SpanStart;
            var disabled = 0;
            for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                if (directive is not PragmaWarningDirectiveTriviaSyntax pragma)
                {
                    continue;
                }

                var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
                foreach (var code in pragma.ErrorCodes)
                {
                    var index = IndexOfPeer(code.ToString().Trim());
                    if (index >= 0)
                    {
                        disabled = disable ? disabled | (1 << index) : disabled & ~(1 << index);
                    }
                }
            }

            return disabled != 0;
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

            return -1;
        }
    }
}
