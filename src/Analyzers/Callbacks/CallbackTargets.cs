using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// The members a callback rewrite may write. The analyzer plans with every member its compilation has. A multi-targeted
    /// project compiles the same file for other target frameworks the analyzer cannot see; its fixer plans again
    /// <see cref="Without"/> the members one of them lacks (<c>ConfigureAwaitOptions</c> before .NET 8, a TAP twin that a
    /// target does not have), and the planners then write a fallback that compiles everywhere, or no rewrite.
    /// </summary>
    internal sealed class CallbackTargets
    {
        // Documentation ids, so that the answer carries over to the compilation of a changed document.
        private readonly ImmutableHashSet<string> unavailable;
        private readonly IMethodSymbol? configureAwaitWithOptions;

        private CallbackTargets(IMethodSymbol? configureAwaitWithOptions, ImmutableHashSet<string> unavailable)
        {
            this.configureAwaitWithOptions = configureAwaitWithOptions;
            this.unavailable = unavailable;
        }

        /// <summary>Everything the compilation has.</summary>
        public static CallbackTargets Of(Compilation compilation) => new CallbackTargets(ConfigureAwaitWithOptionsOf(compilation), ImmutableHashSet<string>.Empty);

        /// <summary>The same unavailable members, for another compilation of the same code (a changed document).</summary>
        public CallbackTargets For(Compilation compilation) => new CallbackTargets(ConfigureAwaitWithOptionsOf(compilation), unavailable);

        private static IMethodSymbol? ConfigureAwaitWithOptionsOf(Compilation compilation)
        {
            IMethodSymbol? configureAwait = null;
            var types = KnownTypes.Create(compilation);
            var options = types.GetTypeByMetadataName("System.Threading.Tasks.ConfigureAwaitOptions");
            if (options is not null && types.Task is { } task)
            {
                foreach (var member in task.GetMembers("ConfigureAwait"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 1 } method && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, options))
                    {
                        configureAwait = method;
                    }
                }
            }

            return configureAwait;
        }

        /// <summary><c>Task.ConfigureAwait(ConfigureAwaitOptions)</c> (.NET 8 and later) when every target has it; otherwise null.</summary>
        public IMethodSymbol? ConfigureAwaitWithOptions
            => configureAwaitWithOptions is not null && IsAvailable(configureAwaitWithOptions) ? configureAwaitWithOptions : null;

        /// <summary>False for a member some target lacks.</summary>
        public bool IsAvailable(ISymbol symbol) => unavailable.IsEmpty || Id(symbol) is not { } id || !unavailable.Contains(id);

        /// <summary>These targets less <paramref name="symbols"/>.</summary>
        public CallbackTargets Without(IEnumerable<ISymbol> symbols)
        {
            var builder = unavailable.ToBuilder();
            foreach (var symbol in symbols)
            {
                if (Id(symbol) is { } id)
                {
                    builder.Add(id);
                }
            }

            return new CallbackTargets(configureAwaitWithOptions, builder.ToImmutable());
        }

        private static string? Id(ISymbol symbol)
            => DocumentationCommentId.CreateDeclarationId(symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced.OriginalDefinition : symbol.OriginalDefinition);

        /// <summary>
        /// Statements that wait for <paramref name="task"/> whatever its outcome, as a continuation that ignores its
        /// antecedent does: <c>await ((Task)t).ConfigureAwait(SuppressThrowing | ContinueOnCapturedContext);</c>, or where
        /// that is unavailable <c>try { await t; } catch { }</c>. The catch-all is the same: awaiting a task throws only what
        /// the task ended with (its first exception, or a TaskCanceledException), and the continuation ran after any of
        /// those. A task expression that is not a local or parameter is evaluated into <paramref name="freshName"/> before the
        /// try, so that what it throws synchronously still propagates. Null when a name is needed and none is given.
        /// <paramref name="written"/> receives the members the statements use.
        /// </summary>
        public List<StatementSyntax>? SuppressedAwait(ExpressionSyntax task, bool isGeneric, bool isSimple, string? freshName, List<ISymbol> written)
        {
            task = task.WithoutTrivia();
            if (ConfigureAwaitWithOptions is { } configureAwait)
            {
                written.Add(configureAwait);
                var optionsType = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.ConfigureAwaitOptions")
                    .WithAdditionalAnnotations(FixAnnotations.Simplify, FixAnnotations.AddImports);
                var flags = SyntaxFactory.BinaryExpression(
                    SyntaxKind.BitwiseOrExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, optionsType, SyntaxFactory.IdentifierName("SuppressThrowing")),
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, optionsType, SyntaxFactory.IdentifierName("ContinueOnCapturedContext")));

                // SuppressThrowing is only valid on a non-generic Task.
                var operand = isGeneric
                    ? SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(AwaitSyntax.TaskTypeName(), task))
                    : Operand(task);
                var configured = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, operand, SyntaxFactory.IdentifierName("ConfigureAwait")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(flags))));
                return new List<StatementSyntax> { SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(configured)).WithAdditionalAnnotations(FixAnnotations.Format) };
            }

            var statements = new List<StatementSyntax>();
            var awaited = task;
            if (!isSimple)
            {
                if (freshName is null)
                {
                    return null;
                }

                statements.Add(SyntaxFactory.LocalDeclarationStatement(
                        SyntaxFactory.VariableDeclaration(
                            SyntaxFactory.IdentifierName("var"),
                            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(freshName).WithInitializer(SyntaxFactory.EqualsValueClause(task)))))
                    .WithAdditionalAnnotations(FixAnnotations.Format));
                awaited = SyntaxFactory.IdentifierName(freshName);
            }

            statements.Add(SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(Operand(awaited)))),
                    SyntaxFactory.SingletonList(SyntaxFactory.CatchClause()),
                    null)
                .WithAdditionalAnnotations(FixAnnotations.Format));
            return statements;
        }

        /// <summary>True when evaluating <paramref name="task"/> again, or inside a try, can neither throw nor start anything.</summary>
        public static bool IsSimpleTask(ExpressionSyntax task, SemanticModel model, System.Threading.CancellationToken cancellationToken)
            => task is IdentifierNameSyntax && model.GetSymbolInfo(task, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol;

        private static ExpressionSyntax Operand(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);
    }
}
