using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
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
    /// <summary>
    /// ASYNC101: <c>t.Result</c>, <c>t.Wait()</c> and <c>t.GetAwaiter().GetResult()</c> to <c>await t</c>;
    /// <c>Task.WaitAll(...)</c> to <c>await Task.WhenAll(...)</c>; <c>Task.WaitAny(...)</c> to <c>await Task.WhenAny(...)</c>
    /// (keeping the index through <c>Array.IndexOf</c> when it is used). The analyzer decides which rewrite keeps the
    /// meaning and passes it in the diagnostic's properties; sites without one get no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInsteadOfBlockingFixer)), Shared]
    public sealed class AwaitInsteadOfBlockingFixer : CodeFixProvider
    {
        /// <summary>One key for every variant: each diagnostic offers exactly one rewrite, so Fix All applies them all.</summary>
        internal const string AwaitKey = DiagnosticIds.AwaitInsteadOfBlocking + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AwaitInsteadOfBlocking);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync, AwaitKey);

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
                if (!TryGetSite(root, model, diagnostic, context.CancellationToken, out var site, out _, out var fix)
                    || !await CompilesInEveryTargetAsync(context.Document, model, site, fix, context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(fix),
                        ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), AwaitKey, ct),
                        AwaitKey),
                    diagnostic);
            }
        }

        private static string Title(BlockingWaitFix fix)
        {
            return fix switch
            {
                BlockingWaitFix.WhenAll => "Use 'await Task.WhenAll(...)'",
                BlockingWaitFix.WhenAny => "Use 'await Task.WhenAny(...)'",
                BlockingWaitFix.WhenAnyIndex => "Use 'Array.IndexOf(tasks, await Task.WhenAny(tasks))'",
                BlockingWaitFix.WaitAsync => "Use 'await WaitAsync(timeout)'",
                _ => "Use 'await'",
            };
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var madeAsync = new HashSet<SyntaxNode>();

            foreach (var diagnostic in diagnostics)
            {
                if (!TryGetSite(root, model, diagnostic, cancellationToken, out var site, out var owner, out var fix)
                    || !await CompilesInEveryTargetAsync(document, model, site, fix, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (fix == BlockingWaitFix.WaitAsync)
                {
                    if (site.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } assertion && site is InvocationExpressionSyntax wait)
                    {
                        editor.ReplaceNode(assertion, (current, _) => AwaitWaitAsync(wait, model, cancellationToken).WithTriviaFrom(current));
                    }
                }
                else if (site.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null } member && site is MemberAccessExpressionSyntax access)
                {
                    // new { t.Result } takes its member name from the access; new { await t } has none: name it.
                    var name = access.Name.Identifier.ValueText;
                    editor.ReplaceNode(member, (current, _) =>
                    {
                        var declarator = (AnonymousObjectMemberDeclaratorSyntax)current;
                        return declarator
                            .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name)))
                            .WithExpression(Rewrite(declarator.Expression, fix).WithoutLeadingTrivia())
                            .WithLeadingTrivia(declarator.GetLeadingTrivia());
                    });
                }
                else
                {
                    editor.ReplaceNode(site, (current, _) => Rewrite((ExpressionSyntax)current, fix));
                }
                if (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(owner))
                {
                    MakeAsync.Apply(editor, owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// In a multi-targeted project, the methods the rewrite calls (Task.WaitAsync, Task.WhenAll...) exist in every target
        /// framework where the site is active code; Task.WaitAsync is missing before .NET 6, and that site then gets no fix.
        /// </summary>
        private static Task<bool> CompilesInEveryTargetAsync(Document document, SemanticModel model, ExpressionSyntax site, BlockingWaitFix fix, CancellationToken cancellationToken)
        {
            if (!LinkedTargets.IsMultiTargeted(document))
            {
                return Task.FromResult(true);
            }

            SyntaxNode replacement = fix == BlockingWaitFix.WaitAsync && site is InvocationExpressionSyntax wait
                ? AwaitWaitAsync(wait, model, cancellationToken)
                : Rewrite(site, fix);
            return LinkedTargets.AllExistAsync(document, site.SpanStart, WrittenSymbols.Of(model, site, replacement), cancellationToken);
        }

        private static bool TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, out ExpressionSyntax site, out SyntaxNode owner, out BlockingWaitFix fix)
        {
            site = null!;
            owner = null!;
            fix = FixKinds.BlockingWaitFixOf(diagnostic.Properties);
            if (fix == BlockingWaitFix.None
                || !FixProperties.CanAwaitAtDiagnostic(diagnostic.Properties)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax found
                || !HasExpectedShape(found, fix)
                || FunctionSyntax.FindOwner(found) is not { } foundOwner
                || !FunctionSyntax.CanAwaitAt(found, foundOwner)
                || (!FunctionSyntax.IsAsync(foundOwner) && !FixProperties.NeedsAsyncModifier(diagnostic.Properties))
                || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(foundOwner, model, cancellationToken)))
            {
                return false;
            }

            site = found;
            owner = foundOwner;
            return true;
        }

        /// <summary>The asserting statement becomes <c>await t.WaitAsync(timeout[, token]);</c>, a millisecond count wrapped in <c>TimeSpan.FromMilliseconds</c>.</summary>
        private static StatementSyntax AwaitWaitAsync(InvocationExpressionSyntax wait, SemanticModel model, CancellationToken cancellationToken)
        {
            var access = (MemberAccessExpressionSyntax)wait.Expression;
            var arguments = new List<ArgumentSyntax>();
            foreach (var argument in wait.ArgumentList.Arguments)
            {
                var plain = argument.WithNameColon(null).WithoutTrivia();
                var type = model.GetTypeInfo(argument.Expression, cancellationToken).ConvertedType;
                if (arguments.Count == 0 && type?.SpecialType == SpecialType.System_Int32)
                {
                    var fromMilliseconds = SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParseTypeName("global::System.TimeSpan").WithAdditionalAnnotations(Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("FromMilliseconds"));
                    plain = SyntaxFactory.Argument(SyntaxFactory.InvocationExpression(fromMilliseconds, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(plain))));
                }

                arguments.Add(plain);
            }

            var call = SyntaxFactory.InvocationExpression(
                access.WithName(SyntaxFactory.IdentifierName("WaitAsync")).WithoutTrivia(),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(call))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        }

        internal static bool HasExpectedShape(ExpressionSyntax site, BlockingWaitFix fix)
        {
            switch (site)
            {
                case MemberAccessExpressionSyntax:
                    // t.Result
                    return fix == BlockingWaitFix.Await;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                    return true;
                default:
                    return false;
            }
        }

        internal static ExpressionSyntax Rewrite(ExpressionSyntax site, BlockingWaitFix fix)
        {
            ExpressionSyntax result;
            switch (site)
            {
                case MemberAccessExpressionSyntax resultAccess:
                    // t.Result -> await t
                    result = AwaitSyntax.Await(resultAccess.Expression, site);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation:
                    result = RewriteInvocation(invocation, access, fix);
                    break;
                default:
                    return site;
            }

            // No Simplifier.Annotation here: the simplifier drops the parentheses of "(await t) switch { ... }". Only the
            // System.Array name needs simplifying, and it carries its own annotation.
            return result.WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static ExpressionSyntax RewriteInvocation(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access, BlockingWaitFix fix)
        {
            switch (fix)
            {
                case BlockingWaitFix.WhenAll:
                    return AwaitSyntax.Await(Renamed(invocation, access, "WhenAll"), invocation);
                case BlockingWaitFix.WhenAny:
                    return AwaitSyntax.Await(Renamed(invocation, access, "WhenAny"), invocation);
                case BlockingWaitFix.WhenAnyIndex:
                {
                    // Task.WaitAny(tasks) -> Array.IndexOf(tasks, await Task.WhenAny(tasks))
                    var tasks = invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia();
                    var whenAny = AwaitSyntax.Await(Renamed(invocation, access, "WhenAny").WithoutTrivia(), tasks).WithoutTrivia();
                    var indexOf = SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParseName("global::System.Array").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                        SyntaxFactory.IdentifierName("IndexOf"));
                    return SyntaxFactory.InvocationExpression(
                            indexOf,
                            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(tasks), SyntaxFactory.Argument(whenAny) })))
                        .WithTriviaFrom(invocation);
                }

                default:
                    // t.Wait() -> await t; x.GetAwaiter().GetResult() -> await x (x may be t.ConfigureAwait(false))
                    var receiver = access.Expression;
                    if (access.Name.Identifier.ValueText == "GetResult"
                        && receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter })
                    {
                        receiver = getAwaiter.Expression;
                    }

                    return AwaitSyntax.Await(receiver, invocation);
            }
        }

        /// <summary>Task.WaitAll(args) -> Task.WhenAll(args), keeping however the receiver was written.</summary>
        private static InvocationExpressionSyntax Renamed(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access, string name)
        {
            return invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)));
        }
    }
}
