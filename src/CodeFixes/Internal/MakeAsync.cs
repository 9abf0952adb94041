using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>
    /// Turns a function into an <c>async</c> one so that a fix can place an <c>await</c> in it:
    /// adds the modifier; rewrites the <c>return</c>s of an awaitable-returning function
    /// (<c>return Task.FromResult(x)</c> to <c>return x</c>, <c>return t</c> to <c>return await t</c> or <c>await t; return;</c>);
    /// changes <c>void</c> to <c>Task</c> and <c>T</c> to <c>Task&lt;T&gt;</c> for methods and local functions, except that an
    /// event handler stays <c>async void</c>. It never produces <c>async void</c> anywhere else: <see cref="CanMakeAsync"/> says no.
    /// </summary>
    internal static class MakeAsync
    {
        public static bool CanMakeAsync(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
            => AsyncOwner.CanMakeAsync(owner, model, cancellationToken);

        /// <inheritdoc cref="AsyncOwner.CanMakeAsync(SyntaxNode, SemanticModel, CancellationToken, IReadOnlyList{SyntaxNode}?)"/>
        public static bool CanMakeAsync(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken, IReadOnlyList<SyntaxNode>? movedIntoLambda)
            => AsyncOwner.CanMakeAsync(owner, model, cancellationToken, movedIntoLambda);

        public static bool IsEventHandler(IMethodSymbol method, KnownTypes types) => AsyncOwner.IsEventHandler(method, types);

        /// <summary>Records in <paramref name="editor"/> the edits that make <paramref name="owner"/> async. Call <see cref="CanMakeAsync"/> first.</summary>
        public static void Apply(DocumentEditor editor, SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            if (FunctionSyntax.IsAsync(owner))
            {
                return;
            }

            var types = KnownTypes.Create(model.Compilation);
            var function = AsyncOwner.FunctionSymbol(owner, model, cancellationToken);
            if (function is null)
            {
                return;
            }

            TypeSyntax? newReturnType = null;
            if (types.IsAwaitableReturnType(function.ReturnType))
            {
                RewriteReturns(editor, owner, function.ReturnType, model, types, cancellationToken);
            }
            else if (function.ReturnsVoid)
            {
                if (!AsyncOwner.IsEventHandler(function, types) && owner is not AnonymousFunctionExpressionSyntax)
                {
                    newReturnType = AwaitSyntax.TaskTypeName();
                }
            }
            else if (ReturnTypeSyntax(owner) is { } returnType)
            {
                newReturnType = AwaitSyntax.GenericTaskTypeName(returnType);
            }

            DiscardUnawaitedTasks(editor, owner, model, types, cancellationToken);
            editor.ReplaceNode(owner, (current, _) => AddAsyncModifier(current, newReturnType));
        }

        /// <summary>
        /// A task-returning call used as a statement was fine in the synchronous function; once it is <c>async</c> the
        /// compiler warns (CS4014) that it is not awaited. Awaiting it would change when the code runs, so it becomes
        /// <c>_ = Call();</c>: the same fire-and-forget, said out loud.
        /// </summary>
        private static void DiscardUnawaitedTasks(DocumentEditor editor, SyntaxNode owner, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            if (FunctionSyntax.Body(owner) is not BlockSyntax block)
            {
                return;
            }

            foreach (var node in block.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation }
                    && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: false } method
                    && types.IsAwaitableReturnType(method.ReturnType))
                {
                    editor.ReplaceNode(node, (current, generator) =>
                    {
                        var statement = (ExpressionStatementSyntax)current;
                        if (statement.Expression is AwaitExpressionSyntax)
                        {
                            return current;
                        }

                        var discard = SyntaxFactory.AssignmentExpression(
                            SyntaxKind.SimpleAssignmentExpression,
                            SyntaxFactory.IdentifierName("_"),
                            statement.Expression.WithoutLeadingTrivia());
                        return statement.WithExpression(discard.WithLeadingTrivia(statement.Expression.GetLeadingTrivia()));
                    });
                }
            }
        }

        private static void RewriteReturns(DocumentEditor editor, SyntaxNode owner, ITypeSymbol returnType, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            var body = FunctionSyntax.Body(owner);
            var isGeneric = types.IsGenericTaskType(returnType);

            if (body is ExpressionSyntax or ArrowExpressionClauseSyntax)
            {
                var expression = body is ArrowExpressionClauseSyntax arrow ? arrow.Expression : (ExpressionSyntax)body;
                switch (AsyncOwner.Classify(expression, returnType, model, types, cancellationToken))
                {
                    case AsyncOwner.ReturnShape.Unwrap:
                        editor.ReplaceNode(expression, (current, _) => Unwrapped(current).WithTriviaFrom(current));
                        break;
                    case AsyncOwner.ReturnShape.Completed:
                        // "=> Task.CompletedTask" becomes an empty block body.
                        ReplaceExpressionBodyWithEmptyBlock(editor, owner, body);
                        break;
                    default:
                        editor.ReplaceNode(expression, (current, _) => AwaitSyntax.Await((ExpressionSyntax)current, current));
                        break;
                }

                return;
            }

            if (body is not BlockSyntax block)
            {
                return;
            }

            foreach (var returnStatement in AsyncOwner.ReturnStatements(owner))
            {
                var expression = returnStatement.Expression;
                if (expression is null)
                {
                    continue;
                }

                var isLast = returnStatement.Parent == block && block.Statements.LastOrDefault() == returnStatement;
                switch (AsyncOwner.Classify(expression, returnType, model, types, cancellationToken))
                {
                    case AsyncOwner.ReturnShape.Unwrap:
                        editor.ReplaceNode(expression, (current, _) => Unwrapped(current).WithTriviaFrom(current));
                        break;
                    case AsyncOwner.ReturnShape.Completed:
                        if (isLast)
                        {
                            editor.RemoveNode(returnStatement, RemoveOptions(returnStatement));
                        }
                        else
                        {
                            editor.ReplaceNode(returnStatement, (current, _) => ((ReturnStatementSyntax)current).WithExpression(null)
                                .WithReturnKeyword(((ReturnStatementSyntax)current).ReturnKeyword.WithTrailingTrivia()));
                        }

                        break;
                    default:
                        if (isGeneric)
                        {
                            editor.ReplaceNode(expression, (current, _) => AwaitSyntax.Await((ExpressionSyntax)current, current));
                        }
                        else if (isLast)
                        {
                            editor.ReplaceNode(returnStatement, (current, _) => AwaitStatement((ReturnStatementSyntax)current));
                        }
                        else if (returnStatement.Parent is BlockSyntax or SwitchSectionSyntax)
                        {
                            editor.InsertAfter(returnStatement, SyntaxFactory.ReturnStatement().WithAdditionalAnnotations(Formatter.Annotation));
                            editor.ReplaceNode(returnStatement, (current, _) => AwaitStatement((ReturnStatementSyntax)current));
                        }
                        else
                        {
                            editor.ReplaceNode(returnStatement, (current, _) => SyntaxFactory.Block(
                                    AwaitStatement((ReturnStatementSyntax)current).WithoutTrivia(),
                                    SyntaxFactory.ReturnStatement())
                                .WithTriviaFrom(current)
                                .WithAdditionalAnnotations(Formatter.Annotation));
                        }

                        break;
                }
            }
        }

        /// <summary>Keeps comments and directives in front of a removed statement; drops its bare indentation so the next line keeps its own.</summary>
        private static SyntaxRemoveOptions RemoveOptions(SyntaxNode removed)
        {
            foreach (var trivia in removed.GetLeadingTrivia())
            {
                if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return SyntaxRemoveOptions.KeepUnbalancedDirectives | SyntaxRemoveOptions.KeepLeadingTrivia;
                }
            }

            return SyntaxRemoveOptions.KeepUnbalancedDirectives | SyntaxRemoveOptions.KeepNoTrivia;
        }

        private static StatementSyntax AwaitStatement(ReturnStatementSyntax returnStatement)
        {
            var awaited = AwaitSyntax.Await(returnStatement.Expression!, returnStatement.Expression!);
            return SyntaxFactory.ExpressionStatement(awaited.WithoutTrivia())
                .WithTriviaFrom(returnStatement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static void ReplaceExpressionBodyWithEmptyBlock(DocumentEditor editor, SyntaxNode owner, SyntaxNode body)
        {
            editor.ReplaceNode(owner, (current, _) =>
            {
                var emptyBlock = SyntaxFactory.Block().WithAdditionalAnnotations(Formatter.Annotation);
                return current switch
                {
                    MethodDeclarationSyntax m => m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(emptyBlock),
                    LocalFunctionStatementSyntax l => l.WithExpressionBody(null).WithSemicolonToken(default).WithBody(emptyBlock),
                    ParenthesizedLambdaExpressionSyntax p => p.WithExpressionBody(null).WithBlock(emptyBlock),
                    SimpleLambdaExpressionSyntax s => s.WithExpressionBody(null).WithBlock(emptyBlock),
                    _ => current,
                };
            });
        }

        private static ExpressionSyntax Unwrapped(SyntaxNode current)
        {
            return current switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments[0].Expression,
                BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { Arguments.Count: 1 } list => list.Arguments[0].Expression,
                _ => (ExpressionSyntax)current,
            };
        }

        private static TypeSyntax? ReturnTypeSyntax(SyntaxNode owner)
        {
            return owner switch
            {
                MethodDeclarationSyntax method => method.ReturnType,
                LocalFunctionStatementSyntax local => local.ReturnType,
                _ => null,
            };
        }

        private static SyntaxNode AddAsyncModifier(SyntaxNode current, TypeSyntax? newReturnType)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword);
            switch (current)
            {
                case MethodDeclarationSyntax method:
                {
                    var returnType = newReturnType?.WithTriviaFrom(method.ReturnType) ?? method.ReturnType;
                    return method.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(WithAsync(method.Modifiers, method.ReturnType));
                }

                case LocalFunctionStatementSyntax local:
                {
                    var returnType = newReturnType?.WithTriviaFrom(local.ReturnType) ?? local.ReturnType;
                    return local.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(WithAsync(local.Modifiers, local.ReturnType));
                }

                case AnonymousFunctionExpressionSyntax lambda:
                {
                    var first = lambda.GetFirstToken();
                    var leading = first.LeadingTrivia;
                    var updated = lambda.ReplaceToken(first, first.WithLeadingTrivia());
                    return ((AnonymousFunctionExpressionSyntax)updated)
                        .WithAsyncKeyword(asyncKeyword.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space));
                }

                default:
                    return current;
            }
        }

        /// <summary>Adds <c>async</c> last among the modifiers (after <c>static</c>, <c>public</c>...), taking over the trivia the return type had in front.</summary>
        private static SyntaxTokenList WithAsync(SyntaxTokenList modifiers, TypeSyntax originalReturnType)
        {
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (modifiers.Count == 0)
            {
                return SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(originalReturnType.GetLeadingTrivia()));
            }

            return modifiers.Add(asyncKeyword);
        }
    }
}
