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
        private static void Parallelize(DocumentEditor editor, SemanticModel model, StatementSyntax loop, Diagnostic diagnostic, bool wrapInTaskRun)
        {
            diagnostic.Properties.TryGetValue(CpuLoopProperties.Reduction, out var reduction);
            var bodyText = loop.ToString();
            string? partial = reduction is null ? null : UniqueName(bodyText, "local" + char.ToUpperInvariant(reduction[0]) + reduction.Substring(1));
            var loopState = UniqueName(bodyText, "loopState");

            var arguments = new List<ArgumentSyntax>();
            SyntaxToken variable;
            StatementSyntax body;
            string method;
            ITypeSymbol? reductionType = null;
            switch (loop)
            {
                case ForStatementSyntax forStatement:
                    var declarator = forStatement.Declaration!.Variables[0];
                    var condition = (BinaryExpressionSyntax)forStatement.Condition!;
                    ExpressionSyntax limit = condition.Right.WithoutTrivia();
                    if (condition.IsKind(SyntaxKind.LessThanOrEqualExpression))
                    {
                        limit = SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, Parenthesized(limit), SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
                    }

                    arguments.Add(SyntaxFactory.Argument(declarator.Initializer!.Value.WithoutTrivia()));
                    arguments.Add(SyntaxFactory.Argument(limit));
                    variable = declarator.Identifier.WithoutTrivia();
                    body = forStatement.Statement;
                    method = "For";
                    break;
                case ForEachStatementSyntax forEach:
                    arguments.Add(SyntaxFactory.Argument(forEach.Expression.WithoutTrivia()));
                    variable = forEach.Identifier.WithoutTrivia();
                    body = forEach.Statement;
                    method = "ForEach";
                    break;
                default:
                    return;
            }

            if (reduction is not null)
            {
                foreach (var symbol in model.LookupSymbols(loop.SpanStart, name: reduction))
                {
                    if (symbol is ILocalSymbol local)
                    {
                        reductionType = local.Type;
                    }
                }
            }

            var block = (body as BlockSyntax ?? SyntaxFactory.Block(body)).WithoutTrivia();
            ExpressionSyntax? returnValue = partial is null ? null : SyntaxFactory.IdentifierName(partial);
            block = (BlockSyntax)new ParallelBodyRewriter(reduction, partial, returnValue).Visit(block);
            if (returnValue is not null)
            {
                block = block.AddStatements(SyntaxFactory.ReturnStatement(returnValue));
            }

            if (partial is null || reductionType is null)
            {
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(variable), block)));
            }
            else
            {
                var kind = CpuLoopFixKinds.ParallelReductionOf(diagnostic.Properties);
                var isLong = reductionType.SpecialType == SpecialType.System_Int64;
                ExpressionSyntax identity = kind switch
                {
                    // Each worker starts from the neutral element of its reduction.
                    ParallelReduction.Max => PredefinedMember(isLong, "MinValue"),
                    ParallelReduction.Min => PredefinedMember(isLong, "MaxValue"),
                    _ => isLong
                        ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("0L", 0L))
                        : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)),
                };
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), identity)));
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParenthesizedLambdaExpression(
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Parameter(variable),
                        SyntaxFactory.Parameter(SyntaxFactory.Identifier(loopState)),
                        SyntaxFactory.Parameter(SyntaxFactory.Identifier(partial)),
                    })),
                    block)));
                CSharpSyntaxNode finallyBody;
                if (kind is ParallelReduction.Min or ParallelReduction.Max)
                {
                    // Partial results meet under a lock: Interlocked has no Min/Max.
                    var gate = UniqueName(bodyText, reduction + "Gate");
                    for (var i = 2; model.LookupSymbols(loop.SpanStart, name: gate).Length > 0; i++)
                    {
                        gate = reduction + "Gate" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    InsertGate(editor, loop, gate);
                    var merge = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(reduction!),
                        SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FrameworkName("System", "Math"), SyntaxFactory.IdentifierName(kind == ParallelReduction.Max ? "Max" : "Min")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                            {
                                SyntaxFactory.Argument(SyntaxFactory.IdentifierName(reduction!)),
                                SyntaxFactory.Argument(SyntaxFactory.IdentifierName(partial)),
                            })))));
                    finallyBody = SyntaxFactory.Block(SyntaxFactory.LockStatement(SyntaxFactory.IdentifierName(gate), SyntaxFactory.Block(merge)));
                }
                else
                {
                    finallyBody = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            FrameworkName("System.Threading", "Interlocked"),
                            SyntaxFactory.IdentifierName("Add")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                        {
                            SyntaxFactory.Argument(SyntaxFactory.IdentifierName(reduction!)).WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.RefKeyword)),
                            SyntaxFactory.Argument(SyntaxFactory.IdentifierName(partial)),
                        })));
                }

                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(partial)), finallyBody)));
            }

            ExpressionSyntax call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FrameworkName("System.Threading.Tasks", "Parallel"), SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
            if (wrapInTaskRun)
            {
                call = SyntaxFactory.AwaitExpression(TaskRun(SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), call), CancellationTokenFinder.Find(model, loop.SpanStart, CancellationToken.None)));
            }

            var replacement = SyntaxFactory.ExpressionStatement(call)
                .WithTriviaFrom(loop)
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(loop, replacement);
        }

        private static ExpressionSyntax PredefinedMember(bool isLong, string member)
            => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.PredefinedType(SyntaxFactory.Token(isLong ? SyntaxKind.LongKeyword : SyntaxKind.IntKeyword)),
                SyntaxFactory.IdentifierName(member));

        /// <summary><c>var gate = new object();</c> right before the loop (before its label or top-level statement).</summary>
        private static void InsertGate(DocumentEditor editor, StatementSyntax loop, string gate)
        {
            var declaration = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(gate).WithInitializer(SyntaxFactory.EqualsValueClause(
                            SyntaxFactory.ObjectCreationExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.ObjectKeyword)), SyntaxFactory.ArgumentList(), null))))))
                .WithAdditionalAnnotations(Formatter.Annotation);
            switch (loop.Parent)
            {
                case GlobalStatementSyntax global:
                    editor.InsertBefore(global, SyntaxFactory.GlobalStatement(declaration).WithAdditionalAnnotations(Formatter.Annotation));
                    break;
                case LabeledStatementSyntax labeled:
                    editor.InsertBefore(labeled, declaration);
                    break;
                default:
                    editor.InsertBefore(loop, declaration);
                    break;
            }
        }

        /// <summary>Inside the parallel body: <c>continue</c> of the loop becomes <c>return</c>; the running sum becomes the thread-local partial sum.</summary>
        private sealed class ParallelBodyRewriter : CSharpSyntaxRewriter
        {
            private readonly string? reduction;
            private readonly string? partial;
            private readonly ExpressionSyntax? returnValue;
            private int nestedLoops;

            public ParallelBodyRewriter(string? reduction, string? partial, ExpressionSyntax? returnValue)
            {
                this.reduction = reduction;
                this.partial = partial;
                this.returnValue = returnValue;
            }

            public override SyntaxNode? VisitContinueStatement(ContinueStatementSyntax node)
            {
                if (nestedLoops > 0)
                {
                    return node;
                }

                var statement = returnValue is null ? SyntaxFactory.ReturnStatement() : SyntaxFactory.ReturnStatement(returnValue);
                return statement.WithTriviaFrom(node);
            }

            public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
            {
                var isMemberName = node.Parent is MemberAccessExpressionSyntax access && access.Name == node;
                if (reduction is not null && partial is not null && node.Identifier.ValueText == reduction && !isMemberName)
                {
                    return SyntaxFactory.IdentifierName(partial).WithTriviaFrom(node);
                }

                return node;
            }

            public override SyntaxNode? VisitForStatement(ForStatementSyntax node) => InNestedLoop(() => base.VisitForStatement(node));

            public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) => InNestedLoop(() => base.VisitForEachStatement(node));

            public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) => InNestedLoop(() => base.VisitWhileStatement(node));

            public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) => InNestedLoop(() => base.VisitDoStatement(node));

            private SyntaxNode? InNestedLoop(System.Func<SyntaxNode?> visit)
            {
                nestedLoops++;
                try
                {
                    return visit();
                }
                finally
                {
                    nestedLoops--;
                }
            }
        }
    }
}
