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
            => CanMakeAsync(owner, model, cancellationToken, movedIntoLambda: null);

        /// <summary>
        /// As above, ignoring the statements in <paramref name="movedIntoLambda"/>: a fix moves them into a lambda (a span
        /// created inside <c>Task.Run</c>), so their ref locals do not stay in the function that becomes async.
        /// </summary>
        public static bool CanMakeAsync(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken, IReadOnlyList<SyntaxNode>? movedIntoLambda)
        {
            if (FunctionSyntax.IsAsync(owner))
            {
                return true;
            }

            var types = KnownTypes.Create(model.Compilation);
            var function = FunctionSymbol(owner, model, cancellationToken);
            if (function is null || HasRefParameters(function))
            {
                return false;
            }

            if (FunctionSyntax.Body(owner) is not { } body || ContainsRefLocalOrYield(body, model, movedIntoLambda, cancellationToken))
            {
                return false;
            }

            if (types.IsAwaitableReturnType(function.ReturnType))
            {
                // Only the returns change; each must be something we can await or unwrap.
                foreach (var returned in ReturnedExpressions(owner))
                {
                    if (Classify(returned, function.ReturnType, model, types, cancellationToken) == ReturnShape.Unsupported)
                    {
                        return false;
                    }
                }

                return owner is not AccessorDeclarationSyntax and not OperatorDeclarationSyntax and not ConversionOperatorDeclarationSyntax;
            }

            switch (owner)
            {
                case MethodDeclarationSyntax method:
                    // Changing the signature of an override or interface implementation breaks the contract.
                    if (function.ReturnsVoid && IsEventHandler(function, types))
                    {
                        return true;
                    }

                    return !function.IsOverride
                        && function.ExplicitInterfaceImplementations.IsEmpty
                        && !ImplementsInterfaceMember(function)
                        && method.ReturnType is not RefTypeSyntax;
                case LocalFunctionStatementSyntax local:
                    return local.ReturnType is not RefTypeSyntax;
                case AnonymousFunctionExpressionSyntax:
                    // A lambda's type comes from its target: only an event-handler-shaped void delegate may become async void.
                    return function.ReturnsVoid && IsEventHandler(function, types);
                default:
                    return false;
            }
        }

        /// <summary>Records in <paramref name="editor"/> the edits that make <paramref name="owner"/> async. Call <see cref="CanMakeAsync"/> first.</summary>
        public static void Apply(DocumentEditor editor, SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            if (FunctionSyntax.IsAsync(owner))
            {
                return;
            }

            var types = KnownTypes.Create(model.Compilation);
            var function = FunctionSymbol(owner, model, cancellationToken);
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
                if (!IsEventHandler(function, types) && owner is not AnonymousFunctionExpressionSyntax)
                {
                    newReturnType = AwaitSyntax.TaskTypeName();
                }
            }
            else if (ReturnTypeSyntax(owner) is { } returnType)
            {
                newReturnType = AwaitSyntax.GenericTaskTypeName(returnType);
            }

            editor.ReplaceNode(owner, (current, _) => AddAsyncModifier(current, newReturnType));
        }

        private enum ReturnShape
        {
            Unsupported,
            Await,
            Unwrap,
            Completed,
        }

        private static void RewriteReturns(DocumentEditor editor, SyntaxNode owner, ITypeSymbol returnType, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            var body = FunctionSyntax.Body(owner);
            var isGeneric = types.IsGenericTaskType(returnType);

            if (body is ExpressionSyntax or ArrowExpressionClauseSyntax)
            {
                var expression = body is ArrowExpressionClauseSyntax arrow ? arrow.Expression : (ExpressionSyntax)body;
                switch (Classify(expression, returnType, model, types, cancellationToken))
                {
                    case ReturnShape.Unwrap:
                        editor.ReplaceNode(expression, (current, _) => Unwrapped(current).WithTriviaFrom(current));
                        break;
                    case ReturnShape.Completed:
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

            foreach (var returnStatement in ReturnStatements(owner))
            {
                var expression = returnStatement.Expression;
                if (expression is null)
                {
                    continue;
                }

                var isLast = returnStatement.Parent == block && block.Statements.LastOrDefault() == returnStatement;
                switch (Classify(expression, returnType, model, types, cancellationToken))
                {
                    case ReturnShape.Unwrap:
                        editor.ReplaceNode(expression, (current, _) => Unwrapped(current).WithTriviaFrom(current));
                        break;
                    case ReturnShape.Completed:
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

        private static ReturnShape Classify(ExpressionSyntax expression, ITypeSymbol returnType, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            var isGeneric = types.IsGenericTaskType(returnType);
            var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;

            if (symbol is IMethodSymbol { Name: "FromResult", Parameters.Length: 1 } fromResult
                && (KnownTypes.Is(fromResult.ContainingType, types.Task) || KnownTypes.Is(fromResult.ContainingType, types.ValueTask))
                && expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 })
            {
                return isGeneric ? ReturnShape.Unwrap : ReturnShape.Unsupported;
            }

            if (symbol is IPropertySymbol { Name: "CompletedTask", IsStatic: true } completed
                && (KnownTypes.Is(completed.ContainingType, types.Task) || KnownTypes.Is(completed.ContainingType, types.ValueTask)))
            {
                return isGeneric ? ReturnShape.Unsupported : ReturnShape.Completed;
            }

            var convertedType = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            if (expression is BaseObjectCreationExpressionSyntax creation
                && symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && (KnownTypes.Is(constructor.ContainingType.OriginalDefinition, types.ValueTask) || KnownTypes.Is(constructor.ContainingType.OriginalDefinition, types.ValueTaskOfT)))
            {
                var arguments = creation.ArgumentList?.Arguments.Count ?? 0;
                if (arguments == 0 && !isGeneric)
                {
                    return ReturnShape.Completed;
                }

                if (arguments == 1 && isGeneric && constructor.Parameters[0].Type.Equals(((INamedTypeSymbol)convertedType!).TypeArguments[0], SymbolEqualityComparer.Default))
                {
                    return ReturnShape.Unwrap;
                }

                return ReturnShape.Await;
            }

            if (expression.IsKind(SyntaxKind.DefaultLiteralExpression) || expression.IsKind(SyntaxKind.DefaultExpression) || expression.IsKind(SyntaxKind.NullLiteralExpression))
            {
                // default(Task) is null (awaiting it throws); default(ValueTask) is a completed task.
                return !isGeneric && KnownTypes.Is(returnType.OriginalDefinition, types.ValueTask) && !expression.IsKind(SyntaxKind.NullLiteralExpression)
                    ? ReturnShape.Completed
                    : ReturnShape.Unsupported;
            }

            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            return types.IsAwaitableReturnType(type) ? ReturnShape.Await : ReturnShape.Unsupported;
        }

        private static IEnumerable<ExpressionSyntax> ReturnedExpressions(SyntaxNode owner)
        {
            var body = FunctionSyntax.Body(owner);
            if (body is ArrowExpressionClauseSyntax arrow)
            {
                yield return arrow.Expression;
                yield break;
            }

            if (body is ExpressionSyntax expression)
            {
                yield return expression;
                yield break;
            }

            foreach (var returnStatement in ReturnStatements(owner))
            {
                if (returnStatement.Expression is not null)
                {
                    yield return returnStatement.Expression;
                }
            }
        }

        /// <summary>The owner's own return statements, not those of nested lambdas and local functions.</summary>
        private static IEnumerable<ReturnStatementSyntax> ReturnStatements(SyntaxNode owner)
        {
            if (FunctionSyntax.Body(owner) is not BlockSyntax block)
            {
                yield break;
            }

            foreach (var node in block.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax returnStatement)
                {
                    yield return returnStatement;
                }
            }
        }

        /// <summary>Ref locals, ref-struct and pointer locals cannot live across an await; an iterator cannot simply become async.</summary>
        private static bool IsWithin(SyntaxNode node, IReadOnlyList<SyntaxNode> containers)
        {
            foreach (var container in containers)
            {
                if (container.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsRefLocalOrYield(SyntaxNode body, SemanticModel model, IReadOnlyList<SyntaxNode>? movedIntoLambda, CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (movedIntoLambda is not null && IsWithin(node, movedIntoLambda))
                {
                    continue;
                }

                if (node is VariableDeclarationSyntax declaration)
                {
                    if (declaration.Type is RefTypeSyntax)
                    {
                        return true;
                    }

                    var type = model.GetTypeInfo(declaration.Type, cancellationToken).Type;
                    if (type is { IsRefLikeType: true } || type is IPointerTypeSymbol)
                    {
                        return true;
                    }
                }
                else if (node is UnsafeStatementSyntax or StackAllocArrayCreationExpressionSyntax or YieldStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasRefParameters(IMethodSymbol function)
        {
            foreach (var parameter in function.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type is IPointerTypeSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>(object sender, SomeEventArgs e) returning void: the one place async void is right.</summary>
        public static bool IsEventHandler(IMethodSymbol method, KnownTypes types)
        {
            return method.ReturnsVoid
                && method.Parameters.Length == 2
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
                && types.IsEventArgs(method.Parameters[1].Type);
        }

        private static IMethodSymbol? FunctionSymbol(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            return owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
                _ => model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol,
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
