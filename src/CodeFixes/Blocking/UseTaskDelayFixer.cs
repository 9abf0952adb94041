using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Internal;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>ASYNC102: <c>Thread.Sleep(x)</c> to <c>await Task.Delay(x)</c>, making the owner async when it is an awaitable-returning non-async function.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTaskDelayFixer)), Shared]
    public sealed class UseTaskDelayFixer : CodeFixProvider
    {
        internal const string DelayKey = DiagnosticIds.UseTaskDelay + ":delay";
        internal const string DelayWithTokenKey = DiagnosticIds.UseTaskDelay + ":delay-with-token";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseTaskDelay);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync, DelayWithTokenKey);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!TryGetSite(root, model, diagnostic, context.CancellationToken, out var invocation, out _))
                {
                    continue;
                }

                if (!await CompilesInEveryTargetAsync(context.Document, model, invocation, null, context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var token = CancellationTokenFinder.Find(model, invocation.SpanStart, context.CancellationToken);
                var withToken = token is not null && await CompilesInEveryTargetAsync(context.Document, model, invocation, token, context.CancellationToken).ConfigureAwait(false);
                if (withToken)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use 'await Task.Delay(..., {token})'",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), DelayWithTokenKey, ct),
                            DelayWithTokenKey),
                        diagnostic);
                }

                // With no token in scope the plain delay is the only variant, and it goes under the token key: Fix All (dotnet
                // format takes the key of the first site's first action) then forwards the token wherever one is in scope.
                var key = withToken ? DelayKey : DelayWithTokenKey;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use 'await Task.Delay(...)'",
                        ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct),
                        key),
                    diagnostic);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var madeAsync = new HashSet<SyntaxNode>();

            foreach (var diagnostic in diagnostics)
            {
                if (!TryGetSite(root, model, diagnostic, cancellationToken, out var invocation, out var owner))
                {
                    continue;
                }

                var token = equivalenceKey == DelayWithTokenKey
                    ? CancellationTokenFinder.Find(model, invocation.SpanStart, cancellationToken)
                    : null;
                if (token is not null && !await CompilesInEveryTargetAsync(document, model, invocation, token, cancellationToken).ConfigureAwait(false))
                {
                    token = null;
                }

                if (!await CompilesInEveryTargetAsync(document, model, invocation, token, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                editor.ReplaceNode(invocation, (current, _) => AwaitDelay((InvocationExpressionSyntax)current, token));
                if (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(owner))
                {
                    MakeAsync.Apply(editor, owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>In a multi-targeted project, the Task.Delay overload the rewrite calls exists in every target where the site is active code.</summary>
        private static Task<bool> CompilesInEveryTargetAsync(Document document, SemanticModel model, InvocationExpressionSyntax sleep, string? token, CancellationToken cancellationToken)
            => LinkedTargets.IsMultiTargeted(document)
                ? LinkedTargets.AllExistAsync(document, sleep.SpanStart, WrittenSymbols.Of(model, sleep, AwaitDelay(sleep, token)), cancellationToken)
                : Task.FromResult(true);

        private static bool TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, out InvocationExpressionSyntax invocation, out SyntaxNode owner)
        {
            invocation = null!;
            owner = null!;
            if (!FixProperties.CanAwaitAtDiagnostic(diagnostic.Properties)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax found
                || found.ArgumentList.Arguments.Count != 1
                || FunctionSyntax.FindOwner(found) is not { } foundOwner
                || !FunctionSyntax.CanAwaitAt(found, foundOwner)
                || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(foundOwner, model, cancellationToken)))
            {
                return false;
            }

            invocation = found;
            owner = foundOwner;
            return true;
        }

        internal static ExpressionSyntax AwaitDelay(InvocationExpressionSyntax sleep, string? token)
        {
            // Task.Delay's parameter names differ from Thread.Sleep's, so arguments go positionally.
            var delay = sleep.ArgumentList.Arguments[0].WithNameColon(null);
            var arguments = SyntaxFactory.SingletonSeparatedList(delay);
            if (token is not null)
            {
                arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
            }

            var delayCall = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    AwaitSyntax.TaskTypeName(),
                    SyntaxFactory.IdentifierName("Delay")),
                sleep.ArgumentList.WithArguments(arguments));

            return AwaitSyntax.Await(delayCall, sleep)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        }
    }
}
