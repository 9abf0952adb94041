using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Internal;
using AsyncAnalyzers.CpuLoops;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.CpuLoops
{
    public sealed partial class OffloadCpuBoundLoopFixer
    {
        private static void RunOnThreadPool(DocumentEditor editor, SemanticModel model, StatementSyntax loop, string? token, CancellationToken cancellationToken)
        {
            var moved = MovableDeclarations(model, loop, cancellationToken);
            var returned = new List<LocalDeclarationStatementSyntax>();
            foreach (var declaration in moved)
            {
                if (IsReferencedOutside(model, loop, declaration, cancellationToken))
                {
                    returned.Add(declaration);
                }
            }

            var statements = new List<StatementSyntax>();
            foreach (var declaration in moved)
            {
                statements.Add(statements.Count == 0 ? declaration.WithoutLeadingTrivia() : declaration);
            }

            statements.Add(statements.Count == 0 ? loop.WithoutLeadingTrivia().WithoutTrailingTrivia() : loop.WithoutTrailingTrivia());
            if (returned.Count == 1)
            {
                statements.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(VariableName(returned[0]))));
            }
            else if (returned.Count > 1)
            {
                var elements = new List<ArgumentSyntax>();
                foreach (var declaration in returned)
                {
                    elements.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(VariableName(declaration))));
                }

                statements.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(elements))));
            }

            var lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), SyntaxFactory.Block(statements));
            var awaitRun = SyntaxFactory.AwaitExpression(TaskRun(lambda, token));

            StatementSyntax replacement;
            if (returned.Count == 1)
            {
                var declaration = returned[0].Declaration;
                replacement = SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        declaration.Type,
                        SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.VariableDeclarator(declaration.Variables[0].Identifier.WithoutTrivia())
                                .WithInitializer(SyntaxFactory.EqualsValueClause(awaitRun)))));
            }
            else if (returned.Count > 1)
            {
                var designations = new List<VariableDesignationSyntax>();
                foreach (var declaration in returned)
                {
                    designations.Add(SyntaxFactory.SingleVariableDesignation(declaration.Declaration.Variables[0].Identifier.WithoutTrivia()));
                }

                var target = SyntaxFactory.DeclarationExpression(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.ParenthesizedVariableDesignation(SyntaxFactory.SeparatedList(designations)));
                replacement = SyntaxFactory.ExpressionStatement(
                    SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, target, awaitRun));
            }
            else
            {
                replacement = SyntaxFactory.ExpressionStatement(awaitRun);
            }

            SyntaxNode first = moved.Count > 0 ? moved[0] : loop;
            replacement = replacement
                .WithLeadingTrivia(first.GetLeadingTrivia())
                .WithTrailingTrivia(loop.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

            foreach (var declaration in moved)
            {
                editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
            }

            editor.ReplaceNode(loop, replacement);
        }

        /// <summary>
        /// The single-variable declarations right before the loop whose variables the loop writes: they move into the lambda
        /// (their initializers are plain values, so running them on the pool changes nothing) and come back as its result.
        /// </summary>
        private static List<LocalDeclarationStatementSyntax> MovableDeclarations(SemanticModel model, StatementSyntax loop, CancellationToken cancellationToken)
        {
            var result = new List<LocalDeclarationStatementSyntax>();
            if (loop.Parent is not BlockSyntax block)
            {
                return result;
            }

            var flow = model.AnalyzeDataFlow(loop);
            if (flow is null || !flow.Succeeded)
            {
                return result;
            }

            var index = block.Statements.IndexOf(loop);
            if (index > 0
                && block.Statements[index - 1] is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, Modifiers.Count: 0 } span
                && span.Declaration.Type is not RefTypeSyntax
                && model.GetDeclaredSymbol(span.Declaration.Variables[0], cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true } spanLocal
                && Contains(flow.ReadInside, spanLocal))
            {
                // Span<int> counts = stackalloc int[256]; a lambda cannot capture it, so it is created inside the lambda
                // (the analyzer checked it is not used after the loop).
                result.Add(span);
                index--;
            }

            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Statements[i] is not LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                    || declaration.Modifiers.Count != 0
                    || declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                    || declaration.Declaration.Type is RefTypeSyntax
                    || declaration.Declaration.Variables[0].Initializer is not { } initializer
                    || !IsPlainValue(initializer.Value)
                    || model.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken) is not ILocalSymbol local
                    || !Contains(flow.WrittenInside, local))
                {
                    break;
                }

                result.Insert(0, declaration);
            }

            return result;
        }

        private static bool IsPlainValue(ExpressionSyntax expression)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                if (node is InvocationExpressionSyntax or AwaitExpressionSyntax or AnonymousFunctionExpressionSyntax or AssignmentExpressionSyntax
                    || node is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Contains(ImmutableArray<ISymbol> symbols, ISymbol symbol)
        {
            foreach (var candidate in symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReferencedOutside(SemanticModel model, StatementSyntax loop, LocalDeclarationStatementSyntax declaration, CancellationToken cancellationToken)
        {
            var block = (BlockSyntax)loop.Parent!;
            var name = VariableName(declaration);
            var symbol = model.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken);
            // Every statement of the block but the loop and the declarations right before it (code before those cannot see
            // the variable yet): in practice the code after the loop, local functions included.
            var loopIndex = block.Statements.IndexOf(loop);
            for (var i = 0; i < block.Statements.Count; i++)
            {
                if (i == loopIndex || (i < loopIndex && block.Statements[i] is LocalDeclarationStatementSyntax && IsContiguousDeclaration(block, i, loopIndex)))
                {
                    continue;
                }

                foreach (var identifier in block.Statements[i].DescendantNodes())
                {
                    if (identifier is IdentifierNameSyntax { Identifier.ValueText: var text } && text == name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when every statement from <paramref name="index"/> up to the loop is a local declaration.</summary>
        private static bool IsContiguousDeclaration(BlockSyntax block, int index, int loopIndex)
        {
            for (var i = index; i < loopIndex; i++)
            {
                if (block.Statements[i] is not LocalDeclarationStatementSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        private static string VariableName(LocalDeclarationStatementSyntax declaration)
            => declaration.Declaration.Variables[0].Identifier.ValueText;

        /// <summary><c>Task.Run(lambda)</c>, or <c>Task.Run(lambda, token)</c> when a CancellationToken is in scope (CA2016).</summary>
        private static InvocationExpressionSyntax TaskRun(ExpressionSyntax lambda, string? token)
        {
            var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(lambda) };
            if (token is not null)
            {
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
            }

            return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AwaitSyntax.TaskTypeName(), SyntaxFactory.IdentifierName("Run")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        }
    }
}
