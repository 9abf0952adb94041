using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>What the ASYNC201 fix does at one site: statements to insert before <see cref="Statement"/>, and the value that replaces the awaited chain.</summary>
    internal sealed class ContinuationChainPlan
    {
        public static readonly SyntaxAnnotation ValueAnnotation = new SyntaxAnnotation("ASYNC201.value");
        private static readonly SyntaxAnnotation VoidAnnotation = new SyntaxAnnotation("ASYNC201.void");

        public ContinuationChainPlan(SyntaxNode owner, bool needsMakeAsync, StatementSyntax? statement, ExpressionSyntax chain, List<StatementSyntax> prelude, ExpressionSyntax? finalValue)
            : this(owner, needsMakeAsync, statement, chain, prelude, finalValue, BodyChange.None)
        {
        }

        public ContinuationChainPlan(SyntaxNode owner, bool needsMakeAsync, StatementSyntax? statement, ExpressionSyntax chain, List<StatementSyntax> prelude, ExpressionSyntax? finalValue, BodyChange bodyChange)
        {
            ExpressionBodyChange = bodyChange;
            Owner = owner;
            NeedsMakeAsync = needsMakeAsync;
            Statement = statement;
            Chain = chain;
            Prelude = prelude;
            FinalValue = finalValue;
        }

        /// <summary>Members the rewrite writes that a linked target framework may lack (see <see cref="CallbackTargets"/>).</summary>
        public List<ISymbol> Written { get; } = new List<ISymbol>();

        /// <summary>How an expression body that needs statements becomes a block before the plan is applied.</summary>
        internal enum BodyChange
        {
            None,

            /// <summary><c>=&gt; e</c> becomes <c>{ return e; }</c>.</summary>
            Return,

            /// <summary><c>=&gt; await e</c> in a function without a value becomes <c>{ await e; }</c>.</summary>
            Statement,
        }

        public SyntaxNode Owner { get; }

        /// <summary>
        /// Not <see cref="BodyChange.None"/> when the chain is an expression body and the rewrite needs statements: the fixer
        /// first turns the body into a block (the same code), then plans again and applies that plan.
        /// </summary>
        public BodyChange ExpressionBodyChange { get; }

        /// <summary>The owner with its expression body written as a block, as <see cref="ExpressionBodyChange"/> says.</summary>
        public static SyntaxNode WithBlockBody(SyntaxNode owner, BodyChange change)
        {
            var expression = owner switch
            {
                MethodDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                LocalFunctionStatementSyntax { ExpressionBody: { } body } => body.Expression,
                LambdaExpressionSyntax { ExpressionBody: { } body } => body,
                _ => null,
            };
            if (expression is null || change == BodyChange.None)
            {
                return owner;
            }

            StatementSyntax statement = change == BodyChange.Return
                ? SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
            var block = SyntaxFactory.Block(statement).WithAdditionalAnnotations(FixAnnotations.Format);
            return owner switch
            {
                MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
                LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(local.SemicolonToken.TrailingTrivia)),
                LambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
                _ => owner,
            };
        }

        public bool NeedsMakeAsync { get; }

        /// <summary>The statement that returns or awaits the chain; null for an expression body.</summary>
        public StatementSyntax? Statement { get; }

        /// <summary>The whole chain expression (the outermost call).</summary>
        public ExpressionSyntax Chain { get; }

        public List<StatementSyntax> Prelude { get; }

        /// <summary>The chain's value once awaited; null when the last continuation is a statement block without a value.</summary>
        public ExpressionSyntax? FinalValue { get; }

        public static ExpressionSyntax VoidMarker()
            => SyntaxFactory.IdentifierName("__async201_void").WithAdditionalAnnotations(VoidAnnotation);

        /// <summary>
        /// The chain was replaced by a marker, and the function made async wrapped it in <c>await</c> (or the source
        /// already awaited it). The marker stands for an already awaited value: the <c>await</c> around it goes, and a
        /// statement that only awaited a value-less chain goes entirely.
        /// </summary>
        public static SyntaxNode ResolveMarkers(SyntaxNode root)
        {
            while (true)
            {
                var marker = FindFirst(root, ValueAnnotation) ?? FindFirst(root, VoidAnnotation);
                if (marker is null)
                {
                    return root;
                }

                var isVoid = marker.HasAnnotation(VoidAnnotation);
                var clean = marker.WithoutAnnotations(ValueAnnotation).WithoutAnnotations(VoidAnnotation);
                SyntaxNode target = marker;
                while (target.Parent is ParenthesizedExpressionSyntax)
                {
                    target = target.Parent;
                }

                if (target.Parent is AwaitExpressionSyntax awaitExpression)
                {
                    target = awaitExpression;
                }

                if (isVoid && target.Parent is ExpressionStatementSyntax statement)
                {
                    root = root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!;
                    continue;
                }

                if (target.Parent is ExpressionStatementSyntax && clean is ExpressionSyntax value && !IsStatementExpression(value))
                {
                    clean = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), value.WithoutTrivia())
                        .WithAdditionalAnnotations(FixAnnotations.Format);
                }

                root = root.ReplaceNode(target, clean.WithTriviaFrom(target));
            }
        }

        private static SyntaxNode? FindFirst(SyntaxNode root, SyntaxAnnotation annotation)
        {
            foreach (var node in root.GetAnnotatedNodes(annotation))
            {
                return node;
            }

            return null;
        }

        internal static bool IsStatementExpression(ExpressionSyntax expression)
        {
            return expression is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax
                || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression)
                || expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression);
        }
    }
}
