using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    internal static partial class ApmCallbackPlanner
    {
        /// <summary>
        /// A TaskCompletionSource adapter over the APM pair, the Task-returning function's last three statements:
        /// <c>var tcs = new TaskCompletionSource&lt;R&gt;(); x.BeginXxx(args, ar =&gt; { try { tcs.SetResult(x.EndXxx(ar)); }
        /// catch (Exception e) { tcs.SetException(e); } }, null); return tcs.Task;</c> (a void End completes with any value
        /// in a function returning Task). It becomes <c>return x.XxxAsync(args);</c>, or <c>Task.Factory.FromAsync</c>
        /// when there is no Task-based method: the same task, faulted with the same exception.
        /// </summary>
        private static Site? TryGetAdapterSite(SyntaxNode node, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax { Expression: { } receiver } memberAccess } call
                || call.Parent is not ExpressionStatementSyntax statement
                || FunctionSyntax.FindOwner(call) is not { } owner
                || owner is not MethodDeclarationSyntax and not LocalFunctionStatementSyntax
                || FunctionSyntax.Body(owner) is not BlockSyntax body
                || statement.Parent != body
                || body.Statements.Count < 3
                || body.Statements[body.Statements.Count - 2] != statement
                || body.Statements[body.Statements.Count - 3] is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } sourceDeclaration
                || sourceDeclaration.Declaration.Variables[0] is not { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: null } } sourceVariable
                || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: IdentifierNameSyntax returnedSource } } returnStatement
                || returnedSource.Identifier.ValueText != sourceVariable.Identifier.ValueText)
            {
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            var methods = CallbackMethods.Create(types);
            if (model.GetDeclaredSymbol(sourceVariable, cancellationToken) is not ILocalSymbol source
                || source.Type is not INamedTypeSymbol sourceType
                || !(KnownTypes.Is(sourceType.OriginalDefinition, methods.TaskCompletionSourceOfT) || KnownTypes.Is(sourceType, methods.TaskCompletionSource))
                || model.GetDeclaredSymbol(owner, cancellationToken) is not IMethodSymbol function
                || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol begin
                || methods.ApmEnd(begin) is not { } end
                || !IsStableReceiver(receiver, model, cancellationToken))
            {
                return null;
            }

            // The function returns what the Task-based operation returns: Task<R> for an End returning R, Task for a void End.
            var returnsTask = end.ReturnsVoid
                ? KnownTypes.Is(function.ReturnType, types.Task)
                : function.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } returned
                    && KnownTypes.Is(returned.OriginalDefinition, types.TaskOfT)
                    && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], end.ReturnType)
                    && sourceType.TypeArguments.Length == 1
                    && SymbolEqualityComparer.Default.Equals(sourceType.TypeArguments[0], end.ReturnType);
            var arguments = call.ArgumentList.Arguments;
            if (!returnsTask || arguments.Count != begin.Parameters.Length || !FunctionSyntax.CanAwaitAt(call, owner))
            {
                return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    return null;
                }
            }

            if (arguments[arguments.Count - 1].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression }
                || arguments[arguments.Count - 2].Expression is not AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: 0 } callback
                || CallbackParameter(callback) is not { } parameterSyntax
                || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol parameter
                || !CompletesSourceWithEnd(callback.Body, source, parameter, receiver, end, model, cancellationToken))
            {
                return null;
            }

            // The source is used only here: declared, completed in the callback, returned.
            var uses = 0;
            foreach (var identifier in body.DescendantNodes())
            {
                if (identifier is IdentifierNameSyntax name && name.Identifier.ValueText == source.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, source)
                    && !callback.Span.Contains(name.Span) && name != returnedSource)
                {
                    uses++;
                }
            }

            if (uses != 0)
            {
                return null;
            }

            var operationArguments = new List<ExpressionSyntax>();
            for (var i = 0; i < arguments.Count - 2; i++)
            {
                operationArguments.Add(arguments[i].Expression.WithoutTrivia());
            }

            var counterpart = TaskCounterpart(begin, end, types) is { } twin && targets.IsAvailable(twin) ? twin : null;
            var operation = counterpart is not null
                ? SyntaxFactory.InvocationExpression(memberAccess.WithName(SyntaxFactory.IdentifierName(counterpart.Name)).WithoutTrivia(), Arguments(operationArguments))
                : FromAsync(receiver, begin, end, operationArguments, model, call.SpanStart);
            if (operation is null)
            {
                return null;
            }

            var replacement = new List<StatementSyntax>
            {
                SyntaxFactory.ReturnStatement(operation)
                    .WithLeadingTrivia(sourceDeclaration.GetLeadingTrivia())
                    .WithTrailingTrivia(returnStatement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(FixAnnotations.Format),
            };
            var adapter = new Site(owner, statement, replacement, counterpart is not null, null, makesOwnerAsync: false, new List<StatementSyntax> { sourceDeclaration, returnStatement });
            if (counterpart is not null)
            {
                adapter.Written.Add(counterpart);
            }

            return adapter;
        }

        /// <summary>
        /// <c>{ try { source.SetResult(x.EndXxx(ar)); } catch (Exception e) { source.SetException(e); } }</c> (or the TrySet forms;
        /// for a void End, <c>x.EndXxx(ar); source.SetResult(value);</c> in the try), with End on the Begin receiver.
        /// </summary>
        private static bool CompletesSourceWithEnd(CSharpSyntaxNode body, ILocalSymbol source, IParameterSymbol parameter, ExpressionSyntax receiver, IMethodSymbol end, SemanticModel model, CancellationToken cancellationToken)
        {
            if (body is not BlockSyntax { Statements.Count: 1 } block
                || block.Statements[0] is not TryStatementSyntax { Finally: null, Catches.Count: 1 } tryStatement
                || tryStatement.Catches[0] is not { Filter: null, Declaration: { Identifier.ValueText: { Length: > 0 } exceptionName } declaration, Block.Statements.Count: 1 } catchClause
                || !KnownTypes.Is(model.GetTypeInfo(declaration.Type, cancellationToken).Type, KnownTypes.Create(model.Compilation).Exception)
                || !IsSourceCall(catchClause.Block.Statements[0], source, "SetException", model, cancellationToken, out var failure)
                || failure is not IdentifierNameSyntax { Identifier.ValueText: var failureName }
                || failureName != exceptionName)
            {
                return false;
            }

            var statements = tryStatement.Block.Statements;
            ExpressionSyntax? endCall;
            if (end.ReturnsVoid)
            {
                if (statements.Count != 2
                    || statements[0] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax voidEnd }
                    || !IsSourceCall(statements[1], source, "SetResult", model, cancellationToken, out var value)
                    || value is not (LiteralExpressionSyntax or DefaultExpressionSyntax))
                {
                    return false;
                }

                endCall = voidEnd;
            }
            else if (statements.Count != 1 || !IsSourceCall(statements[0], source, "SetResult", model, cancellationToken, out endCall))
            {
                return false;
            }

            return endCall is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: { } endReceiver }, ArgumentList.Arguments: { Count: 1 } endArguments } invocation
                && endArguments[0].Expression is IdentifierNameSyntax argument
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(argument, cancellationToken).Symbol, parameter)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(invocation, cancellationToken).Symbol?.OriginalDefinition, end.OriginalDefinition)
                && SameReceiver(receiver, endReceiver, model, cancellationToken);
        }

        /// <summary><c>source.Name(arg);</c> or <c>source.TryName(arg);</c> as a statement.</summary>
        private static bool IsSourceCall(StatementSyntax statement, ILocalSymbol source, string name, SemanticModel model, CancellationToken cancellationToken, out ExpressionSyntax? argument)
        {
            argument = null;
            if (statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access, ArgumentList.Arguments: { Count: 1 } arguments } }
                || (access.Name.Identifier.ValueText != name && access.Name.Identifier.ValueText != "Try" + name)
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, source))
            {
                return false;
            }

            argument = arguments[0].Expression;
            return true;
        }
    }
}
