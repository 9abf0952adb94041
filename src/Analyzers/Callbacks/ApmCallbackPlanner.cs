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
    internal static partial class ApmCallbackPlanner
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
        }
    }
}
