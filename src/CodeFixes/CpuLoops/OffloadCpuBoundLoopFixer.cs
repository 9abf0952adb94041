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
    /// <summary>
    /// ASYNC301: moves a CPU-bound loop to the thread pool (<c>await Task.Run(() =&gt; { loop })</c>, returning the locals it
    /// computes), or, when the analyzer proved its iterations independent, runs it with <c>Parallel.For</c>/<c>ForEach</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OffloadCpuBoundLoopFixer)), Shared]
    public sealed class OffloadCpuBoundLoopFixer : CodeFixProvider
    {
        internal const string TaskRunKey = DiagnosticIds.OffloadCpuBoundLoop + ":task-run";
        internal const string ParallelKey = DiagnosticIds.OffloadCpuBoundLoop + ":parallel";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OffloadCpuBoundLoop);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

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
                if (CanFix(root, model, diagnostic, TaskRunKey, context.CancellationToken, out _, out _))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Run the loop on the thread pool ('await Task.Run')",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), TaskRunKey, ct),
                            TaskRunKey),
                        diagnostic);
                }

                if (CanFix(root, model, diagnostic, ParallelKey, context.CancellationToken, out _, out _))
                {
                    var shape = diagnostic.Properties[CpuLoopProperties.Parallel] == "for" ? "Parallel.For" : "Parallel.ForEach";
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Parallelize the loop ('" + shape + "')",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ParallelKey, ct),
                            ParallelKey),
                        diagnostic);
                }
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
                if (!CanFix(root, model, diagnostic, equivalenceKey, cancellationToken, out var loop, out var owner))
                {
                    continue;
                }

                var awaits = true;
                if (equivalenceKey == TaskRunKey)
                {
                    RunOnThreadPool(editor, model, loop, CancellationTokenFinder.Find(model, loop.SpanStart, cancellationToken), cancellationToken);
                }
                else
                {
                    awaits = !IsRequestHandler(diagnostic);
                    Parallelize(editor, model, loop, diagnostic, awaits);
                }

                if (awaits && FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(owner))
                {
                    MakeAsync.Apply(editor, owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static bool IsRequestHandler(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(CpuLoopProperties.RequestHandler, out var value) && value == "true";

        private static bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken, out StatementSyntax loop, out SyntaxNode owner)
        {
            loop = null!;
            owner = null!;
            var wanted = equivalenceKey == TaskRunKey ? CpuLoopProperties.TaskRun : CpuLoopProperties.Parallel;
            if (!diagnostic.Properties.ContainsKey(wanted)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax keyword
                || keyword is not (ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                || MovedStatement(keyword, equivalenceKey, diagnostic) is not { } found
                || found.Parent is not (BlockSyntax or GlobalStatementSyntax or LabeledStatementSyntax)
                || FunctionSyntax.FindOwner(found) is not { } foundOwner)
            {
                return false;
            }

            var awaits = equivalenceKey == TaskRunKey || !IsRequestHandler(diagnostic);
            var becomesAsync = FunctionSyntax.IsAsync(foundOwner) || FixProperties.NeedsAsyncModifier(diagnostic.Properties);
            if (awaits
                && (!becomesAsync
                    || !FunctionSyntax.CanAwaitAt(found, foundOwner)
                    || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(foundOwner, model, cancellationToken, MovedIntoLambda(model, found, equivalenceKey, cancellationToken)))))
            {
                return false;
            }

            loop = found;
            owner = foundOwner;
            return true;
        }

        /// <summary>What the Task.Run fix moves into its lambda (the statement and the declarations before it), for the async check.</summary>
        private static IReadOnlyList<SyntaxNode>? MovedIntoLambda(SemanticModel model, StatementSyntax statement, string equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey != TaskRunKey)
            {
                return null;
            }

            var moved = new List<SyntaxNode>(MovableDeclarations(model, statement, cancellationToken)) { statement };
            return moved;
        }

        /// <summary>The loop, or for the Task.Run fix of a loop in a <c>lock</c>, the lock statement around it.</summary>
        private static StatementSyntax? MovedStatement(StatementSyntax loop, string equivalenceKey, Diagnostic diagnostic)
        {
            if (equivalenceKey != TaskRunKey || !diagnostic.Properties.ContainsKey(CpuLoopProperties.MovesLock))
            {
                return loop;
            }

            foreach (var ancestor in loop.Ancestors())
            {
                if (ancestor is LockStatementSyntax lockStatement)
                {
                    return lockStatement;
                }
            }

            return null;
        }

        // ------------------------------------------------------------------ Task.Run

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

        // ------------------------------------------------------------------ Parallel

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
                diagnostic.Properties.TryGetValue(CpuLoopProperties.ReductionKind, out var kind);
                var isLong = reductionType.SpecialType == SpecialType.System_Int64;
                ExpressionSyntax identity = kind switch
                {
                    // Each worker starts from the neutral element of its reduction.
                    "max" => PredefinedMember(isLong, "MinValue"),
                    "min" => PredefinedMember(isLong, "MaxValue"),
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
                if (kind is "min" or "max")
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
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FrameworkName("System", "Math"), SyntaxFactory.IdentifierName(kind == "max" ? "Max" : "Min")),
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

        private static ExpressionSyntax Parenthesized(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or LiteralExpressionSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        private static NameSyntax FrameworkName(string ns, string type)
        {
            return SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::" + ns), SyntaxFactory.IdentifierName(type))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        }

        private static string UniqueName(string text, string name)
        {
            var candidate = name;
            for (var i = 2; ContainsWord(text, candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        private static bool ContainsWord(string text, string word)
        {
            for (var index = text.IndexOf(word, System.StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, System.StringComparison.Ordinal))
            {
                var before = index == 0 ? ' ' : text[index - 1];
                var after = index + word.Length >= text.Length ? ' ' : text[index + word.Length];
                if (!char.IsLetterOrDigit(before) && before != '_' && !char.IsLetterOrDigit(after) && after != '_')
                {
                    return true;
                }
            }

            return false;
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
