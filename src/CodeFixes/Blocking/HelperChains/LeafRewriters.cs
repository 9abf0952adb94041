using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// The awaiting form of each kind of blocking operation, for fixes that rewrite a whole chain of helpers: the same rewrite
    /// the rule's own fixer applies, keyed by the rule that reports the operation.
    /// </summary>
    internal static class LeafRewriters
    {
        /// <summary><c>await</c> in front of <c>using</c>, taking over the trivia the <c>using</c> keyword had in front.</summary>
        private static SyntaxToken AwaitKeyword(SyntaxToken usingKeyword)
            => SyntaxFactory.Token(usingKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));

        /// <summary>
        /// The node to replace for the blocking operation at <paramref name="leaf"/> and its awaiting replacement; false when
        /// there is no behaviour-keeping rewrite for it. <paramref name="written"/> holds the members the replacement calls
        /// that the original did not (for the multi-targeting check of <see cref="LinkedTargets"/>).
        /// </summary>
        public static bool TryRewrite(BlockingLeaf blocking, SyntaxNode leaf, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode replaced, out SyntaxNode replacement, out ImmutableArray<ISymbol> written)
        {
            replaced = leaf;
            replacement = leaf;
            written = ImmutableArray<ISymbol>.Empty;
            switch (blocking.RuleId)
            {
                case DiagnosticIds.AwaitInsteadOfBlocking when blocking.WaitFix is var fix && fix != BlockingWaitFix.None
                    && fix != BlockingWaitFix.WaitAsync // rewrites the asserting statement, not the leaf
                    && leaf is ExpressionSyntax site && AwaitInsteadOfBlockingFixer.HasExpectedShape(site, fix):
                    replacement = AwaitInsteadOfBlockingFixer.Rewrite(site, fix);
                    written = WrittenSymbols.Of(model, site, replacement);
                    return true;
                case DiagnosticIds.UseAsyncCounterpart when blocking.Counterpart is { } counterpart
                    && counterpart.IndexOf(AsyncCounterpartDetector.FixSeparator) is var separator and > 0
                    && leaf is InvocationExpressionSyntax:
                    if (!UseAsyncCounterpartFixer.TryRewriteInHelper(
                        leaf, counterpart.Substring(0, separator), counterpart.Substring(separator + 1), model, cancellationToken, out replacement, out var bound))
                    {
                        return false;
                    }

                    written = bound is null ? written : ImmutableArray.Create<ISymbol>(bound);
                    return true;
                case DiagnosticIds.UseAwaitUsing when blocking.DisposeFix == AsyncDisposeFix.AwaitUsing:
                    written = UseAwaitUsingFixer.DisposeAsyncMembers(leaf, model, cancellationToken);
                    switch (leaf)
                    {
                        case UsingStatementSyntax usingStatement:
                            replacement = usingStatement.WithAwaitKeyword(AwaitKeyword(usingStatement.UsingKeyword)).WithUsingKeyword(usingStatement.UsingKeyword.WithLeadingTrivia());
                            return true;
                        case LocalDeclarationStatementSyntax declaration when declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                            replacement = declaration.WithAwaitKeyword(AwaitKeyword(declaration.UsingKeyword)).WithUsingKeyword(declaration.UsingKeyword.WithLeadingTrivia());
                            return true;
                        default:
                            return false;
                    }

                case DiagnosticIds.UseAwaitUsing when blocking.DisposeFix == AsyncDisposeFix.DisposeAsync
                    && leaf is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 } dispose:
                    var disposeAsync = dispose.WithExpression(access.WithName(SyntaxFactory.IdentifierName("DisposeAsync")));
                    replacement = AwaitSyntax.Await(disposeAsync, dispose);
                    written = UseAwaitUsingFixer.DisposeAsyncMembers(leaf, model, cancellationToken);
                    return true;
                case DiagnosticIds.UseTaskDelay when leaf is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } sleep:
                    replacement = UseTaskDelayFixer.AwaitDelay(sleep, CancellationTokenFinder.Find(model, sleep.SpanStart, cancellationToken));
                    written = WrittenSymbols.Of(model, sleep, replacement);
                    return true;
                default:
                    return false;
            }
        }
    }
}
