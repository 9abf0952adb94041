using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>ASYNC203: whether an EAP subscription and start can become an await on the Task-based method, and the statements that replace them. Used by the analyzer (no finding without a rewrite) and by the fixer.</summary>
    internal static class EapCallbackPlanner
    {
        internal sealed class Site
        {
            public Site(SyntaxNode owner, StatementSyntax subscription, StatementSyntax start, List<StatementSyntax> replacement)
                : this(owner, subscription, start, replacement, makesOwnerAsync: true, new List<StatementSyntax>())
            {
            }

            public Site(SyntaxNode owner, StatementSyntax subscription, StatementSyntax start, List<StatementSyntax> replacement, bool makesOwnerAsync, List<StatementSyntax> alsoRemoved)
            {
                MakesOwnerAsync = makesOwnerAsync;
                AlsoRemoved = alsoRemoved;
                Owner = owner;
                Subscription = subscription;
                Start = start;
                Replacement = replacement;
            }

            public SyntaxNode Owner { get; }

            public StatementSyntax Subscription { get; }

            public StatementSyntax Start { get; }

            public List<StatementSyntax> Replacement { get; }

            /// <summary>Members the rewrite writes that a linked target framework may lack.</summary>
            public List<ISymbol> Written { get; } = new List<ISymbol>();

            /// <summary>False for a TaskCompletionSource adapter, which returns the task it builds: the function keeps its signature.</summary>
            public bool MakesOwnerAsync { get; }

            /// <summary>Statements removed along with the subscription and the start (the adapter's source declaration and return).</summary>
            public List<StatementSyntax> AlsoRemoved { get; }
        }

        public static Site? TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CallbackTargets targets, CancellationToken cancellationToken)
            => TryGetSite(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, targets, cancellationToken);

        /// <summary>The rewrite of the finding at <paramref name="node"/>; null when none keeps its meaning.</summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            => TryGetSite(node, model, CallbackTargets.Of(model.Compilation), cancellationToken);

        /// <summary>The rewrite of the finding at <paramref name="node"/> that writes only members of <paramref name="targets"/>; null when none keeps its meaning.</summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            if (EapAdapterPlanner.TryGetSite(node, model, targets, cancellationToken) is { } adapter)
            {
                return adapter;
            }

            if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } eventAccess } subscribe
                || subscribe.Parent is not ExpressionStatementSyntax subscription
                || FunctionSyntax.FindOwner(subscribe) is not { } owner
                || owner is not MethodDeclarationSyntax and not LocalFunctionStatementSyntax
                || FunctionSyntax.Body(owner) is not BlockSyntax body
                || subscription.Parent != body
                || body.Statements.Count < 2
                || body.Statements[body.Statements.Count - 2] != subscription
                || body.Statements[body.Statements.Count - 1] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax startCall } start)
            {
                // The code after the start call ran before the handler and would now run after it.
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            if (AsyncOwner.VoidFunctionThatCanReturnTask(owner, subscribe, model, types, cancellationToken) is not { } function)
            {
                return null;
            }

            var methods = CallbackMethods.Create(types);
            if (model.GetSymbolInfo(eventAccess, cancellationToken).Symbol is not IEventSymbol @event
                || methods.EapPrefix(@event) is not { } prefix
                || model.GetSymbolInfo(startCall, cancellationToken).Symbol is not IMethodSymbol startMethod
                || methods.EapTaskCounterpart(startMethod, prefix, out var dropsUserState) is not { } counterpart
                || !targets.IsAvailable(counterpart)
                || startCall.Expression is not MemberAccessExpressionSyntax startAccess)
            {
                return null;
            }

            // The object is created here and used for nothing else: no one else sees the subscription that goes away.
            if (model.GetSymbolInfo(target, cancellationToken).Symbol is not ILocalSymbol local
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax } declarator
                || declarator.Parent?.Parent?.Parent != body
                || CountIdentifier(owner, local.Name) != 3)
            {
                return null;
            }

            foreach (var argument in startCall.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    return null;
                }
            }

            // A user state the twin does not take is dropped: the handler may not read it (below), and evaluating it must do nothing.
            var arguments = startCall.ArgumentList.WithoutTrivia();
            if (dropsUserState)
            {
                // The state must be written at the call (not an omitted optional argument) to be the one dropped.
                if (arguments.Arguments.Count != startMethod.Parameters.Length)
                {
                    return null;
                }

                var state = arguments.Arguments[arguments.Arguments.Count - 1].Expression;
                if (state is not LiteralExpressionSyntax and not IdentifierNameSyntax and not ThisExpressionSyntax)
                {
                    return null;
                }

                arguments = arguments.WithArguments(arguments.Arguments.RemoveAt(arguments.Arguments.Count - 1));
            }

            var handler = subscribe.Right;
            var (sender, args, handlerBody) = handler switch
            {
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2, AsyncKeyword.RawKind: 0 } lambda
                    => (lambda.ParameterList.Parameters[0], lambda.ParameterList.Parameters[1], (SyntaxNode)lambda.Body),
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 2, AsyncKeyword.RawKind: 0 } anonymous
                    => (anonymous.ParameterList.Parameters[0], anonymous.ParameterList.Parameters[1], anonymous.Block),
                _ => (null!, null!, null!),
            };
            if (handlerBody is null
                || model.GetDeclaredSymbol(sender, cancellationToken) is not IParameterSymbol senderSymbol
                || model.GetDeclaredSymbol(args, cancellationToken) is not IParameterSymbol argsSymbol
                || !AwaiterCallbackPlanner.LocalsAreFree(handler, owner))
            {
                return null;
            }

            var operation = SyntaxFactory.InvocationExpression(
                startAccess.WithName(SyntaxFactory.IdentifierName(counterpart.Name)).WithoutTrivia(),
                arguments);
            if (TryErrorBranch(handlerBody, senderSymbol, argsSymbol, counterpart, operation, owner, model, cancellationToken) is { } withCatch)
            {
                withCatch[0] = withCatch[0].WithLeadingTrivia(subscription.GetLeadingTrivia());
                withCatch[withCatch.Count - 1] = withCatch[withCatch.Count - 1].WithTrailingTrivia(start.GetTrailingTrivia());
                var caught = new Site(owner, subscription, start, withCatch);
                caught.Written.Add(counterpart);
                return caught;
            }

            // The handler may read e.Result (the awaited value), and nothing else of e or the sender.
            var results = new List<MemberAccessExpressionSyntax>();
            foreach (var descendant in handlerBody.DescendantNodesAndSelf())
            {
                if (descendant is not IdentifierNameSyntax identifier)
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (SymbolEqualityComparer.Default.Equals(symbol, senderSymbol))
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(symbol, argsSymbol))
                {
                    if (identifier.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result || result.Expression != identifier)
                    {
                        return null;
                    }

                    results.Add(result);
                }
            }

            var replacement = new List<StatementSyntax>();
            var written = new List<ISymbol> { counterpart };
            SyntaxNode newBody;
            if (results.Count == 0)
            {
                // The handler ran whatever the outcome: wait for the operation without throwing. The call is not evaluated
                // inside the try of the fallback: what it throws synchronously propagated from the start call too.
                var name = targets.ConfigureAwaitWithOptions is not null ? null
                    : CountIdentifier(owner, "task") == 0 ? "task"
                    : null;
                if (targets.SuppressedAwait(operation, types.IsGenericTaskType(counterpart.ReturnType), isSimple: false, name, written) is not { } waited)
                {
                    return null;
                }

                replacement.AddRange(waited);
                newBody = handlerBody;
            }
            else
            {
                // e.Result threw when the operation failed: reading it first is the same as awaiting first.
                results.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
                if (counterpart.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } taskType
                    || !SymbolEqualityComparer.Default.Equals(taskType.TypeArguments[0], model.GetTypeInfo(results[0], cancellationToken).Type)
                    || !ContinuationChainPlanner.IsEvaluatedFirst(results[0], handlerBody))
                {
                    return null;
                }

                if (results.Count == 1)
                {
                    newBody = handlerBody.ReplaceNode(results[0], AwaitSyntax.Await(operation, results[0]));
                }
                else
                {
                    if (CountIdentifier(owner, "result") != 0)
                    {
                        return null;
                    }

                    replacement.Add(SyntaxFactory.LocalDeclarationStatement(
                            SyntaxFactory.VariableDeclaration(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.SingletonSeparatedList(
                                    SyntaxFactory.VariableDeclarator("result").WithInitializer(SyntaxFactory.EqualsValueClause(SyntaxFactory.AwaitExpression(operation))))))
                        .WithAdditionalAnnotations(FixAnnotations.Format));
                    newBody = handlerBody.ReplaceNodes(results, (original, _) => SyntaxFactory.IdentifierName("result").WithTriviaFrom(original));
                }
            }

            if (newBody is BlockSyntax block)
            {
                foreach (var inner in block.Statements)
                {
                    replacement.Add(inner.WithAdditionalAnnotations(FixAnnotations.Format));
                }
            }
            else
            {
                replacement.Add(SyntaxFactory.ExpressionStatement(((ExpressionSyntax)newBody).WithoutTrivia()).WithAdditionalAnnotations(FixAnnotations.Format));
            }

            replacement[0] = replacement[0].WithLeadingTrivia(subscription.GetLeadingTrivia());
            replacement[replacement.Count - 1] = replacement[replacement.Count - 1].WithTrailingTrivia(start.GetTrailingTrivia());
            var site = new Site(owner, subscription, start, replacement);
            site.Written.AddRange(written);
            return site;
        }

        /// <summary>
        /// A handler that starts with an <c>if</c> / <c>else if</c> chain on <c>e.Error != null</c> (or <c>is not null</c>) and
        /// <c>e.Cancelled</c>, followed by an else branch or, when every branch returns, by the rest of the handler, which
        /// reads <c>e.Result</c> first. It becomes <c>R result; try { result = await op; }</c> with
        /// <c>catch (OperationCanceledException)</c> for the cancelled branch and <c>catch (Exception exception)</c> for the
        /// error branch (filtered to leave cancellation alone when there is no cancelled branch), then the success branch.
        /// <c>e.Error</c> is the exception the Task-based method fails with.
        /// </summary>
        private static List<StatementSyntax>? TryErrorBranch(SyntaxNode handlerBody, IParameterSymbol sender, IParameterSymbol args, IMethodSymbol counterpart, ExpressionSyntax operation, SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            if (handlerBody is not BlockSyntax { Statements.Count: > 0 } block
                || block.Statements[0] is not IfStatementSyntax first
                || counterpart.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } taskType
                || CountIdentifier(owner, "result") != 0
                || CountIdentifier(owner, "exception") != 0)
            {
                return null;
            }

            // The branch chain: at most one error branch and one cancelled branch, in either order.
            StatementSyntax? errorBranch = null;
            StatementSyntax? cancelledBranch = null;
            var conditions = new List<ExpressionSyntax>();
            StatementSyntax? elseBranch = null;
            for (var current = first; current is not null;)
            {
                if (errorBranch is null && IsErrorCheck(current.Condition, args, model, cancellationToken))
                {
                    errorBranch = current.Statement;
                }
                else if (cancelledBranch is null && IsCancelledCheck(current.Condition, args, model, cancellationToken))
                {
                    cancelledBranch = current.Statement;
                }
                else
                {
                    return null;
                }

                conditions.Add(current.Condition);
                var next = current.Else?.Statement;
                if (next is IfStatementSyntax nextIf && (IsErrorCheck(nextIf.Condition, args, model, cancellationToken) || IsCancelledCheck(nextIf.Condition, args, model, cancellationToken)))
                {
                    current = nextIf;
                }
                else
                {
                    elseBranch = next;
                    current = null;
                }
            }

            SyntaxNode successRoot;
            if (elseBranch is not null)
            {
                if (block.Statements.Count != 1)
                {
                    return null;
                }

                successRoot = elseBranch;
            }
            else
            {
                // Without else every branch must leave the handler, or the success code would run after it.
                if (errorBranch is not null && !EndsWithReturn(errorBranch)
                    || cancelledBranch is not null && !EndsWithReturn(cancelledBranch)
                    || block.Statements.Count < 2)
                {
                    return null;
                }

                successRoot = block.Statements[1];
            }

            var substitutions = new Dictionary<SyntaxNode, SyntaxNode>();
            MemberAccessExpressionSyntax? firstResult = null;
            foreach (var descendant in handlerBody.DescendantNodesAndSelf())
            {
                if (descendant is not IdentifierNameSyntax identifier)
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (SymbolEqualityComparer.Default.Equals(symbol, sender))
                {
                    return null;
                }

                if (!SymbolEqualityComparer.Default.Equals(symbol, args) || conditions.Any(c => c.Span.Contains(identifier.Span)))
                {
                    continue;
                }

                if (identifier.Parent is not MemberAccessExpressionSyntax access || access.Expression != identifier)
                {
                    return null;
                }

                var inError = errorBranch is not null && errorBranch.Span.Contains(identifier.Span);
                var inCancelled = cancelledBranch is not null && cancelledBranch.Span.Contains(identifier.Span);
                if (inError && access.Name.Identifier.ValueText == "Error")
                {
                    substitutions.Add(access, SyntaxFactory.IdentifierName("exception").WithTriviaFrom(access));
                }
                else if (!inError && !inCancelled && access.Name.Identifier.ValueText == "Result")
                {
                    substitutions.Add(access, SyntaxFactory.IdentifierName("result").WithTriviaFrom(access));
                    if (firstResult is null || access.SpanStart < firstResult.SpanStart)
                    {
                        firstResult = access;
                    }
                }
                else
                {
                    return null;
                }
            }

            // Without a cancelled branch, a cancelled operation took the success branch and threw at its first Result read.
            if (firstResult is null
                || !SymbolEqualityComparer.Default.Equals(taskType.TypeArguments[0], model.GetTypeInfo(firstResult, cancellationToken).Type)
                || !successRoot.Span.Contains(firstResult.Span)
                || !ContinuationChainPlanner.IsEvaluatedFirst(firstResult, successRoot))
            {
                return null;
            }

            var branches = new List<SyntaxNode>(block.Statements.Skip(1));
            branches.AddRange(new[] { errorBranch, cancelledBranch, elseBranch }.Where(n => n is not null)!);
            var tracked = handlerBody.TrackNodes(branches.Concat(substitutions.Keys));
            var replacements = substitutions.ToDictionary(pair => tracked.GetCurrentNode(pair.Key)!, pair => pair.Value);
            var newBody = tracked.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);

            var catches = new List<CatchClauseSyntax>();
            if (cancelledBranch is not null)
            {
                var cancelledType = SyntaxFactory.ParseTypeName("global::System.OperationCanceledException").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
                catches.Add(SyntaxFactory.CatchClause(
                    SyntaxFactory.CatchDeclaration(cancelledType),
                    null,
                    SyntaxFactory.Block(BranchStatements(newBody.GetCurrentNode(cancelledBranch)!))));
            }

            if (errorBranch is not null)
            {
                var exceptionType = SyntaxFactory.ParseTypeName("global::System.Exception").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
                CatchFilterClauseSyntax? filter = null;
                if (cancelledBranch is null)
                {
                    var cancelledType = SyntaxFactory.ParseTypeName("global::System.OperationCanceledException").WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
                    filter = SyntaxFactory.CatchFilterClause(SyntaxFactory.PrefixUnaryExpression(
                        SyntaxKind.LogicalNotExpression,
                        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.IsExpression, SyntaxFactory.IdentifierName("exception"), cancelledType))));
                }

                catches.Add(SyntaxFactory.CatchClause(
                    SyntaxFactory.CatchDeclaration(exceptionType, SyntaxFactory.Identifier("exception")),
                    filter,
                    SyntaxFactory.Block(BranchStatements(newBody.GetCurrentNode(errorBranch)!))));
            }

            var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("result"), SyntaxFactory.AwaitExpression(operation)))),
                SyntaxFactory.List(catches),
                null);
            var resultType = SyntaxFactory.ParseTypeName(taskType.TypeArguments[0].ToMinimalDisplayString(model, handlerBody.SpanStart)).WithAdditionalAnnotations(FixAnnotations.Simplify);
            var replacement = new List<StatementSyntax>
            {
                SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(resultType, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator("result"))))
                    .WithAdditionalAnnotations(FixAnnotations.Format),
                tryStatement.WithAdditionalAnnotations(FixAnnotations.Format),
            };

            IEnumerable<StatementSyntax> success = elseBranch is not null
                ? Unblock(newBody.GetCurrentNode(elseBranch)!)
                : block.Statements.Skip(1).Select(statement => newBody.GetCurrentNode(statement)!);
            foreach (var statement in success)
            {
                replacement.Add(statement.WithAdditionalAnnotations(FixAnnotations.Format));
            }

            return replacement;
        }

        /// <summary>A branch's statements for a catch block, ending with <c>return;</c> so the success code after the try is skipped.</summary>
        private static List<StatementSyntax> BranchStatements(StatementSyntax branch)
        {
            var statements = new List<StatementSyntax>(Unblock(branch));
            if (!EndsWithReturn(branch))
            {
                statements.Add(SyntaxFactory.ReturnStatement());
            }

            return statements;
        }

        private static IReadOnlyList<StatementSyntax> Unblock(StatementSyntax statement)
            => statement is BlockSyntax block ? block.Statements : new[] { statement };

        internal static bool IsCancelledCheck(ExpressionSyntax condition, IParameterSymbol args, SemanticModel model, CancellationToken cancellationToken)
        {
            return condition is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cancelled", Expression: IdentifierNameSyntax target }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, args);
        }

        internal static bool IsErrorCheck(ExpressionSyntax condition, IParameterSymbol args, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax? tested = condition switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } binary => binary.Left,
                IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNull => isNotNull.Expression,
                _ => null,
            };
            return tested is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Error", Expression: IdentifierNameSyntax target }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, args);
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

        internal static int CountIdentifier(SyntaxNode owner, string name)
        {
            var count = 0;
            foreach (var token in owner.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
