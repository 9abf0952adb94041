using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC104: <c>using</c> to <c>await using</c>, <c>x.Dispose()</c> to <c>await x.DisposeAsync()</c>. <c>await using</c> gets
    /// no <c>ConfigureAwait</c>: on a declaration it would change the variable's type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAwaitUsingFixer)), Shared]
    public sealed partial class UseAwaitUsingFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.UseAwaitUsing + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseAwaitUsing);

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
                if (!TryGetSite(root, model, diagnostic, context.CancellationToken, out var site, out _)
                    || !await CompilesInEveryTargetAsync(context.Document, site, model, context.CancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var title = site is InvocationExpressionSyntax ? "Use 'await DisposeAsync()'" : "Use 'await using'";
                if (DualModeCondition(diagnostic) is not null)
                {
                    title = "Use 'await DisposeAsync()' in the async mode";
                }

                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), AwaitKey, ct), AwaitKey),
                    diagnostic);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var madeAsync = new HashSet<SyntaxNode>();
            var fixedSites = new HashSet<SyntaxNode>();
            var bothModes = new BothModesEdits(editor, model, cancellationToken);

            foreach (var diagnostic in diagnostics)
            {
                if (!TryGetSite(root, model, diagnostic, cancellationToken, out var site, out var owner) || !fixedSites.Add(site)
                    || !await CompilesInEveryTargetAsync(document, site, model, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (DualModeCondition(diagnostic) is { } condition)
                {
                    // The owner is async already (a dual-mode function always is).
                    bothModes.Add(site, condition, ConfigureAwaitStyle.UsesConfigureAwaitFalse(owner));
                    continue;
                }

                switch (site)
                {
                    case UsingStatementSyntax:
                        editor.ReplaceNode(site, (current, _) => AddAwait((UsingStatementSyntax)current));
                        break;
                    case LocalDeclarationStatementSyntax:
                        editor.ReplaceNode(site, (current, _) => AddAwait((LocalDeclarationStatementSyntax)current));
                        break;
                    case InvocationExpressionSyntax:
                        var configureAwait = ConfigureAwaitStyle.UsesConfigureAwaitFalse(owner);
                        editor.ReplaceNode(site, (current, _) => AwaitDisposeAsync((InvocationExpressionSyntax)current, configureAwait));
                        break;
                }

                if (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(owner))
                {
                    MakeAsync.Apply(editor, owner, model, cancellationToken);
                }
            }

            bothModes.Apply();
            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The node to rewrite: the using statement, the using declaration, or the Dispose() call.</summary>
        private static bool TryGetSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, out SyntaxNode site, out SyntaxNode owner)
        {
            site = null!;
            owner = null!;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? found = node switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation => invocation,
                VariableDeclaratorSyntax { Parent.Parent: UsingStatementSyntax statement } => statement,
                VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax declaration } when declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) => declaration,
                ExpressionSyntax { Parent: UsingStatementSyntax statement } expression when statement.Expression == expression => statement,
                _ => null,
            };

            if (found is null
                || diagnostic.Properties.ContainsKey(DualModeDisposal.NoFixProperty)
                || FunctionSyntax.FindOwner(found) is not { } foundOwner
                || !FunctionSyntax.CanAwaitAt(found, foundOwner)
                || !CanHoldAwait(foundOwner, diagnostic)
                || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(foundOwner, model, cancellationToken))
                || !CanRewrite(found, model, cancellationToken))
            {
                return false;
            }

            site = found;
            owner = foundOwner;
            return true;
        }

        /// <summary>
        /// In a multi-targeted project, the DisposeAsync the rewrite calls exists in every target framework where the site is
        /// active code: a type that is async-disposable on net8.0 only (Stream on netstandard2.0) gets no fix there.
        /// </summary>
        private static Task<bool> CompilesInEveryTargetAsync(Document document, SyntaxNode site, SemanticModel model, CancellationToken cancellationToken)
            => LinkedTargets.IsMultiTargeted(document)
                ? LinkedTargets.AllExistAsync(document, site.SpanStart, DisposeAsyncMembers(site, model, cancellationToken), cancellationToken)
                : Task.FromResult(true);

        /// <summary>
        /// The DisposeAsync methods a rewrite of <paramref name="site"/> calls: the one <c>x.DisposeAsync()</c> binds to, or for
        /// <c>await using</c> each resource type's implementation of IAsyncDisposable.DisposeAsync (the interface's own
        /// method for an interface type).
        /// </summary>
        internal static ImmutableArray<ISymbol> DisposeAsyncMembers(SyntaxNode site, SemanticModel model, CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            var asyncDisposable = KnownTypes.Create(model.Compilation).AsyncDisposable;
            switch (site)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation:
                    if (model.GetSpeculativeSymbolInfo(invocation.SpanStart, DisposeAsyncCall(invocation), SpeculativeBindingOption.BindAsExpression).Symbol is { } bound)
                    {
                        builder.Add(bound);
                    }

                    break;
                case UsingStatementSyntax { Declaration: { } declaration }:
                    AddResources(declaration);
                    break;
                case UsingStatementSyntax { Expression: { } expression }:
                    AddImplementation(model.GetTypeInfo(expression, cancellationToken).Type);
                    break;
                case LocalDeclarationStatementSyntax { Declaration: var declaration }:
                    AddResources(declaration);
                    break;
            }

            return builder.ToImmutable();

            void AddResources(VariableDeclarationSyntax declaration)
            {
                foreach (var variable in declaration.Variables)
                {
                    if (model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol local)
                    {
                        AddImplementation(local.Type);
                    }
                }
            }

            void AddImplementation(ITypeSymbol? type)
            {
                if (type is null
                    || asyncDisposable is null
                    || asyncDisposable.GetMembers("DisposeAsync").FirstOrDefault() is not IMethodSymbol disposeAsync)
                {
                    return;
                }

                builder.Add(type.FindImplementationForInterfaceMember(disposeAsync) ?? disposeAsync);
            }
        }

        private static bool CanRewrite(SyntaxNode site, SemanticModel model, CancellationToken cancellationToken)
        {
            var types = KnownTypes.Create(model.Compilation);
            var asyncDisposable = types.AsyncDisposable;
            switch (site)
            {
                case InvocationExpressionSyntax invocation:
                    // DisposeAsync must bind on the receiver as written (an explicit interface implementation would not).
                    var replacement = DisposeAsyncCall(invocation);
                    var bound = model.GetSpeculativeSymbolInfo(invocation.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
                    return bound is { Parameters.Length: 0 } && types.IsAwaitableReturnType(bound.ReturnType);
                case UsingStatementSyntax statement when statement.Declaration is not null:
                    return AllAsyncDisposable(statement.Declaration, model, asyncDisposable, cancellationToken);
                case UsingStatementSyntax statement when statement.Expression is not null:
                    return IsAsyncDisposable(model.GetTypeInfo(statement.Expression, cancellationToken).Type, asyncDisposable);
                case LocalDeclarationStatementSyntax declaration:
                    return AllAsyncDisposable(declaration.Declaration, model, asyncDisposable, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary><c>await using</c> needs every resource of the statement to be async-disposable, not only the reported one.</summary>
        private static bool AllAsyncDisposable(VariableDeclarationSyntax declaration, SemanticModel model, INamedTypeSymbol? asyncDisposable, CancellationToken cancellationToken)
        {
            foreach (var variable in declaration.Variables)
            {
                if (model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol local || !IsAsyncDisposable(local.Type, asyncDisposable))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsyncDisposable(ITypeSymbol? type, INamedTypeSymbol? asyncDisposable)
        {
            if (type is null || asyncDisposable is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, asyncDisposable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, asyncDisposable))
                {
                    return true;
                }
            }

            return false;
        }

        private static SyntaxToken AwaitKeyword(SyntaxToken firstToken)
            => SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(firstToken.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space);

        private static UsingStatementSyntax AddAwait(UsingStatementSyntax statement)
        {
            var usingKeyword = statement.UsingKeyword;
            return statement
                .WithUsingKeyword(usingKeyword.WithLeadingTrivia())
                .WithAwaitKeyword(AwaitKeyword(usingKeyword));
        }

        private static LocalDeclarationStatementSyntax AddAwait(LocalDeclarationStatementSyntax declaration)
        {
            var usingKeyword = declaration.UsingKeyword;
            return declaration
                .WithUsingKeyword(usingKeyword.WithLeadingTrivia())
                .WithAwaitKeyword(AwaitKeyword(usingKeyword));
        }

        private static InvocationExpressionSyntax DisposeAsyncCall(InvocationExpressionSyntax dispose)
        {
            var access = (MemberAccessExpressionSyntax)dispose.Expression;
            return dispose.WithExpression(access.WithName(SyntaxFactory.IdentifierName("DisposeAsync").WithTriviaFrom(access.Name)));
        }

        private static ExpressionSyntax AwaitDisposeAsync(InvocationExpressionSyntax dispose, bool configureAwait)
        {
            ExpressionSyntax call = DisposeAsyncCall(dispose).WithoutTrivia();
            if (configureAwait)
            {
                call = ConfigureAwaitStyle.WithConfigureAwaitFalse(call);
            }

            return AwaitSyntax.Await(call, dispose).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>
        /// The owner is async already, or the analyzer asked for it to become async. A synchronous function the async-path
        /// model counts as running inline on an async path cannot take an await.
        /// </summary>
        private static bool CanHoldAwait(SyntaxNode owner, Diagnostic diagnostic)
            => FunctionSyntax.IsAsync(owner) || FixProperties.NeedsAsyncModifier(diagnostic.Properties);
    }
}
