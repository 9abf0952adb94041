using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    internal static partial class AsyncTwins
    {
        /// <summary>One helper's async twin: its declaration, and the replacement of each of its blocking sites.</summary>
        internal sealed class TwinPlan
        {
            private readonly Dictionary<SyntaxNode, SyntaxNode?> replacements;

            // For each call of a helper the twin awaits: the helper, and the CancellationToken in scope there (if any).
            private readonly Dictionary<SyntaxNode, IMethodSymbol> calleeAt = new Dictionary<SyntaxNode, IMethodSymbol>();
            private readonly Dictionary<SyntaxNode, string?> tokenAt = new Dictionary<SyntaxNode, string?>();

            private TwinPlan(DocumentId documentId, SyntaxNode? declaration, Dictionary<SyntaxNode, SyntaxNode?> replacements, List<IMethodSymbol> callees, TypeSyntax? newReturnType)
            {
                DocumentId = documentId;
                Declaration = declaration;
                this.replacements = replacements;
                Callees = callees;
                NewReturnType = newReturnType;
            }

            /// <summary>
            /// The name of the trailing <c>CancellationToken</c> parameter of an existing twin that takes one more parameter than
            /// the helper (<c>FillAsync(int n, CancellationToken cancellationToken)</c> for <c>Fill(int n)</c>); null otherwise.
            /// </summary>
            public string? TokenParameter { get; private set; }

            /// <summary>Whether that parameter must be passed (it has no default value).</summary>
            public bool TokenRequired { get; private set; }

            /// <summary>
            /// <c>x.Step(a)</c> to <c>x.StepAsync(a)</c>, with the token for an existing twin that takes one: the token in scope
            /// at the call, or <c>CancellationToken.None</c> when the twin insists and none is (no cancellation, as before).
            /// </summary>
            internal static InvocationExpressionSyntax RenamedFor(InvocationExpressionSyntax invocation, TwinPlan? callee, string? tokenInScope)
            {
                var renamed = Renamed(invocation);
                if (callee?.TokenParameter is not { } parameter)
                {
                    return renamed;
                }

                ExpressionSyntax? token = tokenInScope is not null
                    ? SyntaxFactory.IdentifierName(tokenInScope)
                    : callee.TokenRequired ? UseAsyncCounterpartFixer.NoneExpression() : null;
                return token is null
                    ? renamed
                    : renamed.WithArgumentList(renamed.ArgumentList.AddArguments(SyntaxFactory.Argument(token).WithNameColon(SyntaxFactory.NameColon(parameter))));
            }

            public DocumentId DocumentId { get; }

            /// <summary>The helper's method declaration or local function statement; null when the twin exists already.</summary>
            public SyntaxNode? Declaration { get; }

            public List<IMethodSymbol> Callees { get; }

            private TypeSyntax? NewReturnType { get; }

            public static async Task<TwinPlan?> TryCreateAsync(Solution solution, BlockingSummary summary, IMethodSymbol method, CancellationToken cancellationToken)
            {
                if (method.DeclaringSyntaxReferences.Length != 1
                    || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                    || method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType)
                    || method.ReturnsByRef || method.ReturnsByRefReadonly)
                {
                    return null;
                }

                var declaration = await method.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                var document = solution.GetDocument(declaration.SyntaxTree);
                if (document is null || declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    return null;
                }

                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    return null;
                }

                switch (ExistingTwin(method, model, declaration, out var existing, out var tokenParameter))
                {
                    case TwinState.Matches:
                        // Written by an earlier fix, or by hand: call it, there is nothing to generate. In a multi-targeted
                        // project it must exist in every target (not only under #if NET8_0_OR_GREATER).
                        if (existing!.MethodKind != MethodKind.LocalFunction
                            && !await LinkedTargets.ExistsAsync(document, declaration.SpanStart, existing, cancellationToken).ConfigureAwait(false))
                        {
                            return null;
                        }

                        return new TwinPlan(document.Id, null, new Dictionary<SyntaxNode, SyntaxNode?>(), new List<IMethodSymbol>(), null)
                        {
                            TokenParameter = tokenParameter?.Name,
                            TokenRequired = tokenParameter is { IsOptional: false },
                        };
                    case TwinState.Conflicts:
                        return null;
                }

                if (!MakeAsync.CanMakeAsync(declaration, model, cancellationToken)
                    || (method.MethodKind != MethodKind.LocalFunction
                        && !await LinkedTargets.NameIsFreeInEveryTargetAsync(document, declaration.SpanStart, method.ContainingType, method.Name + "Async", cancellationToken).ConfigureAwait(false)))
                {
                    // Or another target framework of the file declares the twin's name already (under #if).
                    return null;
                }

                var replacements = new Dictionary<SyntaxNode, SyntaxNode?>();
                var callees = new List<IMethodSymbol>();
                var calls = new List<(SyntaxNode Call, IMethodSymbol Callee, string? Token)>();
                foreach (var site in summary.GetBlockingSites(method, cancellationToken))
                {
                    var syntax = site.Operation.Syntax;
                    if (FunctionSyntax.FindOwner(syntax) != declaration || !FunctionSyntax.CanAwaitAt(syntax, declaration))
                    {
                        // Inside a lambda that runs inline (a LINQ callback) an await cannot go where the call is.
                        return null;
                    }

                    if (site.IsLeaf)
                    {
                        if (!LeafRewriters.TryRewrite(site.Leaf, syntax, model, cancellationToken, out var replaced, out var replacement, out var written)
                            || !await LinkedTargets.AllExistAsync(document, syntax.SpanStart, written, cancellationToken).ConfigureAwait(false))
                        {
                            // No awaiting form, or one that calls an API another target framework of the file lacks.
                            return null;
                        }

                        replacements[replaced] = replacement;
                    }
                    else
                    {
                        if (syntax is not InvocationExpressionSyntax call || TwinName(call) is null)
                        {
                            return null;
                        }

                        replacements[call] = null;
                        callees.Add(site.Callee!);
                        calls.Add((call, site.Callee!, CancellationTokenFinder.Find(model, call.SpanStart, cancellationToken)));
                    }
                }

                // A rewritten blocking operation is built from the original text: nothing else may be rewritten inside it.
                foreach (var pair in replacements)
                {
                    if (pair.Value is not null && replacements.Keys.Any(other => other != pair.Key && pair.Key.Span.Contains(other.Span)))
                    {
                        return null;
                    }
                }

                TypeSyntax? returnType = method.ReturnsVoid
                    ? AwaitSyntax.TaskTypeName()
                    : AwaitSyntax.GenericTaskTypeName(declaration is MethodDeclarationSyntax m ? m.ReturnType : ((LocalFunctionStatementSyntax)declaration).ReturnType);
                var plan = new TwinPlan(document.Id, declaration, replacements, callees, returnType);
                foreach (var (call, callee, token) in calls)
                {
                    plan.calleeAt[call] = callee;
                    plan.tokenAt[call] = token;
                }

                return plan;
            }

            /// <summary>True when the twin rewrites the call found at <paramref name="span"/> (a blocking call of the original).</summary>
            public bool RewritesCallAt(Microsoft.CodeAnalysis.Text.TextSpan span)
                => replacements.Any(r => r.Value is null && r.Key.Span.Contains(span));

            /// <summary>The twin declaration, built from the original (the original stays as it is).</summary>
            /// <param name="planOf">The plan of a helper this twin calls (for an existing twin's token parameter).</param>
            public SyntaxNode Build(System.Func<IMethodSymbol, TwinPlan?> planOf)
            {
                var rewritten = Declaration!.ReplaceNodes(
                    replacements.Keys,
                    (original, current) => replacements[original]
                        ?? AwaitSyntax.Await(
                            RenamedFor(
                                (InvocationExpressionSyntax)current,
                                calleeAt.TryGetValue(original, out var callee) ? planOf(callee) : null,
                                tokenAt.TryGetValue(original, out var token) ? token : null),
                            original));

                var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                SyntaxNode twin = rewritten switch
                {
                    MethodDeclarationSyntax method => method
                        .WithIdentifier(SyntaxFactory.Identifier(method.Identifier.ValueText + "Async"))
                        .WithModifiers(TwinModifiers(method.Modifiers).Add(asyncKeyword))
                        .WithReturnType(NewReturnType!.WithTrailingTrivia(SyntaxFactory.Space)),
                    LocalFunctionStatementSyntax local => local
                        .WithIdentifier(SyntaxFactory.Identifier(local.Identifier.ValueText + "Async"))
                        .WithModifiers(local.Modifiers.Add(asyncKeyword))
                        .WithReturnType(NewReturnType!.WithTrailingTrivia(SyntaxFactory.Space)),
                    _ => rewritten,
                };

                // The twin sits after the original, separated by a blank line in the file's own line endings; comments and
                // docs stay with the original.
                var endOfLine = Declaration!.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed;
                return twin
                    .WithLeadingTrivia(newLine, SyntaxFactory.ElasticMarker)
                    .WithTrailingTrivia(newLine)
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            /// <summary>The original's modifiers without those that tie a declaration to another one (partial, override...).</summary>
            private static SyntaxTokenList TwinModifiers(SyntaxTokenList modifiers)
            {
                var result = default(SyntaxTokenList);
                foreach (var modifier in modifiers)
                {
                    if (!modifier.IsKind(SyntaxKind.PartialKeyword) && !modifier.IsKind(SyntaxKind.OverrideKeyword)
                        && !modifier.IsKind(SyntaxKind.SealedKeyword) && !modifier.IsKind(SyntaxKind.NewKeyword)
                        && !modifier.IsKind(SyntaxKind.VirtualKeyword) && !modifier.IsKind(SyntaxKind.ExternKeyword))
                    {
                        result = result.Add(modifier);
                    }
                }

                return result;
            }

            private enum TwinState
            {
                Absent,
                Matches,
                Conflicts,
            }

            /// <summary>
            /// Whether <c>NameAsync</c> exists: with the same parameters (or those and a trailing <c>CancellationToken</c>, returned
            /// in <paramref name="tokenParameter"/>) and the awaitable form of the result, or as something else.
            /// </summary>
            private static TwinState ExistingTwin(IMethodSymbol method, SemanticModel model, SyntaxNode declaration, out IMethodSymbol? existing, out IParameterSymbol? tokenParameter)
            {
                existing = null;
                tokenParameter = null;
                var name = method.Name + "Async";
                var candidates = method.MethodKind == MethodKind.LocalFunction
                    ? model.LookupSymbols(declaration.SpanStart, name: name)
                    : method.ContainingType.GetMembers(name);
                if (candidates.IsEmpty)
                {
                    return TwinState.Absent;
                }

                var types = KnownTypes.Create(model.Compilation);
                foreach (var candidate in candidates)
                {
                    if (candidate is IMethodSymbol twin
                        && twin.IsStatic == method.IsStatic
                        && twin.Parameters.Length == method.Parameters.Length
                        && twin.TypeParameters.Length == method.TypeParameters.Length
                        && HasAwaitableFormOf(twin.ReturnType, method, types)
                        && twin.Parameters.Zip(method.Parameters, (a, b) => a.RefKind == b.RefKind && AsyncCounterpartResolver.TypesMatch(a.Type, b.Type)).All(same => same))
                    {
                        existing = twin;
                        return TwinState.Matches;
                    }
                }

                // The same with one more, trailing CancellationToken parameter: a library's usual async form of its helper.
                foreach (var candidate in candidates)
                {
                    if (candidate is IMethodSymbol twin
                        && twin.IsStatic == method.IsStatic
                        && twin.Parameters.Length == method.Parameters.Length + 1
                        && twin.TypeParameters.Length == method.TypeParameters.Length
                        && twin.Parameters[method.Parameters.Length] is { RefKind: RefKind.None } last
                        && SymbolEqualityComparer.Default.Equals(last.Type, types.CancellationToken)
                        && HasAwaitableFormOf(twin.ReturnType, method, types)
                        && twin.Parameters.Take(method.Parameters.Length).Zip(method.Parameters, (a, b) => a.RefKind == b.RefKind && AsyncCounterpartResolver.TypesMatch(a.Type, b.Type)).All(same => same))
                    {
                        existing = twin;
                        tokenParameter = last;
                        return TwinState.Matches;
                    }
                }

                return TwinState.Conflicts;
            }

            private static bool HasAwaitableFormOf(ITypeSymbol twinReturn, IMethodSymbol method, KnownTypes types)
            {
                if (method.ReturnsVoid)
                {
                    return types.IsAwaitableReturnType(twinReturn) && !types.IsGenericTaskType(twinReturn);
                }

                return types.IsGenericTaskType(twinReturn)
                    && AsyncCounterpartResolver.TypesMatch(((INamedTypeSymbol)twinReturn).TypeArguments[0], method.ReturnType);
            }
        }
    }
}
