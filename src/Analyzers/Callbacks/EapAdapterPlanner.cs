using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// ASYNC203 on a TaskCompletionSource adapter over an EAP operation that has a Task-based twin: the Task-returning
    /// function's last three statements are
    /// <c>client.XxxCompleted += (s, e) =&gt; { if (e.Error != null) tcs.SetException(e.Error); else if (e.Cancelled) tcs.SetCanceled(); else tcs.SetResult(e.Result); };
    /// client.XxxAsync(args); return tcs.Task;</c>, with <c>tcs</c> and <c>client</c> locals created in the function and
    /// used for nothing else. It becomes <c>return client.XxxTaskAsync(args);</c>: the twin's task faults with the
    /// operation's error, is cancelled when the operation is, and otherwise has its result, as the adapter's task did.
    /// All three branches are required: without the cancelled one, a cancelled operation threw at <c>e.Result</c> in the
    /// handler and the adapter's task never completed, which the twin would not reproduce.
    /// </summary>
    internal static class EapAdapterPlanner
    {
        public static EapCallbackPlanner.Site? TryGetSite(SyntaxNode node, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } eventAccess, RawKind: (int)SyntaxKind.AddAssignmentExpression } subscribe
                || subscribe.Parent is not ExpressionStatementSyntax subscription
                || FunctionSyntax.FindOwner(subscribe) is not { } owner
                || owner is not MethodDeclarationSyntax and not LocalFunctionStatementSyntax
                || owner is MethodDeclarationSyntax { Modifiers: var methodModifiers } && methodModifiers.Any(SyntaxKind.AsyncKeyword)
                || owner is LocalFunctionStatementSyntax { Modifiers: var localModifiers } && localModifiers.Any(SyntaxKind.AsyncKeyword)
                || FunctionSyntax.Body(owner) is not BlockSyntax body
                || subscription.Parent != body
                || body.Statements.Count < 5
                || body.Statements[body.Statements.Count - 3] != subscription
                || body.Statements[body.Statements.Count - 2] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax startAccess } startCall } start
                || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: IdentifierNameSyntax returnedSource } } returnStatement)
            {
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            var methods = CallbackMethods.Create(types);
            if (model.GetDeclaredSymbol(owner, cancellationToken) is not IMethodSymbol function
                || model.GetSymbolInfo(eventAccess, cancellationToken).Symbol is not IEventSymbol @event
                || methods.EapPrefix(@event) is not { } prefix
                || model.GetSymbolInfo(startCall, cancellationToken).Symbol is not IMethodSymbol startMethod
                || startMethod.Name != prefix + "Async"
                || !startMethod.ReturnsVoid
                || methods.EapTaskCounterpart(startMethod, prefix, out var dropsUserState) is not { } counterpart
                || !targets.IsAvailable(counterpart)
                || startAccess.Expression is not IdentifierNameSyntax startTarget
                || startTarget.Identifier.ValueText != target.Identifier.ValueText)
            {
                return null;
            }

            // The client: created here and used only to subscribe and start. The source: created here, completed only by the handler.
            if (model.GetSymbolInfo(target, cancellationToken).Symbol is not ILocalSymbol client
                || DeclarationIn(client, body, cancellationToken) is not { Initializer.Value: BaseObjectCreationExpressionSyntax }
                || EapCallbackPlanner.CountIdentifier(owner, client.Name) != 3
                || model.GetSymbolInfo(returnedSource, cancellationToken).Symbol is not ILocalSymbol source
                || DeclarationIn(source, body, cancellationToken) is not { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: null } } sourceDeclarator
                || sourceDeclarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax sourceDeclaration }
                || EapCallbackPlanner.CountIdentifier(owner, source.Name) != 5
                || !IsTaskCompletionSource(source.Type, methods))
            {
                return null;
            }

            // The returned task: Task<T> from a source of T with the twin returning Task<T>, or Task (then the value set does not matter).
            var returnsValue = types.IsGenericTaskType(function.ReturnType);
            if (returnsValue
                ? !SymbolEqualityComparer.Default.Equals(function.ReturnType, counterpart.ReturnType)
                    || source.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } sourceType
                    || function.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } returnType
                    || !SymbolEqualityComparer.Default.Equals(sourceType.TypeArguments[0], returnType.TypeArguments[0])
                : !KnownTypes.Is(function.ReturnType, types.Task))
            {
                return null;
            }

            var handler = subscribe.Right;
            var (args, handlerBody) = handler switch
            {
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2, AsyncKeyword.RawKind: 0 } lambda => (lambda.ParameterList.Parameters[1], (SyntaxNode)lambda.Body),
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 2, AsyncKeyword.RawKind: 0 } anonymous => (anonymous.ParameterList.Parameters[1], anonymous.Block),
                _ => (null!, null!),
            };
            if (handlerBody is null
                || model.GetDeclaredSymbol(args, cancellationToken) is not IParameterSymbol argsSymbol
                || !CompletesAsTheTwinDoes(handlerBody, argsSymbol, source, returnsValue, model, cancellationToken))
            {
                return null;
            }

            var arguments = startCall.ArgumentList.WithoutTrivia();
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    return null;
                }
            }

            if (dropsUserState)
            {
                // The state must be written at the call (not an omitted optional argument) to be the one dropped.
                if (arguments.Arguments.Count != startMethod.Parameters.Length)
                {
                    return null;
                }

                if (arguments.Arguments[arguments.Arguments.Count - 1].Expression is not LiteralExpressionSyntax and not IdentifierNameSyntax and not ThisExpressionSyntax)
                {
                    return null;
                }

                arguments = arguments.WithArguments(arguments.Arguments.RemoveAt(arguments.Arguments.Count - 1));
            }

            var operation = SyntaxFactory.InvocationExpression(startAccess.WithName(SyntaxFactory.IdentifierName(counterpart.Name)).WithoutTrivia(), arguments);
            var replacement = new List<StatementSyntax>
            {
                SyntaxFactory.ReturnStatement(operation)
                    .WithLeadingTrivia(subscription.GetLeadingTrivia())
                    .WithTrailingTrivia(returnStatement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(FixAnnotations.Format),
            };
            var site = new EapCallbackPlanner.Site(owner, subscription, start, replacement, makesOwnerAsync: false, new List<StatementSyntax> { sourceDeclaration, returnStatement });
            site.Written.Add(counterpart);
            return site;
        }

        private static VariableDeclaratorSyntax? DeclarationIn(ILocalSymbol local, BlockSyntax body, CancellationToken cancellationToken)
            => local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
                && declarator.Parent?.Parent?.Parent == body
                    ? declarator
                    : null;

        private static bool IsTaskCompletionSource(ITypeSymbol type, CallbackMethods methods)
            => KnownTypes.Is(type.OriginalDefinition, methods.TaskCompletionSourceOfT) || KnownTypes.Is(type, methods.TaskCompletionSource);

        /// <summary>
        /// <c>if (e.Error != null) src.SetException(e.Error); else if (e.Cancelled) src.SetCanceled(); else src.SetResult(e.Result);</c>
        /// (the two checks in either order, TrySet forms too, single statements or one-statement blocks); the success value is
        /// <c>e.Result</c> when the function returns a value, else anything without effect.
        /// </summary>
        private static bool CompletesAsTheTwinDoes(SyntaxNode handlerBody, IParameterSymbol args, ILocalSymbol source, bool returnsValue, SemanticModel model, CancellationToken cancellationToken)
        {
            var statement = handlerBody switch
            {
                BlockSyntax { Statements.Count: 1 } block => block.Statements[0],
                StatementSyntax single => single,
                _ => null,
            };
            if (statement is not IfStatementSyntax first
                || first.Else?.Statement is not IfStatementSyntax second
                || second.Else?.Statement is not { } success)
            {
                return false;
            }

            var errorFirst = EapCallbackPlanner.IsErrorCheck(first.Condition, args, model, cancellationToken)
                && EapCallbackPlanner.IsCancelledCheck(second.Condition, args, model, cancellationToken);
            var cancelledFirst = EapCallbackPlanner.IsCancelledCheck(first.Condition, args, model, cancellationToken)
                && EapCallbackPlanner.IsErrorCheck(second.Condition, args, model, cancellationToken);
            if (!errorFirst && !cancelledFirst)
            {
                return false;
            }

            var errorBranch = errorFirst ? first.Statement : second.Statement;
            var cancelledBranch = errorFirst ? second.Statement : first.Statement;
            return SourceCall(errorBranch, source, "SetException", model, cancellationToken) is { Count: 1 } error
                    && IsArgsMember(error[0].Expression, args, "Error", model, cancellationToken)
                && SourceCall(cancelledBranch, source, "SetCanceled", model, cancellationToken) is { Count: 0 }
                && SourceCall(success, source, "SetResult", model, cancellationToken) is { } result
                && (returnsValue
                    ? result.Count == 1 && IsArgsMember(result[0].Expression, args, "Result", model, cancellationToken)
                    : result.Count == 0 || result[0].Expression is LiteralExpressionSyntax or DefaultExpressionSyntax || IsArgsMember(result[0].Expression, args, "Result", model, cancellationToken));
        }

        /// <summary>The arguments of <c>source.Name(...)</c> or <c>source.TryName(...)</c> as the branch's only statement; null when it is something else.</summary>
        private static SeparatedSyntaxList<ArgumentSyntax>? SourceCall(StatementSyntax branch, ILocalSymbol source, string name, SemanticModel model, CancellationToken cancellationToken)
        {
            if (branch is BlockSyntax { Statements.Count: 1 } block)
            {
                branch = block.Statements[0];
            }

            return branch is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } call }
                && (access.Name.Identifier.ValueText == name || access.Name.Identifier.ValueText == "Try" + name)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, source)
                    ? call.ArgumentList.Arguments
                    : null;
        }

        private static bool IsArgsMember(ExpressionSyntax expression, IParameterSymbol args, string member, SemanticModel model, CancellationToken cancellationToken)
        {
            if (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang)
            {
                expression = bang.Operand;
            }

            return expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access
                && access.Name.Identifier.ValueText == member
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, args);
        }
    }
}
