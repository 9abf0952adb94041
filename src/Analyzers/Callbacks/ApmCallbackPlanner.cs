using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>ASYNC202: whether an APM Begin call with its callback written in place can become an await, and the statements that replace it. Used by the analyzer (no finding without a rewrite) and by the fixer.</summary>
    internal static class ApmCallbackPlanner
    {
        internal sealed class Site
        {
            public Site(SyntaxNode owner, StatementSyntax statement, List<StatementSyntax> replacement, bool usesTaskCounterpart, MethodDeclarationSyntax? callbackMethod)
                : this(owner, statement, replacement, usesTaskCounterpart, callbackMethod, makesOwnerAsync: true, new List<StatementSyntax>())
            {
            }

            public Site(SyntaxNode owner, StatementSyntax statement, List<StatementSyntax> replacement, bool usesTaskCounterpart, MethodDeclarationSyntax? callbackMethod, bool makesOwnerAsync, List<StatementSyntax> alsoRemoved)
            {
                MakesOwnerAsync = makesOwnerAsync;
                AlsoRemoved = alsoRemoved;
                CallbackMethod = callbackMethod;
                Owner = owner;
                Statement = statement;
                Replacement = replacement;
                UsesTaskCounterpart = usesTaskCounterpart;
            }

            public SyntaxNode Owner { get; }

            public StatementSyntax Statement { get; }

            public List<StatementSyntax> Replacement { get; }

            public bool UsesTaskCounterpart { get; }

            /// <summary>Members the rewrite writes that a linked target framework may lack (the Task-based twin).</summary>
            public List<ISymbol> Written { get; } = new List<ISymbol>();

            /// <summary>False for a TaskCompletionSource adapter, which returns the task it builds: the function keeps its signature.</summary>
            public bool MakesOwnerAsync { get; }

            /// <summary>Statements replaced along with <see cref="Statement"/> (the adapter's source declaration and return).</summary>
            public List<StatementSyntax> AlsoRemoved { get; }

            /// <summary>The callback method inlined at its only use, to remove.</summary>
            public MethodDeclarationSyntax? CallbackMethod { get; }
        }

        public static Site? TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CallbackTargets targets, CancellationToken cancellationToken)
            => TryGetSite(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, targets, cancellationToken);

        /// <summary>The rewrite of the finding at <paramref name="node"/>; null when none keeps its meaning.</summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
            => TryGetSite(node, model, CallbackTargets.Of(model.Compilation), cancellationToken);

        /// <summary>
        /// The rewrite of the finding at <paramref name="node"/> that writes only members of <paramref name="targets"/> (a
        /// Task-based twin some target lacks gives way to <c>Task.Factory.FromAsync</c> over the same pair); null when none
        /// keeps its meaning.
        /// </summary>
        public static Site? TryGetSite(SyntaxNode node, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            if (TryGetAdapterSite(node, model, targets, cancellationToken) is { } adapter)
            {
                return adapter;
            }

            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                || call.Parent is not ExpressionStatementSyntax statement
                || FunctionSyntax.FindOwner(call) is not { } owner
                || owner is not MethodDeclarationSyntax and not LocalFunctionStatementSyntax
                || FunctionSyntax.Body(owner) is not BlockSyntax body
                || statement.Parent != body
                || body.Statements[body.Statements.Count - 1] != statement)
            {
                // Anywhere but at the very end, the code after Begin ran before the callback and would now run after it.
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            if (AsyncOwner.VoidFunctionThatCanReturnTask(owner, call, model, types, cancellationToken) is not { } function)
            {
                // A function that returns a task would make its callers wait for the callback.
                return null;
            }

            var methods = CallbackMethods.Create(types);
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol begin
                || methods.ApmEnd(begin) is not { } end
                || call.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver } memberAccess
                || !IsStableReceiver(receiver, model, cancellationToken))
            {
                return null;
            }

            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count != begin.Parameters.Length)
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

            // The state is not read by the rewritten code: it must be something whose evaluation does nothing.
            var state = arguments[arguments.Count - 1].Expression;
            if (state is not LiteralExpressionSyntax and not IdentifierNameSyntax and not ThisExpressionSyntax)
            {
                return null;
            }

            if (Callback(arguments[arguments.Count - 2].Expression, function, owner, model, cancellationToken) is not { } found)
            {
                return null;
            }

            var (callback, callbackBody, parameter, callbackMethod) = found;

            // The IAsyncResult is used for the End call on the same receiver, evaluated first in the callback, and for
            // AsyncState, which is the state argument.
            InvocationExpressionSyntax? endCall = null;
            var stateReads = new List<SyntaxNode>();
            foreach (var descendant in callbackBody.DescendantNodesAndSelf())
            {
                if (descendant is not IdentifierNameSyntax identifier
                    || identifier.Identifier.ValueText != parameter.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
                {
                    continue;
                }

                if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsyncState" } stateRead && stateRead.Expression == identifier)
                {
                    stateReads.Add(stateRead);
                    continue;
                }

                if (endCall is not null
                    || identifier.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax candidate } }
                    || candidate.Expression is not MemberAccessExpressionSyntax { Expression: { } endReceiver }
                    || model.GetSymbolInfo(candidate, cancellationToken).Symbol is not IMethodSymbol candidateMethod
                    || candidateMethod.Name != end.Name
                    || !SameReceiver(receiver, ReadsState(endReceiver, parameter, model, cancellationToken) ? state : endReceiver, model, cancellationToken))
                {
                    return null;
                }

                endCall = candidate;
            }

            if (endCall is null
                || !ContinuationChainPlanner.IsEvaluatedFirst(endCall, callbackBody)
                || !AwaiterCallbackPlanner.LocalsAreFree(callback, owner))
            {
                return null;
            }

            if (end.ReturnsVoid && endCall.Parent is not ExpressionStatementSyntax && endCall != callbackBody)
            {
                return null;
            }

            var operationArguments = new List<ExpressionSyntax>();
            for (var i = 0; i < arguments.Count - 2; i++)
            {
                operationArguments.Add(arguments[i].Expression.WithoutTrivia());
            }

            var counterpart = TaskCounterpart(begin, end, types) is { } twin && targets.IsAvailable(twin) ? twin : null;
            ExpressionSyntax operation;
            if (counterpart is not null)
            {
                operation = SyntaxFactory.InvocationExpression(
                    memberAccess.WithName(SyntaxFactory.IdentifierName(counterpart.Name)).WithoutTrivia(),
                    Arguments(operationArguments));
            }
            else if (FromAsync(receiver, begin, end, operationArguments, model, call.SpanStart) is { } fromAsync)
            {
                operation = fromAsync;
            }
            else
            {
                return null;
            }

            var awaited = AwaitSyntax.Await(operation, endCall);
            var newBody = callbackBody.ReplaceNodes(
                stateReads.Where(read => !endCall.Span.Contains(read.Span)).Append(endCall),
                (original, _) => original == endCall ? awaited : SyntaxFactory.ParenthesizedExpression(state.WithoutTrivia()).WithAdditionalAnnotations(FixAnnotations.Simplify).WithTriviaFrom(original));
            var replacement = new List<StatementSyntax>();
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

            if (replacement.Count == 0)
            {
                return null;
            }

            replacement[0] = replacement[0].WithLeadingTrivia(statement.GetLeadingTrivia());
            replacement[replacement.Count - 1] = replacement[replacement.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
            var site = new Site(owner, statement, replacement, counterpart is not null, callbackMethod);
            if (counterpart is not null)
            {
                site.Written.Add(counterpart);
            }

            return site;
        }

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
                || model.GetTypeInfo(declaration.Type, cancellationToken).Type?.ToDisplayString() != "System.Exception"
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

        /// <summary>
        /// The callback: a lambda or anonymous method, or a method group naming a private, non-virtual, non-generic method
        /// of the same type, declared once and referenced only here (a callback shared by two Begin sites is not inlined),
        /// whose body does not mention a name the initiating method declares.
        /// </summary>
        private static (SyntaxNode Callback, SyntaxNode Body, IParameterSymbol Parameter, MethodDeclarationSyntax? Method)? Callback(
            ExpressionSyntax expression, IMethodSymbol function, SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            if (expression is AnonymousFunctionExpressionSyntax lambda)
            {
                if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                    || CallbackParameter(lambda) is not { } parameterSyntax
                    || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol lambdaParameter)
                {
                    return null;
                }

                return (lambda, lambda.Body, lambdaParameter, null);
            }

            if (expression is not IdentifierNameSyntax
                || model.GetSymbolInfo(expression, cancellationToken).Symbol is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, function.ContainingType)
                || method.DeclaredAccessibility != Accessibility.Private
                || method.IsVirtual || method.IsOverride || method.IsAbstract || method.IsGenericMethod || method.IsAsync
                || method.ContainingType.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: { } body, ParameterList.Parameters.Count: 1 } declaration
                || declaration.SyntaxTree != expression.SyntaxTree
                || declaration.Parent is not TypeDeclarationSyntax type
                || model.GetDeclaredSymbol(declaration.ParameterList.Parameters[0], cancellationToken) is not IParameterSymbol parameter)
            {
                return null;
            }

            var references = 0;
            foreach (var token in type.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == method.Name)
                {
                    references++;
                }
            }

            if (references != 2)
            {
                return null;
            }

            // Moved into the initiating method, the body must not meet its parameters and locals.
            var ownerNames = DeclaredNames.Of(owner, includeParameters: true, intoNestedFunctions: true);
            foreach (var token in body.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && ownerNames.Contains(token.ValueText))
                {
                    return null;
                }
            }

            return (declaration, body, parameter, declaration);
        }

        /// <summary><c>ar.AsyncState</c>, possibly cast (<c>(Stream)ar.AsyncState</c>, <c>ar.AsyncState as Stream</c>) and parenthesized.</summary>
        private static bool ReadsState(ExpressionSyntax expression, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            var current = expression;
            while (true)
            {
                switch (current)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        current = cast.Expression;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asExpression:
                        current = asExpression.Left;
                        continue;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                        current = bang.Operand;
                        continue;
                }

                break;
            }

            return current is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsyncState", Expression: IdentifierNameSyntax target }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, parameter);
        }

        private static ParameterSyntax? CallbackParameter(AnonymousFunctionExpressionSyntax callback)
        {
            return callback switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 1 } anonymous => anonymous.ParameterList.Parameters[0],
                _ => null,
            };
        }

        /// <summary>A receiver that names the same object each time it is evaluated: <c>this</c>, a local, a parameter, a readonly field.</summary>
        private static bool IsStableReceiver(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
        {
            if (receiver is ThisExpressionSyntax)
            {
                return true;
            }

            // A static pair's receiver is its type: naming it does nothing.
            if (receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax or PredefinedTypeSyntax
                && model.GetSymbolInfo(receiver, cancellationToken).Symbol is INamedTypeSymbol)
            {
                return true;
            }

            return receiver is IdentifierNameSyntax
                && model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol { IsReadOnly: true };
        }

        private static bool SameReceiver(ExpressionSyntax begin, ExpressionSyntax end, SemanticModel model, CancellationToken cancellationToken)
        {
            if (begin is ThisExpressionSyntax || end is ThisExpressionSyntax)
            {
                return begin is ThisExpressionSyntax && end is ThisExpressionSyntax;
            }

            var beginSymbol = model.GetSymbolInfo(begin, cancellationToken).Symbol;
            return beginSymbol is not null && SymbolEqualityComparer.Default.Equals(beginSymbol, model.GetSymbolInfo(end, cancellationToken).Symbol);
        }

        /// <summary><c>XxxAsync</c> with Begin's parameters minus callback and state, returning Task (void End) or Task&lt;R&gt; (End returns R).</summary>
        private static IMethodSymbol? TaskCounterpart(IMethodSymbol begin, IMethodSymbol end, KnownTypes types)
        {
            var name = begin.Name.Substring(5) + "Async";
            var count = begin.Parameters.Length - 2;
            for (var type = begin.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is not IMethodSymbol candidate || candidate.IsStatic != begin.IsStatic || candidate.Parameters.Length != count || candidate.IsGenericMethod)
                    {
                        continue;
                    }

                    var parametersMatch = true;
                    for (var i = 0; i < count; i++)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, begin.Parameters[i].Type) || candidate.Parameters[i].RefKind != RefKind.None)
                        {
                            parametersMatch = false;
                            break;
                        }
                    }

                    if (!parametersMatch)
                    {
                        continue;
                    }

                    if (end.ReturnsVoid
                        ? KnownTypes.Is(candidate.ReturnType, types.Task)
                        : candidate.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } returned
                            && KnownTypes.Is(returned.OriginalDefinition, types.TaskOfT)
                            && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], end.ReturnType))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// <c>Task.Factory.FromAsync&lt;TArg1.., TResult&gt;(x.BeginXxx, x.EndXxx, arg1.., null)</c> with explicit type arguments,
        /// so the method groups bind to the one Begin/End pair; FromAsync takes at most three operation arguments.
        /// </summary>
        private static ExpressionSyntax? FromAsync(ExpressionSyntax receiver, IMethodSymbol begin, IMethodSymbol end, List<ExpressionSyntax> operationArguments, SemanticModel model, int position)
        {
            if (operationArguments.Count > 3)
            {
                return null;
            }

            var typeArguments = new List<TypeSyntax>();
            for (var i = 0; i < operationArguments.Count; i++)
            {
                typeArguments.Add(TypeName(begin.Parameters[i].Type, model, position));
            }

            if (!end.ReturnsVoid)
            {
                typeArguments.Add(TypeName(end.ReturnType, model, position));
            }

            var receiverText = receiver.WithoutTrivia();
            var all = new List<ExpressionSyntax>
            {
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiverText, SyntaxFactory.IdentifierName(begin.Name)),
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiverText, SyntaxFactory.IdentifierName(end.Name)),
            };
            all.AddRange(operationArguments);
            all.Add(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression));

            SimpleNameSyntax fromAsync = typeArguments.Count == 0
                ? SyntaxFactory.IdentifierName("FromAsync")
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromAsync"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(typeArguments)));
            var factory = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AwaitSyntax.TaskTypeName(), SyntaxFactory.IdentifierName("Factory"));
            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, factory, fromAsync),
                Arguments(all));
        }

        private static TypeSyntax TypeName(ITypeSymbol type, SemanticModel model, int position)
            => SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, position)).WithAdditionalAnnotations(FixAnnotations.Simplify);

        private static ArgumentListSyntax Arguments(List<ExpressionSyntax> expressions)
        {
            var arguments = new List<ArgumentSyntax>();
            foreach (var expression in expressions)
            {
                arguments.Add(SyntaxFactory.Argument(expression));
            }

            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments));
        }    }
}
