using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>ASYNC204: whether an awaiter callback can become an await, and the statements that replace it. Used by the analyzer (no finding without a rewrite) and by the fixer.</summary>
    internal static class AwaiterCallbackPlanner
    {
        internal sealed class Site
        {
            public Site(SyntaxNode owner, StatementSyntax statement, List<StatementSyntax> replacement)
            {
                Owner = owner;
                Statement = statement;
                Replacement = replacement;
            }

            public SyntaxNode Owner { get; }

            public StatementSyntax Statement { get; }

            public List<StatementSyntax> Replacement { get; }

            /// <summary>Members the rewrite writes that a linked target framework may lack.</summary>
            public List<ISymbol> Written { get; } = new List<ISymbol>();
        }

        public static Site? TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CallbackTargets targets, CancellationToken cancellationToken)
            => TryGetSite(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, targets, cancellationToken);

        /// <summary>The rewrite of the finding at <paramref name="node"/>; null when none keeps its meaning.</summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            => TryGetSite(node, model, CallbackTargets.Of(model.Compilation), cancellationToken);

        /// <summary>
        /// The rewrite of the finding at <paramref name="node"/> that writes only members of <paramref name="targets"/>; null
        /// when none keeps its meaning. Without <c>ConfigureAwaitOptions</c> there is none: ForceYielding (the callback always
        /// runs later, even after a completed task) has no equivalent that also keeps the callback's context.
        /// </summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax memberAccess } call
                || call.Parent is not ExpressionStatementSyntax statement
                || call.ArgumentList.Arguments.Count != 1
                || FunctionSyntax.FindOwner(call) is not { } owner
                || owner is not MethodDeclarationSyntax and not LocalFunctionStatementSyntax
                || FunctionSyntax.Body(owner) is not BlockSyntax body
                || statement.Parent != body
                || body.Statements[body.Statements.Count - 1] != statement)
            {
                // Anywhere but at the very end, the code after the call ran before the callback and would now run after it.
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            if (AsyncOwner.VoidFunctionThatCanReturnTask(owner, call, model, types, cancellationToken) is not { } function)
            {
                // A function that returns a task would make its callers wait for the callback.
                return null;
            }

            var callback = call.ArgumentList.Arguments[0].Expression;
            var callbackBody = callback switch
            {
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, AsyncKeyword.RawKind: 0 } lambda => (SyntaxNode)lambda.Body,
                AnonymousMethodExpressionSyntax { AsyncKeyword.RawKind: 0, ParameterList: null or { Parameters.Count: 0 } } anonymous => anonymous.Block,
                _ => null,
            };
            if (callbackBody is null || !LocalsAreFree(callback, owner))
            {
                return null;
            }

            if (AwaitedTask(memberAccess.Expression, body, model, cancellationToken, out var continueOnCapturedContext) is not { } task)
            {
                return null;
            }

            if (targets.ConfigureAwaitWithOptions is not { } configureAwait)
            {
                return null;
            }

            var isGeneric = KnownTypes.Create(model.Compilation).IsGenericTaskType(model.GetTypeInfo(task, cancellationToken).Type);
            var replacement = new List<StatementSyntax>
            {
                AwaitStatement(task, isGeneric, continueOnCapturedContext).WithLeadingTrivia(statement.GetLeadingTrivia()),
            };
            if (callbackBody is BlockSyntax block)
            {
                foreach (var inner in block.Statements)
                {
                    replacement.Add(inner.WithAdditionalAnnotations(FixAnnotations.Format));
                }
            }
            else
            {
                replacement.Add(SyntaxFactory.ExpressionStatement(((ExpressionSyntax)callbackBody).WithoutTrivia()).WithAdditionalAnnotations(FixAnnotations.Format));
            }

            replacement[replacement.Count - 1] = replacement[replacement.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
            var site = new Site(owner, statement, replacement);
            site.Written.Add(configureAwait);
            return site;
        }

        /// <summary>
        /// The task behind the awaiter: <c>task.GetAwaiter()</c>, <c>task.ConfigureAwait(bool).GetAwaiter()</c>, or a local
        /// initialized with one of those earlier in the same block when the task itself is a local or parameter (evaluating
        /// it again must not start anything).
        /// </summary>
        private static ExpressionSyntax? AwaitedTask(ExpressionSyntax receiver, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken, out bool continueOnCapturedContext)
        {
            continueOnCapturedContext = true;
            var requireSimpleTask = false;
            if (receiver is IdentifierNameSyntax awaiterName)
            {
                if (model.GetSymbolInfo(awaiterName, cancellationToken).Symbol is not ILocalSymbol local
                    || local.DeclaringSyntaxReferences.Length != 1
                    || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
                    || declarator.Parent?.Parent?.Parent != body)
                {
                    return null;
                }

                receiver = initializer;
                requireSimpleTask = true;
            }

            if (receiver is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter, ArgumentList.Arguments.Count: 0 })
            {
                return null;
            }

            var awaitable = getAwaiter.Expression;
            var types = KnownTypes.Create(model.Compilation);
            if (awaitable is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure, ArgumentList.Arguments.Count: 1 } configureCall)
            {
                var flag = model.GetConstantValue(configureCall.ArgumentList.Arguments[0].Expression, cancellationToken);
                if (!flag.HasValue || flag.Value is not bool captured)
                {
                    return null;
                }

                continueOnCapturedContext = captured;
                awaitable = configure.Expression;
            }

            var type = model.GetTypeInfo(awaitable, cancellationToken).Type?.OriginalDefinition;
            if (!KnownTypes.Is(type, types.Task) && !KnownTypes.Is(type, types.TaskOfT))
            {
                // ValueTask can be consumed only once, and ConfigureAwaitOptions exist for Task only.
                return null;
            }

            if (requireSimpleTask && model.GetSymbolInfo(awaitable, cancellationToken).Symbol is not ILocalSymbol and not IParameterSymbol)
            {
                return null;
            }

            return awaitable;
        }

        private static StatementSyntax AwaitStatement(ExpressionSyntax task, bool isGeneric, bool continueOnCapturedContext)
        {
            var optionsType = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.ConfigureAwaitOptions")
                .WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
            ExpressionSyntax Option(string name) => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, optionsType, SyntaxFactory.IdentifierName(name));

            var flags = continueOnCapturedContext
                ? SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, Option("ContinueOnCapturedContext"), Option("ForceYielding"))
                : Option("ForceYielding");
            flags = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, flags, Option("SuppressThrowing"));

            // SuppressThrowing is only valid on a non-generic Task.
            ExpressionSyntax operand = isGeneric
                ? SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(AwaitSyntax.TaskTypeName(), task.WithoutTrivia()))
                : task.WithoutTrivia();
            var configured = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, operand, SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(flags))));
            return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(configured)).WithAdditionalAnnotations(FixAnnotations.Format);
        }

        /// <summary>Locals the callback declares move into the function: their names must not occur anywhere else in it.</summary>
        internal static bool LocalsAreFree(SyntaxNode callback, SyntaxNode owner)
        {
            var declared = DeclaredNames.Of(callback, includeParameters: false, intoNestedFunctions: false);
            if (declared.Count == 0)
            {
                return true;
            }

            foreach (var token in owner.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && declared.Contains(token.ValueText) && !callback.Span.Contains(token.Span))
                {
                    return false;
                }
            }

            return true;
        }    }
}
