using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// Decides whether one ASYNC201 site can be rewritten without changing what it does, and how. Preconditions:
    /// the chain is returned from a Task-returning function or awaited as a whole statement; every continuation is a
    /// one-parameter lambda with no scheduler, state, token or options other than ExecuteSynchronously, PreferFairness,
    /// DenyChildAttach (and NotOnCanceled where it reads Result first); a continuation
    /// reads its antecedent only through <c>.Result</c>, and the first such read runs before anything else in the
    /// continuation (so the awaited exception surfaces where Result would have thrown); a continuation that ignores its
    /// antecedent is only the first link (rewritten as an await that does not throw); inlined locals do not collide.
    /// </summary>
    internal sealed partial class ContinuationChainPlanner
    {
        private readonly SemanticModel model;

        private readonly KnownTypes types;

        private readonly CallbackMethods methods;

        private readonly HashSet<string> generatedNames;

        private readonly CallbackTargets targets;

        private readonly CancellationToken cancellationToken;

        private readonly List<StatementSyntax> prelude = new List<StatementSyntax>();

        private readonly List<ISymbol> written = new List<ISymbol>();

        private Dictionary<string, int>? identifierCounts;

        private SyntaxNode owner = null!;

        /// <summary>True once the first link is planned: what follows runs after earlier continuations.</summary>
        private bool laterLink;

        public ContinuationChainPlanner(SemanticModel model, KnownTypes types, CallbackMethods methods, HashSet<string> generatedNames, CancellationToken cancellationToken)
            : this(model, types, methods, generatedNames, CallbackTargets.Of(model.Compilation), cancellationToken)
        {
        }

        public ContinuationChainPlanner(SemanticModel model, KnownTypes types, CallbackMethods methods, HashSet<string> generatedNames, CallbackTargets targets, CancellationToken cancellationToken)
        {
            this.targets = targets;
            this.model = model;
            this.types = types;
            this.methods = methods;
            this.generatedNames = generatedNames;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>What flows from one link to the next: a task still to be awaited, or an already computed value (null: none).</summary>
        private struct Flow
        {
            public ExpressionSyntax? Pending;
            public bool PendingIsGeneric;
            public ExpressionSyntax? Value;

            /// <summary>False for a continuation without a result: <see cref="Value"/> is then a statement expression, or null.</summary>
            public bool HasValue;
        }

        public ContinuationChainPlan? TryPlan(SyntaxNode root, Diagnostic diagnostic)
            => TryPlan(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));

        /// <summary>The rewrite of the chain whose first call is at <paramref name="node"/>; null when none keeps its meaning.</summary>
        public ContinuationChainPlan? TryPlan(SyntaxNode node)
        {
            var first = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (first is null || FunctionSyntax.FindOwner(first) is not { } foundOwner)
            {
                return null;
            }

            owner = foundOwner;
            if (model.GetSymbolInfo(first, cancellationToken).Symbol is not IMethodSymbol firstMethod)
            {
                return null;
            }

            Flow flow;
            if (methods.IsContinueWith(firstMethod))
            {
                if (first.Expression is not MemberAccessExpressionSyntax memberAccess)
                {
                    return null;
                }

                var antecedentType = model.GetTypeInfo(memberAccess.Expression, cancellationToken).Type;
                if (first.Parent is ReturnStatementSyntax && TryFaultBranch(first, memberAccess.Expression, antecedentType, out var faultFlow))
                {
                    return Place(first, faultFlow);
                }

                flow = new Flow { Pending = memberAccess.Expression, PendingIsGeneric = types.IsGenericTaskType(antecedentType) };
                if (!TryContinueWith(first, ref flow))
                {
                    return null;
                }
            }
            else if (methods.IsFactoryContinuation(firstMethod))
            {
                flow = default;
                if (!TryFactoryContinuation(first, firstMethod, ref flow))
                {
                    return null;
                }
            }
            else
            {
                return null;
            }

            // Later links: .ContinueWith(...) and .Unwrap() on the result so far.
            laterLink = true;
            ExpressionSyntax chain = AfterUnwrap(first);
            while (chain.Parent is MemberAccessExpressionSyntax next && next.Expression == chain && next.Parent is InvocationExpressionSyntax call)
            {
                if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method || !methods.IsContinueWith(method))
                {
                    break;
                }

                if (!TryContinueWith(call, ref flow))
                {
                    return null;
                }

                chain = AfterUnwrap(call);
            }

            if (flow.Pending is not null)
            {
                // The chain ends with a task still to await (an unwrapped continuation): its value is that task awaited.
                flow = new Flow { Value = SyntaxFactory.AwaitExpression(Operand(flow.Pending)), HasValue = flow.PendingIsGeneric };
            }

            return Place(chain, flow);
        }

        private ExpressionSyntax AfterUnwrap(InvocationExpressionSyntax call)
            => NextIsUnwrap(call) ? (InvocationExpressionSyntax)call.Parent!.Parent! : call;

        private ContinuationChainPlan? Place(ExpressionSyntax chain, Flow flow)
        {
            var finalValue = flow.Value;
            var hasValue = finalValue is not null && flow.HasValue;
            var chainType = model.GetTypeInfo(chain, cancellationToken).Type;
            bool needsMakeAsync;
            StatementSyntax? statement;
            var isArrow = false;

            switch (chain.Parent)
            {
                case ReturnStatementSyntax returnStatement:
                    needsMakeAsync = true;
                    statement = returnStatement;
                    break;
                case ArrowExpressionClauseSyntax:
                case AnonymousFunctionExpressionSyntax lambdaOwner when lambdaOwner.Body == chain:
                    needsMakeAsync = true;
                    statement = null;
                    isArrow = true;
                    break;
                case AwaitExpressionSyntax awaitExpression:
                    needsMakeAsync = false;
                    switch (awaitExpression.Parent)
                    {
                        case ExpressionStatementSyntax expressionStatement:
                            statement = expressionStatement;
                            break;
                        case ReturnStatementSyntax returnStatement:
                            statement = returnStatement;
                            break;
                        case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } }:
                            statement = local;
                            break;
                        case ArrowExpressionClauseSyntax:
                        case AnonymousFunctionExpressionSyntax lambdaOwner when lambdaOwner.Body == awaitExpression:
                            statement = null;
                            isArrow = true;
                            break;
                        default:
                            return null;
                    }

                    if (finalValue is null && statement is not ExpressionStatementSyntax)
                    {
                        return null;
                    }

                    break;
                default:
                    // Fire-and-forget or stored: awaiting here would make the caller wait for the continuation.
                    return null;
            }

            if (needsMakeAsync)
            {
                if (FunctionSyntax.IsAsync(owner) || !AsyncOwner.CanMakeAsync(owner, model, cancellationToken))
                {
                    return null;
                }

                // The function's own return type decides what 'return value' means: Task<T> needs a value, Task none.
                var function = owner is AnonymousFunctionExpressionSyntax
                    ? model.GetSymbolInfo(owner, cancellationToken).Symbol as IMethodSymbol
                    : model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol;
                if (function is null
                    || !KnownTypes.Is(function.ReturnType.OriginalDefinition, types.IsGenericTaskType(chainType) ? types.TaskOfT : types.Task)
                    || types.IsGenericTaskType(chainType) != hasValue)
                {
                    return null;
                }
            }

            if (!FunctionSyntax.CanAwaitAt(chain, owner))
            {
                return null;
            }

            var bodyChange = ContinuationChainPlan.BodyChange.None;
            if (prelude.Count > 0 && isArrow)
            {
                // An expression body that needs statements becomes a block with the same meaning first.
                bodyChange = BlockBodyChange(chain);
                if (bodyChange == ContinuationChainPlan.BodyChange.None)
                {
                    return null;
                }
            }
            else if (prelude.Count > 0 && statement?.Parent is not BlockSyntax and not SwitchSectionSyntax)
            {
                return null;
            }

            var plan = new ContinuationChainPlan(owner, needsMakeAsync, isArrow ? null : statement, chain, prelude, finalValue, bodyChange);
            plan.Written.AddRange(written);
            return plan;
        }

        /// <summary>For a chain that is (or is awaited as) the expression body of a method, local function or lambda: the block it becomes.</summary>
        private ContinuationChainPlan.BodyChange BlockBodyChange(ExpressionSyntax chain)
        {
            var hasBody = owner is MethodDeclarationSyntax { ExpressionBody: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null } or LambdaExpressionSyntax { ExpressionBody: not null };
            if (!hasBody)
            {
                return ContinuationChainPlan.BodyChange.None;
            }

            if (chain.Parent is not AwaitExpressionSyntax)
            {
                return ContinuationChainPlan.BodyChange.Return;
            }

            var function = owner is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(owner, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol;
            return function is null ? ContinuationChainPlan.BodyChange.None
                : types.IsGenericTaskType(function.ReturnType) ? ContinuationChainPlan.BodyChange.Return
                : ContinuationChainPlan.BodyChange.Statement;
        }

        private static StatementSyntax LocalDeclaration(string name, ExpressionSyntax value)
        {
            return SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                                .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
                .WithAdditionalAnnotations(FixAnnotations.Format);
        }

        private static ExpressionSyntax Invoke(ExpressionSyntax receiver, string name, ExpressionSyntax argument)
        {
            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
        }

        /// <summary>An expression usable as the operand of <c>await</c> or of a member access.</summary>
        private static ExpressionSyntax Operand(ExpressionSyntax expression)
        {
            var bare = expression.WithoutTrivia();
            return bare is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
                ? bare
                : SyntaxFactory.ParenthesizedExpression(bare);
        }

        /// <summary>Parenthesized for safety wherever it lands; the simplifier drops parentheses that are not needed.</summary>
        private static ExpressionSyntax Parenthesized(ExpressionSyntax expression)
        {
            var bare = expression.WithoutTrivia();
            if (bare is IdentifierNameSyntax or ParenthesizedExpressionSyntax)
            {
                return bare;
            }

            return SyntaxFactory.ParenthesizedExpression(bare).WithAdditionalAnnotations(FixAnnotations.Simplify);
        }
    }
}
