using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC104's fix inside a dual-mode function: the disposal keeps both modes. <c>x.Dispose();</c> becomes
    /// <c>if (async) await x.DisposeAsync(); else x.Dispose();</c>; a <c>using</c> becomes the <c>try</c>/<c>finally</c> the
    /// compiler would have written, whose <c>finally</c> disposes that way (null-checked as <c>using</c> does unless the
    /// resource is known not null). A using declaration's <c>try</c> holds the rest of its block; several declarators nest
    /// in declaration order, so a failure in a later initializer still disposes the earlier resources.
    /// </summary>
    public sealed partial class UseAwaitUsingFixer
    {
        private const string BothModesMarker = "AsyncAnalyzers.ASYNC104.BothModes";

        private static string? DualModeCondition(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(DualModeDisposal.FlagProperty, out var condition) ? condition : null;

        /// <summary>
        /// Collects the two-mode rewrites of one document and applies them after the leaf edits: a using declaration's
        /// rewrite replaces its whole block, so every block is rewritten once, innermost first, finding its resources by
        /// annotation.
        /// </summary>
        private sealed class BothModesEdits
        {
            private readonly DocumentEditor editor;
            private readonly SemanticModel model;
            private readonly CancellationToken cancellationToken;
            private readonly HashSet<SyntaxNode> blocks = new HashSet<SyntaxNode>();

            public BothModesEdits(DocumentEditor editor, SemanticModel model, CancellationToken cancellationToken)
            {
                this.editor = editor;
                this.model = model;
                this.cancellationToken = cancellationToken;
            }

            public void Add(SyntaxNode site, string condition, bool configureAwait)
            {
                switch (site)
                {
                    case InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement } invocation
                        when invocation.Expression is MemberAccessExpressionSyntax access:
                        var receiver = access.Expression.WithoutTrivia();
                        editor.ReplaceNode(statement, (current, _) => DisposeInBothModes(condition, receiver, configureAwait, guard: false)
                            .WithTriviaFrom(current)
                            .WithAdditionalAnnotations(Formatter.Annotation));
                        break;
                    case LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration:
                        Mark(declaration, condition, configureAwait, declaration.Declaration);
                        AddBlock(block);
                        break;
                    case UsingStatementSyntax { Declaration: { } declaration, Parent: BlockSyntax block } statement when !Conflicts(statement, declaration, block):
                        // Spliced into its block: no extra braces.
                        Mark(statement, condition, configureAwait, declaration);
                        AddBlock(block);
                        break;
                    case UsingStatementSyntax { Declaration: { } declaration } statement:
                        var guards = Guards(declaration);
                        editor.ReplaceNode(statement, (current, _) => SyntaxFactory.Block(ExpandUsing((UsingStatementSyntax)current, condition, configureAwait, guards))
                            .WithTriviaFrom(current)
                            .WithAdditionalAnnotations(Formatter.Annotation));
                        break;
                    case UsingStatementSyntax { Expression: { } expression } statement:
                        var guard = MayBeNull(expression);
                        editor.ReplaceNode(statement, (current, _) =>
                        {
                            var usingStatement = (UsingStatementSyntax)current;
                            return Protected(AsBlock(usingStatement.Statement), condition, usingStatement.Expression!.WithoutTrivia(), configureAwait, guard)
                                .WithTriviaFrom(current)
                                .WithAdditionalAnnotations(Formatter.Annotation);
                        });
                        break;
                }
            }

            public void Apply()
            {
                // Innermost (latest starting) first, so that an outer rewrite moves already rewritten inner code.
                var ordered = new List<SyntaxNode>(blocks);
                ordered.Sort((a, b) => b.SpanStart.CompareTo(a.SpanStart));
                foreach (var block in ordered)
                {
                    editor.ReplaceNode(block, (current, _) => ((BlockSyntax)current).WithStatements(SyntaxFactory.List(Rewrite(((BlockSyntax)current).Statements, 0))));
                }
            }

            private void AddBlock(BlockSyntax block) => blocks.Add(block);

            private void Mark(StatementSyntax statement, string condition, bool configureAwait, VariableDeclarationSyntax declaration)
            {
                var data = condition + "|" + (configureAwait ? "1" : "0") + "|" + string.Join(",", Guards(declaration));
                editor.ReplaceNode(statement, (current, _) => current.WithAdditionalAnnotations(new SyntaxAnnotation(BothModesMarker, data)));
            }

            /// <summary>The declared names whose value may be null: <c>using</c> checks them before disposing.</summary>
            private List<string> Guards(VariableDeclarationSyntax declaration)
            {
                var names = new List<string>();
                foreach (var variable in declaration.Variables)
                {
                    if (variable.Initializer is { Value: var value } && MayBeNull(value))
                    {
                        names.Add(variable.Identifier.ValueText);
                    }
                }

                return names;
            }

            private bool MayBeNull(ExpressionSyntax value)
                => value is not (BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax)
                    && model.GetTypeInfo(value, cancellationToken).Nullability.FlowState != NullableFlowState.NotNull;

            /// <summary>Splicing the declaration into the block would clash with another use of one of its names there.</summary>
            private static bool Conflicts(UsingStatementSyntax statement, VariableDeclarationSyntax declaration, BlockSyntax block)
            {
                foreach (var token in block.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && !statement.Span.Contains(token.Span))
                    {
                        foreach (var variable in declaration.Variables)
                        {
                            if (token.ValueText == variable.Identifier.ValueText)
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>The statements of a block from <paramref name="start"/> on, with each marked resource expanded.</summary>
        private static List<StatementSyntax> Rewrite(SyntaxList<StatementSyntax> statements, int start)
        {
            var result = new List<StatementSyntax>(statements.Count - start);
            for (var i = start; i < statements.Count; i++)
            {
                var statement = statements[i];
                if (!TryReadMarker(statement, out var condition, out var configureAwait, out var guards))
                {
                    result.Add(statement);
                    continue;
                }

                switch (statement)
                {
                    case LocalDeclarationStatementSyntax declaration:
                        // using var x = ...; scopes to the end of the block: the rest of the block is what it protects.
                        var bare = declaration.WithUsingKeyword(default).WithLeadingTrivia(declaration.GetLeadingTrivia()).WithoutAnnotations(BothModesMarker);
                        result.AddRange(Expand(bare, bare.Declaration, 0, SyntaxFactory.Block(Rewrite(statements, i + 1)), condition, configureAwait, guards));
                        return result;
                    case UsingStatementSyntax usingStatement:
                        result.AddRange(ExpandUsing(usingStatement, condition, configureAwait, guards));
                        break;
                    default:
                        result.Add(statement);
                        break;
                }
            }

            return result;
        }

        private static bool TryReadMarker(SyntaxNode statement, out string condition, out bool configureAwait, out List<string> guards)
        {
            condition = string.Empty;
            configureAwait = false;
            guards = new List<string>();
            foreach (var annotation in statement.GetAnnotations(BothModesMarker))
            {
                var parts = (annotation.Data ?? string.Empty).Split('|');
                if (parts.Length != 3)
                {
                    continue;
                }

                condition = parts[0];
                configureAwait = parts[1] == "1";
                if (parts[2].Length > 0)
                {
                    guards.AddRange(parts[2].Split(','));
                }

                return true;
            }

            return false;
        }

        /// <summary><c>using (var x = A()) body</c> as <c>var x = A(); try body finally { dispose x }</c>.</summary>
        private static List<StatementSyntax> ExpandUsing(UsingStatementSyntax statement, string condition, bool configureAwait, List<string> guards)
        {
            var declaration = statement.Declaration!;
            var local = SyntaxFactory.LocalDeclarationStatement(declaration.WithoutTrivia())
                .WithLeadingTrivia(statement.GetLeadingTrivia());
            // The body block itself is kept (not a copy of its statements): an edit of its own may still be pending.
            var expanded = Expand(local, local.Declaration, 0, AsBlock(statement.Statement), condition, configureAwait, guards);
            expanded[expanded.Count - 1] = expanded[expanded.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
            return expanded;
        }

        /// <summary>One declaration and one <c>try</c>/<c>finally</c> per declarator, nested in declaration order.</summary>
        private static List<StatementSyntax> Expand(LocalDeclarationStatementSyntax declaration, VariableDeclarationSyntax variables, int index, BlockSyntax protectedBlock, string condition, bool configureAwait, List<string> guards)
        {
            var variable = variables.Variables[index];
            var single = declaration.WithDeclaration(variables.WithVariables(SyntaxFactory.SingletonSeparatedList(variable)));
            if (index > 0)
            {
                single = single.WithoutLeadingTrivia();
            }

            if (index < variables.Variables.Count - 1)
            {
                single = single.WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken));
            }

            var inner = index < variables.Variables.Count - 1
                ? SyntaxFactory.Block(Expand(declaration, variables, index + 1, protectedBlock, condition, configureAwait, guards))
                : protectedBlock;
            var name = SyntaxFactory.IdentifierName(variable.Identifier.WithoutTrivia());
            return new List<StatementSyntax>
            {
                single.WithAdditionalAnnotations(Formatter.Annotation),
                Protected(inner, condition, name, configureAwait, guards.Contains(variable.Identifier.ValueText))
                    .WithAdditionalAnnotations(Formatter.Annotation),
            };
        }

        private static TryStatementSyntax Protected(BlockSyntax body, string condition, ExpressionSyntax resource, bool configureAwait, bool guard)
            => SyntaxFactory.TryStatement(
                body,
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(DisposeInBothModes(condition, resource, configureAwait, guard))));

        /// <summary><c>if (async) await x.DisposeAsync(); else x.Dispose();</c>, inside <c>if (x != null)</c> when guarded.</summary>
        private static StatementSyntax DisposeInBothModes(string condition, ExpressionSyntax resource, bool configureAwait, bool guard)
        {
            ExpressionSyntax disposeAsync = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, resource, SyntaxFactory.IdentifierName("DisposeAsync")));
            if (configureAwait)
            {
                disposeAsync = ConfigureAwaitStyle.WithConfigureAwaitFalse(disposeAsync);
            }

            var dispose = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, resource, SyntaxFactory.IdentifierName("Dispose")));
            StatementSyntax both = SyntaxFactory.IfStatement(
                SyntaxFactory.ParseExpression(condition),
                SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(disposeAsync)),
                SyntaxFactory.ElseClause(SyntaxFactory.ExpressionStatement(dispose)));
            if (guard)
            {
                both = SyntaxFactory.IfStatement(
                    SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression, resource, SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
                    SyntaxFactory.Block(both));
            }

            return both.WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static BlockSyntax AsBlock(StatementSyntax statement)
            => statement as BlockSyntax ?? SyntaxFactory.Block(statement);
    }
}
