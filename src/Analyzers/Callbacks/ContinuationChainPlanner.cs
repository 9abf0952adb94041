using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>What the ASYNC201 fix does at one site: statements to insert before <see cref="Statement"/>, and the value that replaces the awaited chain.</summary>
    internal sealed class ContinuationChainPlan
    {
        public static readonly SyntaxAnnotation ValueAnnotation = new SyntaxAnnotation("ASYNC201.value");
        private static readonly SyntaxAnnotation VoidAnnotation = new SyntaxAnnotation("ASYNC201.void");

        public ContinuationChainPlan(SyntaxNode owner, bool needsMakeAsync, StatementSyntax? statement, ExpressionSyntax chain, List<StatementSyntax> prelude, ExpressionSyntax? finalValue)
            : this(owner, needsMakeAsync, statement, chain, prelude, finalValue, BodyChange.None)
        {
        }

        public ContinuationChainPlan(SyntaxNode owner, bool needsMakeAsync, StatementSyntax? statement, ExpressionSyntax chain, List<StatementSyntax> prelude, ExpressionSyntax? finalValue, BodyChange bodyChange)
        {
            ExpressionBodyChange = bodyChange;
            Owner = owner;
            NeedsMakeAsync = needsMakeAsync;
            Statement = statement;
            Chain = chain;
            Prelude = prelude;
            FinalValue = finalValue;
        }

        /// <summary>Members the rewrite writes that a linked target framework may lack (see <see cref="CallbackTargets"/>).</summary>
        public List<ISymbol> Written { get; } = new List<ISymbol>();

        /// <summary>How an expression body that needs statements becomes a block before the plan is applied.</summary>
        internal enum BodyChange
        {
            None,

            /// <summary><c>=&gt; e</c> becomes <c>{ return e; }</c>.</summary>
            Return,

            /// <summary><c>=&gt; await e</c> in a function without a value becomes <c>{ await e; }</c>.</summary>
            Statement,
        }

        public SyntaxNode Owner { get; }

        /// <summary>
        /// Not <see cref="BodyChange.None"/> when the chain is an expression body and the rewrite needs statements: the fixer
        /// first turns the body into a block (the same code), then plans again and applies that plan.
        /// </summary>
        public BodyChange ExpressionBodyChange { get; }

        /// <summary>The owner with its expression body written as a block, as <see cref="ExpressionBodyChange"/> says.</summary>
        public static SyntaxNode WithBlockBody(SyntaxNode owner, BodyChange change)
        {
            var expression = owner switch
            {
                MethodDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                LocalFunctionStatementSyntax { ExpressionBody: { } body } => body.Expression,
                LambdaExpressionSyntax { ExpressionBody: { } body } => body,
                _ => null,
            };
            if (expression is null || change == BodyChange.None)
            {
                return owner;
            }

            StatementSyntax statement = change == BodyChange.Return
                ? SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
            var block = SyntaxFactory.Block(statement).WithAdditionalAnnotations(FixAnnotations.Format);
            return owner switch
            {
                MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
                LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(local.SemicolonToken.TrailingTrivia)),
                LambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
                _ => owner,
            };
        }

        public bool NeedsMakeAsync { get; }

        /// <summary>The statement that returns or awaits the chain; null for an expression body.</summary>
        public StatementSyntax? Statement { get; }

        /// <summary>The whole chain expression (the outermost call).</summary>
        public ExpressionSyntax Chain { get; }

        public List<StatementSyntax> Prelude { get; }

        /// <summary>The chain's value once awaited; null when the last continuation is a statement block without a value.</summary>
        public ExpressionSyntax? FinalValue { get; }

        public static ExpressionSyntax VoidMarker()
            => SyntaxFactory.IdentifierName("__async201_void").WithAdditionalAnnotations(VoidAnnotation);

        /// <summary>
        /// The chain was replaced by a marker, and the function made async wrapped it in <c>await</c> (or the source
        /// already awaited it). The marker stands for an already awaited value: the <c>await</c> around it goes, and a
        /// statement that only awaited a value-less chain goes entirely.
        /// </summary>
        public static SyntaxNode ResolveMarkers(SyntaxNode root)
        {
            while (true)
            {
                var marker = FindFirst(root, ValueAnnotation) ?? FindFirst(root, VoidAnnotation);
                if (marker is null)
                {
                    return root;
                }

                var isVoid = marker.HasAnnotation(VoidAnnotation);
                var clean = marker.WithoutAnnotations(ValueAnnotation).WithoutAnnotations(VoidAnnotation);
                SyntaxNode target = marker;
                while (target.Parent is ParenthesizedExpressionSyntax)
                {
                    target = target.Parent;
                }

                if (target.Parent is AwaitExpressionSyntax awaitExpression)
                {
                    target = awaitExpression;
                }

                if (isVoid && target.Parent is ExpressionStatementSyntax statement)
                {
                    root = root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!;
                    continue;
                }

                if (target.Parent is ExpressionStatementSyntax && clean is ExpressionSyntax value && !IsStatementExpression(value))
                {
                    clean = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), value.WithoutTrivia())
                        .WithAdditionalAnnotations(FixAnnotations.Format);
                }

                root = root.ReplaceNode(target, clean.WithTriviaFrom(target));
            }
        }

        private static SyntaxNode? FindFirst(SyntaxNode root, SyntaxAnnotation annotation)
        {
            foreach (var node in root.GetAnnotatedNodes(annotation))
            {
                return node;
            }

            return null;
        }

        internal static bool IsStatementExpression(ExpressionSyntax expression)
        {
            return expression is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax
                || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression)
                || expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression);
        }
    }

    /// <summary>
    /// Decides whether one ASYNC201 site can be rewritten without changing what it does, and how. Preconditions:
    /// the chain is returned from a Task-returning function or awaited as a whole statement; every continuation is a
    /// one-parameter lambda with no scheduler, state, token or options other than ExecuteSynchronously, PreferFairness,
    /// DenyChildAttach (and NotOnCanceled where it reads Result first); a continuation
    /// reads its antecedent only through <c>.Result</c>, and the first such read runs before anything else in the
    /// continuation (so the awaited exception surfaces where Result would have thrown); a continuation that ignores its
    /// antecedent is only the first link (rewritten as an await that does not throw); inlined locals do not collide.
    /// </summary>
    internal sealed class ContinuationChainPlanner
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

        private bool TryContinueWith(InvocationExpressionSyntax call, ref Flow flow)
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count is < 1 or > 2 || arguments[0].NameColon is not null && arguments[0].NameColon!.Name.Identifier.Text != "continuationAction" && arguments[0].NameColon!.Name.Identifier.Text != "continuationFunction")
            {
                return false;
            }

            var notOnCanceled = arguments.Count == 2 && CancelsWhereAwaitDoes(arguments[1].Expression);
            if (arguments.Count == 2 && !notOnCanceled && !IsHarmlessOptions(arguments[1].Expression))
            {
                return false;
            }

            if (arguments[0].Expression is not LambdaExpressionSyntax lambda || ParameterOf(lambda) is not { } parameterSyntax)
            {
                return false;
            }

            if (model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol)
            {
                return false;
            }

            var uses = Uses(lambda, parameter);
            var substitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            if (uses.Count == 0)
            {
                if (notOnCanceled)
                {
                    // It ran after a fault but not after a cancellation: no single await says that.
                    return false;
                }

                // The continuation runs whatever the antecedent's outcome: wait for it without throwing. Only the first
                // link's task can be waited for this way: after an earlier link (also an unwrapped one, whose task holds
                // that link's await), a failure before it would now skip this continuation.
                if (laterLink || flow.Pending is null || !TryAddSuppressedAwait(flow.Pending, flow.PendingIsGeneric))
                {
                    return false;
                }
            }
            else
            {
                if (flow.Pending is null && (flow.Value is null || !flow.HasValue))
                {
                    return false;
                }

                var results = new List<MemberAccessExpressionSyntax>();
                foreach (var use in uses)
                {
                    if (use.Parent is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Result" } result
                        || result.Expression != use
                        || InsideNestedFunction(use, lambda))
                    {
                        return false;
                    }

                    results.Add(result);
                }

                results.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
                var firstRead = results[0];
                if (!IsEvaluatedFirst(firstRead, lambda.Body) || !FunctionSyntax.CanAwaitAt(firstRead, lambda))
                {
                    return false;
                }

                var value = flow.Pending is not null
                    ? (ExpressionSyntax)SyntaxFactory.AwaitExpression(Operand(flow.Pending))
                    : flow.Value!;
                if (results.Count == 1)
                {
                    substitutions.Add(firstRead, Parenthesized(value));
                }
                else
                {
                    var name = NewName("result");
                    if (name is null)
                    {
                        return false;
                    }

                    prelude.Add(LocalDeclaration(name, value));
                    foreach (var result in results)
                    {
                        substitutions.Add(result, SyntaxFactory.IdentifierName(name));
                    }
                }
            }

            return TryInlineBody(lambda, lambdaSymbol, substitutions, call, ref flow);
        }

        /// <summary>
        /// A returned single continuation that branches on <c>IsFaulted</c>:
        /// <c>x =&gt; x.IsFaulted ? f : s</c> or <c>{ if (x.IsFaulted) { ...; return f; } ...; return s; }</c>. It becomes
        /// <c>try { result = await t; } catch (Exception ex) when (!(ex is OperationCanceledException)) { ...; return f; }</c>
        /// followed by the success branch. The fault branch may read the failure only as <c>x.Exception.InnerException</c>
        /// (the exception await rethrows); a cancelled antecedent keeps taking the success branch, where Result threw.
        /// </summary>
        private bool TryFaultBranch(InvocationExpressionSyntax call, ExpressionSyntax antecedent, ITypeSymbol? antecedentType, out Flow flow)
        {
            flow = default;
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count is < 1 or > 2 || arguments.Count == 2 && !IsHarmlessOptions(arguments[1].Expression)
                || arguments[0].Expression is not LambdaExpressionSyntax lambda || lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                || ParameterOf(lambda) is not { } parameterSyntax
                || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol
                || types.IsAwaitableReturnType(lambdaSymbol.ReturnType))
            {
                return false;
            }

            // Evaluating the antecedent inside the try must not catch what it throws synchronously.
            var antecedentSymbol = model.GetSymbolInfo(antecedent, cancellationToken).Symbol;
            if (antecedentSymbol is not ILocalSymbol and not IParameterSymbol and not IMethodSymbol { IsAsync: true })
            {
                return false;
            }

            // Split the body into the fault branch and the success branch.
            SyntaxNode? condition;
            SyntaxNode faultBranch;
            SyntaxNode successBranch;
            var producesValue = !lambdaSymbol.ReturnsVoid;
            List<StatementSyntax> successStatements;
            if (lambda.Body is ConditionalExpressionSyntax conditional && producesValue)
            {
                condition = conditional.Condition;
                faultBranch = conditional.WhenTrue;
                successBranch = conditional.WhenFalse;
                successStatements = new List<StatementSyntax>();
            }
            else if (lambda.Body is BlockSyntax { Statements.Count: > 0 } block && block.Statements[0] is IfStatementSyntax ifStatement)
            {
                condition = ifStatement.Condition;
                faultBranch = ifStatement.Statement;
                if (ifStatement.Else is { } elseClause)
                {
                    if (block.Statements.Count != 1)
                    {
                        return false;
                    }

                    successBranch = elseClause.Statement;
                }
                else
                {
                    // Without else the fault branch must leave the continuation, or the success branch would run after it.
                    if (!EndsWithReturn(faultBranch))
                    {
                        return false;
                    }

                    successBranch = block;
                }

                successStatements = new List<StatementSyntax>();
            }
            else
            {
                return false;
            }

            // IsFaulted: the branch is the catch of what await rethrows; IsCanceled: the catch of OperationCanceledException.
            if (condition is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsFaulted" or "IsCanceled", Expression: IdentifierNameSyntax tested } check
                || tested.Identifier.ValueText != parameter.Name)
            {
                return false;
            }

            var checksCancellation = check.Name.Identifier.ValueText == "IsCanceled";

            if (!LocalsAreFree(lambda))
            {
                return false;
            }

            var isGeneric = types.IsGenericTaskType(antecedentType);
            if (!isGeneric)
            {
                return false;
            }

            var resultName = NewName("result");
            var exceptionName = checksCancellation ? "" : NewName("exception");
            if (resultName is null || exceptionName is null)
            {
                return false;
            }

            var faultSubstitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            var successSubstitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            SyntaxNode? firstSuccessRead = null;
            foreach (var use in Uses(lambda, parameter))
            {
                if (use == tested)
                {
                    continue;
                }

                if (InsideNestedFunction(use, lambda))
                {
                    return false;
                }

                if (faultBranch.Span.Contains(use.Span))
                {
                    if (checksCancellation || InnerExceptionRead(use) is not { } read)
                    {
                        return false;
                    }

                    faultSubstitutions.Add(read, SyntaxFactory.IdentifierName(exceptionName).WithTriviaFrom(read));
                }
                else if (successBranch.Span.Contains(use.Span) && isGeneric
                    && use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result && result.Expression == use)
                {
                    successSubstitutions.Add(result, SyntaxFactory.IdentifierName(resultName!).WithTriviaFrom(result));
                    if (firstSuccessRead is null || result.SpanStart < firstSuccessRead.SpanStart)
                    {
                        firstSuccessRead = result;
                    }
                }
                else
                {
                    return false;
                }
            }

            // A cancelled antecedent is not faulted: the success branch ran and threw at its first Result read, where the
            // rewrite lets the await throw. So that read must come first, and there must be one.
            if (firstSuccessRead is null)
            {
                return false;
            }

            var readsFirst = successBranch == lambda.Body
                ? IsEvaluatedFirstAfterIf(firstSuccessRead, (BlockSyntax)successBranch)
                : IsEvaluatedFirst(firstSuccessRead, successBranch);
            if (!readsFirst)
            {
                return false;
            }

            var newFault = faultSubstitutions.Count == 0 ? faultBranch : faultBranch.ReplaceNodes(faultSubstitutions.Keys, (original, _) => faultSubstitutions[original]);
            var newSuccess = successSubstitutions.Count == 0 ? successBranch : successBranch.ReplaceNodes(successSubstitutions.Keys, (original, _) => successSubstitutions[original]);

            // The catch body: the fault branch, ending in a return of its value.
            var catchStatements = new List<StatementSyntax>();
            if (newFault is ExpressionSyntax faultValue)
            {
                catchStatements.Add(SyntaxFactory.ReturnStatement(faultValue.WithoutTrivia()));
            }
            else
            {
                catchStatements.AddRange(newFault is BlockSyntax faultBlock ? faultBlock.Statements : SyntaxFactory.SingletonList((StatementSyntax)newFault));
                if (!EndsWithReturn(newFault))
                {
                    if (producesValue)
                    {
                        return false;
                    }

                    catchStatements.Add(SyntaxFactory.ReturnStatement());
                }
            }

            var exceptionType = SyntaxFactory.ParseTypeName("global::System.Exception").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
            var cancelledType = SyntaxFactory.ParseTypeName("global::System.OperationCanceledException").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
            var filter = SyntaxFactory.PrefixUnaryExpression(
                SyntaxKind.LogicalNotExpression,
                SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.IsExpression, SyntaxFactory.IdentifierName(exceptionName), cancelledType)));
            var catchClause = checksCancellation
                ? SyntaxFactory.CatchClause(SyntaxFactory.CatchDeclaration(cancelledType), null, SyntaxFactory.Block(catchStatements))
                : SyntaxFactory.CatchClause(
                    SyntaxFactory.CatchDeclaration(exceptionType, SyntaxFactory.Identifier(exceptionName)),
                    SyntaxFactory.CatchFilterClause(filter),
                    SyntaxFactory.Block(catchStatements));

            ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(Operand(antecedent));
            StatementSyntax tryStatement = isGeneric
                ? SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(resultName!), awaited))
                : SyntaxFactory.ExpressionStatement(awaited);
            if (isGeneric)
            {
                var resultType = ((INamedTypeSymbol)antecedentType!).TypeArguments[0];
                var typeSyntax = SyntaxFactory.ParseTypeName(resultType.ToMinimalDisplayString(model, call.SpanStart)).WithAdditionalAnnotations(FixAnnotations.Simplify);
                prelude.Add(SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(typeSyntax, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(resultName!))))
                    .WithAdditionalAnnotations(FixAnnotations.Format));
            }

            prelude.Add(SyntaxFactory.TryStatement(SyntaxFactory.Block(tryStatement), SyntaxFactory.SingletonList(catchClause), null).WithAdditionalAnnotations(FixAnnotations.Format));

            // The success branch follows the try statement.
            ExpressionSyntax? value = null;
            if (newSuccess is ExpressionSyntax successValue)
            {
                value = successValue.WithoutTrivia();
            }
            else
            {
                var statements = newSuccess is BlockSyntax successBlock
                    ? (IReadOnlyList<StatementSyntax>)successBlock.Statements
                    : new[] { (StatementSyntax)newSuccess };
                var start = successBranch == lambda.Body ? 1 : 0;
                var end = statements.Count;
                if (producesValue)
                {
                    if (end <= start || statements[end - 1] is not ReturnStatementSyntax { Expression: { } returned })
                    {
                        return false;
                    }

                    value = returned.WithoutTrivia();
                    end--;
                }

                for (var i = start; i < end; i++)
                {
                    if (ContainsReturn(statements[i]))
                    {
                        return false;
                    }

                    prelude.Add(statements[i].WithAdditionalAnnotations(FixAnnotations.Format));
                }
            }

            flow = new Flow { Value = value, HasValue = producesValue };
            return true;
        }

        private static bool EndsWithReturn(SyntaxNode branch)
        {
            return branch switch
            {
                ReturnStatementSyntax => true,
                BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax,
                _ => false,
            };
        }

        private static bool ContainsReturn(SyntaxNode node)
        {
            foreach (var descendant in node.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (descendant is ReturnStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>In a continuation body <c>{ if (...) {...} rest }</c>: is the read the first thing the rest evaluates?</summary>
        private static bool IsEvaluatedFirstAfterIf(SyntaxNode read, BlockSyntax body)
        {
            if (body.Statements.Count < 2 || !body.Statements[1].Span.Contains(read.Span))
            {
                return false;
            }

            return IsEvaluatedFirst(read, body.Statements[1]);
        }

        /// <summary><c>x.Exception.InnerException</c> (also with <c>?.</c> or <c>!</c>): the exception await rethrows.</summary>
        private static SyntaxNode? InnerExceptionRead(IdentifierNameSyntax use)
        {
            if (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exception" } exception && exception.Expression == use)
            {
                SyntaxNode current = exception;
                if (current.Parent is PostfixUnaryExpressionSyntax bang && bang.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                {
                    current = bang;
                }

                if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InnerException" } inner && inner.Expression == current)
                {
                    // The caught exception is never null: a '!' after InnerException goes with it.
                    return inner.Parent is PostfixUnaryExpressionSyntax innerBang && innerBang.IsKind(SyntaxKind.SuppressNullableWarningExpression)
                        ? innerBang
                        : inner;
                }

                if (current.Parent is ConditionalAccessExpressionSyntax conditional && conditional.Expression == current
                    && conditional.WhenNotNull is MemberBindingExpressionSyntax { Name.Identifier.ValueText: "InnerException" })
                {
                    return conditional;
                }
            }

            return null;
        }

        private bool TryFactoryContinuation(InvocationExpressionSyntax call, IMethodSymbol method, ref Flow flow)
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count != 2 || arguments[0].NameColon is not null || arguments[1].NameColon is not null)
            {
                return false;
            }

            // The tasks are referenced again by the rewrite: only a local or parameter can be read twice safely.
            var tasks = arguments[0].Expression as IdentifierNameSyntax;
            var tasksSymbol = tasks is null ? null : model.GetSymbolInfo(tasks, cancellationToken).Symbol;
            if (tasks is null || tasksSymbol is not ILocalSymbol and not IParameterSymbol
                || model.GetTypeInfo(tasks, cancellationToken).Type is not IArrayTypeSymbol arrayType)
            {
                return false;
            }

            if (arguments[1].Expression is not LambdaExpressionSyntax lambda || ParameterOf(lambda) is not { } parameterSyntax
                || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol lambdaSymbol)
            {
                return false;
            }

            var uses = Uses(lambda, parameter);
            var substitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            var taskType = AwaitSyntax.TaskTypeName();
            if (method.Name == "ContinueWhenAll")
            {
                // The continuation runs once every task is done, whatever their outcome, and gets the same array.
                ExpressionSyntax whenAll = Invoke(taskType, "WhenAll", tasks.WithoutTrivia());
                if (!TryAddSuppressedAwait(whenAll, types.IsGenericTaskType(arrayType.ElementType)))
                {
                    return false;
                }

                foreach (var use in uses)
                {
                    substitutions.Add(use, tasks.WithoutTrivia().WithTriviaFrom(use));
                }
            }
            else
            {
                // WhenAny completes with the first finished task and never throws: the continuation's argument.
                ExpressionSyntax whenAny = SyntaxFactory.AwaitExpression(Invoke(taskType, "WhenAny", tasks.WithoutTrivia()));
                if (uses.Count == 0)
                {
                    prelude.Add(SyntaxFactory.ExpressionStatement(whenAny).WithAdditionalAnnotations(FixAnnotations.Format));
                }
                else
                {
                    if (!IsFreeName(parameter.Name, lambda))
                    {
                        return false;
                    }

                    prelude.Add(LocalDeclaration(parameter.Name, whenAny));
                }
            }

            return TryInlineBody(lambda, lambdaSymbol, substitutions, call, ref flow);
        }

        /// <summary>Appends the continuation's body to the prelude and leaves its value in <paramref name="flow"/>.</summary>
        private bool TryInlineBody(LambdaExpressionSyntax lambda, IMethodSymbol lambdaSymbol, Dictionary<SyntaxNode, SyntaxNode> substitutions, InvocationExpressionSyntax call, ref Flow flow)
        {
            if (!LocalsAreFree(lambda))
            {
                return false;
            }

            var isAsync = lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
            var returnsAwaitable = types.IsAwaitableReturnType(lambdaSymbol.ReturnType);
            var producesValue = isAsync ? types.IsGenericTaskType(lambdaSymbol.ReturnType) : !lambdaSymbol.ReturnsVoid;
            var body = substitutions.Count == 0
                ? lambda.Body
                : lambda.Body.ReplaceNodes(substitutions.Keys, (original, _) => substitutions[original]);

            ExpressionSyntax? value = null;
            var isVoid = false;
            if (body is ExpressionSyntax expression)
            {
                value = expression.WithoutTrivia();
                isVoid = !producesValue;
            }
            else if (body is BlockSyntax block)
            {
                var returns = ReturnsOf(block);
                var statements = block.Statements;
                if (producesValue)
                {
                    if (returns.Count != 1 || statements.Count == 0 || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: { } returned } last || returns[0].SpanStart != last.SpanStart)
                    {
                        return false;
                    }

                    for (var i = 0; i < statements.Count - 1; i++)
                    {
                        prelude.Add(statements[i].WithAdditionalAnnotations(FixAnnotations.Format));
                    }

                    value = returned.WithoutTrivia();
                }
                else
                {
                    if (returns.Count != 0)
                    {
                        return false;
                    }

                    foreach (var statement in statements)
                    {
                        prelude.Add(statement.WithAdditionalAnnotations(FixAnnotations.Format));
                    }

                    isVoid = true;
                }
            }
            else
            {
                return false;
            }

            var unwrapped = NextIsUnwrap(call);
            if (returnsAwaitable != unwrapped)
            {
                // A continuation that returns a task without Unwrap hands out a task of a task: not a shape to guess at.
                return false;
            }

            if (returnsAwaitable && !isAsync)
            {
                // Unwrap of a task-returning continuation: the next link waits for the returned task.
                if (value is null || isVoid)
                {
                    return false;
                }

                flow = new Flow { Pending = value, PendingIsGeneric = types.IsGenericTaskType(lambdaSymbol.ReturnType) };
                return true;
            }

            flow = new Flow { Value = value, HasValue = !isVoid };
            return true;
        }

        private bool NextIsUnwrap(InvocationExpressionSyntax call)
        {
            return call.Parent is MemberAccessExpressionSyntax { Name.Identifier.Text: "Unwrap" } memberAccess
                && memberAccess.Expression == call
                && memberAccess.Parent is InvocationExpressionSyntax unwrapCall
                && unwrapCall.ArgumentList.Arguments.Count == 0
                && model.GetSymbolInfo(unwrapCall, cancellationToken).Symbol is IMethodSymbol unwrap
                && methods.IsUnwrap(unwrap.ReducedFrom ?? unwrap);
        }

        private bool TryAddSuppressedAwait(ExpressionSyntax task, bool isGeneric)
        {
            var isSimple = CallbackTargets.IsSimpleTask(task, model, cancellationToken);
            var name = isSimple || targets.ConfigureAwaitWithOptions is not null ? null : NewName("task");
            if (targets.SuppressedAwait(task, isGeneric, isSimple, name, written) is not { } statements)
            {
                return false;
            }

            prelude.AddRange(statements);
            return true;
        }

        private bool IsHarmlessOptions(ExpressionSyntax expression) => Options(expression) is { } options && (options & ~HarmlessOptions) == 0;

        /// <summary>
        /// Options that do not change whether the continuation runs, nor the outcome of its task: ExecuteSynchronously and
        /// PreferFairness say where and in which order it runs; DenyChildAttach keeps tasks it starts from attaching to it,
        /// which an async method never waits for either. The others (OnlyOnRanToCompletion, NotOnFaulted, HideScheduler,
        /// RunContinuationsAsynchronously...) change when or whether it runs, which the rewrite cannot say the same way; see
        /// <see cref="CancelsWhereAwaitDoes"/> for the one exception.
        /// </summary>
        private const TaskContinuationOptions HarmlessOptions =
            TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.PreferFairness | TaskContinuationOptions.DenyChildAttach;

        /// <summary>
        /// NotOnCanceled (with harmless options) on a continuation that reads the antecedent's Result first: a cancelled
        /// antecedent cancels the continuation's task, and the rewrite's await throws TaskCanceledException there, which
        /// cancels the async method's task: the same outcome. Any other outcome runs the continuation in both. (Without
        /// NotOnCanceled the rewrite is the same; OnlyOnRanToCompletion and NotOnFaulted are not: a fault would cancel the
        /// continuation's task, where the await rethrows the fault.)
        /// </summary>
        private bool CancelsWhereAwaitDoes(ExpressionSyntax expression)
            => Options(expression) is { } options
                && (options & TaskContinuationOptions.NotOnCanceled) != 0
                && (options & ~(HarmlessOptions | TaskContinuationOptions.NotOnCanceled)) == 0;

        private TaskContinuationOptions? Options(ExpressionSyntax expression)
        {
            var constant = model.GetConstantValue(expression, cancellationToken);
            return constant.HasValue
                && KnownTypes.Is(model.GetTypeInfo(expression, cancellationToken).Type, model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskContinuationOptions"))
                && constant.Value is int value
                    ? (TaskContinuationOptions)value
                    : null;
        }

        private static ParameterSyntax? ParameterOf(LambdaExpressionSyntax lambda)
        {
            return lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                _ => null,
            };
        }

        private List<IdentifierNameSyntax> Uses(LambdaExpressionSyntax lambda, IParameterSymbol parameter)
        {
            var uses = new List<IdentifierNameSyntax>();
            foreach (var node in lambda.Body.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier
                    && identifier.Identifier.ValueText == parameter.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
                {
                    uses.Add(identifier);
                }
            }

            return uses;
        }

        private static bool InsideNestedFunction(SyntaxNode node, LambdaExpressionSyntax lambda)
        {
            for (var current = node.Parent; current is not null && current != lambda; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="read"/> is evaluated unconditionally and before anything with a visible effect in
        /// <paramref name="body"/>: then awaiting first and running the rest after is the same sequence, including when the
        /// antecedent failed (Result would have thrown at that very point).
        /// </summary>
        internal static bool IsEvaluatedFirst(SyntaxNode read, SyntaxNode body)
        {
            for (SyntaxNode node = read; node != body; node = node.Parent!)
            {
                var parent = node.Parent;
                switch (parent)
                {
                    case null:
                        return false;
                    case ConditionalExpressionSyntax conditional when conditional.Condition != node:
                    case BinaryExpressionSyntax binary when binary.Right == node
                        && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression)):
                    case AssignmentExpressionSyntax assignment when assignment.Right == node && assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression):
                    case ConditionalAccessExpressionSyntax conditionalAccess when conditionalAccess.WhenNotNull == node:
                    case SwitchExpressionArmSyntax:
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BlockSyntax block when block.Statements.Count == 0 || block.Statements[0] != node:
                    case IfStatementSyntax ifStatement when ifStatement.Condition != node:
                    case SwitchStatementSyntax switchStatement when switchStatement.Expression != node:
                    case ForEachStatementSyntax forEach when forEach.Expression != node:
                    case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax:
                    case UsingStatementSyntax or LockStatementSyntax or CheckedStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or LabeledStatementSyntax:
                        return false;
                }
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node.Span.End > read.SpanStart)
                {
                    continue;
                }

                switch (node)
                {
                    case InvocationExpressionSyntax:
                    case BaseObjectCreationExpressionSyntax:
                    case AssignmentExpressionSyntax:
                    case AwaitExpressionSyntax:
                    case ElementAccessExpressionSyntax:
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                    case PostfixUnaryExpressionSyntax:
                        return false;
                }
            }

            return true;
        }

        private static List<ReturnStatementSyntax> ReturnsOf(BlockSyntax block)
        {
            var returns = new List<ReturnStatementSyntax>();
            foreach (var node in block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax returnStatement)
                {
                    returns.Add(returnStatement);
                }
            }

            return returns;
        }

        /// <summary>Locals the continuation declares move into the function: their names must not appear anywhere else in it.</summary>
        private bool LocalsAreFree(LambdaExpressionSyntax lambda)
        {
            foreach (var node in lambda.Body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                var declared = node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax forEach => forEach.Identifier,
                    CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
                    LocalFunctionStatementSyntax localFunction => localFunction.Identifier,
                    _ => default,
                };
                if (declared.IsKind(SyntaxKind.IdentifierToken) && !IsFreeName(declared.ValueText, lambda))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="name"/> occurs in the function only inside <paramref name="within"/>, and was not generated already.</summary>
        private bool IsFreeName(string name, SyntaxNode within)
        {
            if (generatedNames.Contains(name))
            {
                return false;
            }

            var inside = 0;
            foreach (var token in within.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    inside++;
                }
            }

            CountIdentifiers().TryGetValue(name, out var total);
            if (total != inside)
            {
                return false;
            }

            generatedNames.Add(name);
            return true;
        }

        private string? NewName(string baseName)
        {
            var counts = CountIdentifiers();
            for (var i = 1; i < 100; i++)
            {
                var name = i == 1 ? baseName : baseName + i;
                if (!counts.ContainsKey(name) && generatedNames.Add(name))
                {
                    return name;
                }
            }

            return null;
        }

        private Dictionary<string, int> CountIdentifiers()
        {
            if (identifierCounts is null)
            {
                identifierCounts = new Dictionary<string, int>();
                foreach (var token in owner.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        identifierCounts.TryGetValue(token.ValueText, out var count);
                        identifierCounts[token.ValueText] = count + 1;
                    }
                }
            }

            return identifierCounts;
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
