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
    /// ASYNC103: <c>M(args)</c> to <c>await MAsync(args[, token])</c>, with the counterpart the analyzer resolved. The new call
    /// is bound speculatively first: the fix is offered only when it binds to exactly that counterpart.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncCounterpartFixer)), Shared]
    public sealed class UseAsyncCounterpartFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.UseAsyncCounterpart + ":await";
        internal const string AwaitWithTokenKey = DiagnosticIds.UseAsyncCounterpart + ":await-with-token";

        /// <summary>Stands for <c>CancellationToken.None</c> in a plan.</summary>
        private const string NoneToken = "CancellationToken.None";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseAsyncCounterpart);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync, AwaitWithTokenKey);

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
                // A finding that covers later calls on the same object converts them too: the action is offered when any
                // of the calls can be converted, and named after the first of those.
                string? name = null;
                Plan? tokenPlan = null;
                string? tokenName = null;
                var plainPlans = false;
                var calls = 0;
                var firstConverts = false;
                foreach (var call in Calls(diagnostic))
                {
                    if (!call.Properties.TryGetValue(UseAsyncCounterpartAnalyzer.CounterpartNameProperty, out var callName) || callName is null)
                    {
                        continue;
                    }

                    var converts = false;
                    if (TryPlan(root, model, call, withToken: true, context.CancellationToken, out var plan) && plan.Token is not null
                        && await CompilesInEveryTargetAsync(context.Document, plan, context.CancellationToken).ConfigureAwait(false))
                    {
                        if (tokenPlan is null)
                        {
                            tokenPlan = plan;
                            tokenName = callName;
                        }

                        converts = true;
                    }

                    if (TryPlan(root, model, call, withToken: false, context.CancellationToken, out var plain)
                        && await CompilesInEveryTargetAsync(context.Document, plain, context.CancellationToken).ConfigureAwait(false))
                    {
                        plainPlans = true;
                        converts = true;
                    }

                    if (converts)
                    {
                        name ??= callName;
                        firstConverts |= ReferenceEquals(call, diagnostic);
                        calls++;
                    }
                }

                if (name is null)
                {
                    continue;
                }

                // When the reported call itself has no fix (its fluent result is chained on), the title says it stays.
                var others = !firstConverts
                    ? $" in the {(calls > 1 ? calls + " later calls" : "later call")} (the reported call stays)"
                    : calls > 1 ? $" and {calls - 1} later call{(calls > 2 ? "s" : string.Empty)}" : string.Empty;
                if (tokenPlan is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use 'await {tokenName}(..., {tokenPlan.Token})'{others}",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), AwaitWithTokenKey, ct),
                            AwaitWithTokenKey),
                        diagnostic);
                }

                if (plainPlans)
                {
                    // With no token in scope the plain call is the only variant, and it goes under the token key: Fix All
                    // (dotnet format takes the key of the first site's first action) then forwards the token wherever one
                    // is in scope, whichever site comes first (a library that makes CA2016 an error would not build otherwise).
                    var key = tokenPlan is not null ? AwaitKey : AwaitWithTokenKey;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use 'await {name}(...)'{others}",
                            ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct),
                            key),
                        diagnostic);
                }
            }
        }

        /// <summary>
        /// The calls a finding covers: its own, then each later call on the same object that it names (an additional
        /// location, whose fix properties end in <see cref="UseAsyncCounterpartAnalyzer.MemberSuffix"/>), as findings of their own.
        /// </summary>
        private static IEnumerable<Diagnostic> Calls(Diagnostic diagnostic)
        {
            yield return diagnostic;
            for (var i = 0; i < diagnostic.AdditionalLocations.Count; i++)
            {
                var suffix = UseAsyncCounterpartAnalyzer.MemberSuffix(i);
                var properties = ImmutableDictionary<string, string?>.Empty;
                foreach (var pair in diagnostic.Properties)
                {
                    if (pair.Key.EndsWith(suffix, System.StringComparison.Ordinal))
                    {
                        properties = properties.SetItem(pair.Key.Substring(0, pair.Key.Length - suffix.Length), pair.Value);
                    }
                    else if (pair.Key.IndexOf('#') < 0 && !IsCallProperty(pair.Key))
                    {
                        properties = properties.SetItem(pair.Key, pair.Value);
                    }
                }

                yield return Diagnostic.Create(diagnostic.Descriptor, diagnostic.AdditionalLocations[i], properties);
            }
        }

        private static bool IsCallProperty(string key)
            => key is UseAsyncCounterpartAnalyzer.CounterpartProperty or UseAsyncCounterpartAnalyzer.CounterpartNameProperty or UseAsyncCounterpartAnalyzer.SlicedProperty;

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var madeAsync = new HashSet<SyntaxNode>();

            foreach (var diagnostic in Expand(diagnostics))
            {
                // Fix All with the token variant also fixes the sites that have no token in scope, as the plain variant
                // would: one pass (dotnet format takes the first site's key for all) leaves no site behind.
                if (!(equivalenceKey == AwaitWithTokenKey && TryPlan(root, model, diagnostic, withToken: true, cancellationToken, out var plan)
                        && await CompilesInEveryTargetAsync(document, plan, cancellationToken).ConfigureAwait(false))
                    && !(TryPlan(root, model, diagnostic, withToken: false, cancellationToken, out plan)
                        && await CompilesInEveryTargetAsync(document, plan, cancellationToken).ConfigureAwait(false)))
                {
                    continue;
                }

                if (plan.Shape == CounterpartShape.AsyncEnumerable && plan.Invocation.Parent is CommonForEachStatementSyntax loop)
                {
                    // foreach (var x in M()) -> await foreach (var x in MAsync())
                    editor.ReplaceNode(plan.Invocation, (current, _) => AsyncStream((InvocationExpressionSyntax)current, plan));
                    editor.ReplaceNode(loop, (current, _) => ((CommonForEachStatementSyntax)current)
                        .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(current.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space))
                        .WithForEachKeyword(((CommonForEachStatementSyntax)current).ForEachKeyword.WithLeadingTrivia()));
                }
                else if (DualModeFlag(plan, model, cancellationToken) is { } flag)
                {
                    // Inside a dual-mode function both modes stay: the async mode awaits the counterpart, the synchronous
                    // mode keeps the call it had (an unconditional await would run the synchronous API's I/O asynchronously
                    // and block on it from the outside).
                    if (plan.Invocation.Parent is ExpressionStatementSyntax statement)
                    {
                        editor.ReplaceNode(statement, (current, _) => BothModes((ExpressionStatementSyntax)current, flag, plan));
                    }
                    else
                    {
                        editor.ReplaceNode(plan.Invocation, (current, _) => SyntaxFactory.ParenthesizedExpression(
                                SyntaxFactory.ConditionalExpression(flag, Rewrite((InvocationExpressionSyntax)current, plan), ((InvocationExpressionSyntax)current).WithoutTrivia()))
                            .WithTriviaFrom(current)
                            .WithAdditionalAnnotations(Formatter.Annotation));
                    }
                }
                else
                {
                    editor.ReplaceNode(plan.Invocation, (current, _) => Rewrite((InvocationExpressionSyntax)current, plan));
                    if (plan.CollectedAs is { } declared
                        && plan.Invocation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true, Variables.Count: 1 } declaration } })
                    {
                        var type = SyntaxFactory.ParseTypeName(declared.ToMinimalDisplayString(model, declaration.SpanStart))
                            .WithTriviaFrom(declaration.Type)
                            .WithAdditionalAnnotations(Simplifier.Annotation);
                        editor.ReplaceNode(declaration.Type, type);
                    }
                }

                if (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && madeAsync.Add(plan.Owner))
                {
                    MakeAsync.Apply(editor, plan.Owner, model, cancellationToken);
                }
            }

            return await FixedDocument.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static IEnumerable<Diagnostic> Expand(ImmutableArray<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                foreach (var call in Calls(diagnostic))
                {
                    yield return call;
                }
            }
        }

        /// <summary>
        /// The counterpart the new call binds to exists in every target framework the file is compiled for where the call
        /// is active code (File.ReadAllTextAsync in a net8.0;netstandard2.0 project does not).
        /// </summary>
        private static Task<bool> CompilesInEveryTargetAsync(Document document, Plan plan, CancellationToken cancellationToken)
            => LinkedTargets.ExistsAsync(document, plan.Invocation.SpanStart, plan.Bound, cancellationToken);

        /// <summary>Everything the rewrite needs, decided on the original tree.</summary>
        private sealed class Plan
        {
            public Plan(InvocationExpressionSyntax invocation, SyntaxNode owner, string name, string? token, string? tokenParameter, bool configureAwait)
            {
                Shape = CounterpartShape.SameResult;
                Invocation = invocation;
                Owner = owner;
                Name = name;
                Token = token;
                TokenParameter = tokenParameter;
                ConfigureAwait = configureAwait;
            }

            public InvocationExpressionSyntax Invocation { get; }

            public SyntaxNode Owner { get; }

            public string Name { get; }

            /// <summary>The token to forward; null for none.</summary>
            public string? Token { get; }

            /// <summary>The parameter name to pass the token by, when it cannot go positionally; null for positional.</summary>
            public string? TokenParameter { get; }

            public bool ConfigureAwait { get; }

            /// <summary>The array parameters written as <c>buffer.AsMemory(offset, count)</c> (<see cref="ArraySlices"/>).</summary>
            public ulong Sliced { get; set; }

            /// <summary>Set once the new call is bound: how its result relates to the old one's.</summary>
            public CounterpartShape Shape { get; set; }

            /// <summary>For <see cref="CounterpartShape.Collection"/>: the extension method that collects the stream.</summary>
            public string? Collector { get; set; }

            /// <summary>
            /// For <see cref="CounterpartShape.Collection"/>: what the synchronous call returned when the collector returns
            /// another type (IReadOnlyList&lt;T&gt; for List&lt;T&gt;); a <c>var</c> declaration takes it explicitly, so that the
            /// local keeps its type (an assignment of another IReadOnlyList&lt;T&gt; to it later still compiles).
            /// </summary>
            public ITypeSymbol? CollectedAs { get; set; }

            /// <summary>Set once the new call is bound: the counterpart overload it calls.</summary>
            public IMethodSymbol Bound { get; set; } = null!;
        }

        /// <summary>
        /// The awaiting form of a blocking call inside a synchronous helper that is getting an async twin (ASYNC105/106
        /// fixes): the same planning and binding checks as this rule's own fix, with the token in scope when there is one.
        /// </summary>
        internal static bool TryRewriteInHelper(SyntaxNode leaf, string counterpartId, string counterpartName, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode replacement, out IMethodSymbol? written)
        {
            replacement = leaf;
            written = null;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(UseAsyncCounterpartAnalyzer.CounterpartProperty, counterpartId)
                .Add(UseAsyncCounterpartAnalyzer.CounterpartNameProperty, counterpartName)
                .Add(FixProperties.MakeAsync, "true");
            var diagnostic = Diagnostic.Create(Descriptors.UseAsyncCounterpart, leaf.GetLocation(), properties, string.Empty, string.Empty);
            var root = leaf.SyntaxTree.GetRoot(cancellationToken);
            if (!TryPlan(root, model, diagnostic, withToken: true, cancellationToken, out var plan)
                && !TryPlan(root, model, diagnostic, withToken: false, cancellationToken, out plan))
            {
                return false;
            }

            if (plan.Shape == CounterpartShape.AsyncEnumerable)
            {
                return false;
            }

            replacement = Rewrite((InvocationExpressionSyntax)leaf, plan);
            written = plan.Bound;
            return true;
        }

        private static bool TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, bool withToken, CancellationToken cancellationToken, out Plan plan)
        {
            plan = null!;
            if (!diagnostic.Properties.TryGetValue(UseAsyncCounterpartAnalyzer.CounterpartProperty, out var id) || id is null
                || !diagnostic.Properties.TryGetValue(UseAsyncCounterpartAnalyzer.CounterpartNameProperty, out var name) || name is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.Expression is MemberBindingExpressionSyntax
                || FunctionSyntax.FindOwner(invocation) is not { } owner
                || !FunctionSyntax.CanAwaitAt(invocation, owner)
                || !CanHoldAwait(owner, diagnostic)
                || (FixProperties.NeedsAsyncModifier(diagnostic.Properties) && !MakeAsync.CanMakeAsync(owner, model, cancellationToken))
                || DocumentationCommentId.GetFirstSymbolForDeclarationId(id, model.Compilation) is not IMethodSymbol counterpart)
            {
                return false;
            }

            var knownTypes = KnownTypes.Create(model.Compilation);
            var tokenType = knownTypes.CancellationToken;
            var parameters = counterpart.IsExtensionMethod ? counterpart.Parameters.RemoveAt(0) : counterpart.Parameters;
            // Socket.Send(buffer, offset, size, flags) -> SendAsync(buffer.AsMemory(offset, size), flags): fewer arguments.
            // The analyzer's mask, as the message shows it. A diagnostic made here for a call inside a helper (ASYNC105's
            // rewrite) carries none: the mask is worked out from the symbols, as far as they tell.
            var sliced = diagnostic.Properties.TryGetValue(UseAsyncCounterpartAnalyzer.SlicedProperty, out var mask)
                && ulong.TryParse(mask, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var given)
                ? given
                : model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol sync && !counterpart.IsExtensionMethod
                    ? AsyncCounterpartResolver.For(knownTypes).SlicedParameters(sync, counterpart)
                    : 0UL;
            var written = invocation.ArgumentList.Arguments.Count - (2 * AsyncCounterpart.BitCount(sliced));
            var index = -1;
            for (var i = written; i < parameters.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(parameters[i].Type, tokenType))
                {
                    index = i;
                    break;
                }
            }

            var tokenParameter = index >= 0 && (index != written || HasNamedArgument(invocation))
                ? parameters[index].Name
                : null;
            var configureAwait = ConfigureAwaitStyle.UsesConfigureAwaitFalse(owner);
            if (withToken)
            {
                var token = CancellationTokenFinder.Find(model, invocation.SpanStart, cancellationToken);
                if (token is null || index < 0)
                {
                    return false;
                }

                return TryBind(new Plan(invocation, owner, name, token, tokenParameter, configureAwait) { Sliced = sliced }, out plan);
            }

            // Without a token in hand: the call as it is, or, when the counterpart insists on a token, CancellationToken.None
            // (no cancellation, exactly what the synchronous call had).
            return TryBind(new Plan(invocation, owner, name, null, null, configureAwait) { Sliced = sliced }, out plan)
                || (index >= 0 && !parameters[index].IsOptional
                    && TryBind(new Plan(invocation, owner, name, NoneToken, tokenParameter, configureAwait) { Sliced = sliced }, out plan));

            bool TryBind(Plan candidate, out Plan result)
            {
                result = candidate;
                if (BindsToACounterpart(model, invocation, Call(invocation, candidate), counterpart, cancellationToken, out var bound) is not { } shape
                    || !UseAsyncCounterpartAnalyzer.FitsInPlace(invocation, shape))
                {
                    return false;
                }

                candidate.Shape = shape;
                candidate.Bound = bound!;
                return shape != CounterpartShape.Collection || CollectsInto(model, invocation, Call(invocation, candidate), candidate, cancellationToken);
            }
        }

        /// <summary>
        /// The new call, bound where the old one stands, is the counterpart, or an overload of it with the same result
        /// on the same type or a base type (<c>Stream.FlushAsync()</c> when the analyzer named
        /// <c>FileStream.FlushAsync(CancellationToken)</c> and no token is passed),
        /// and awaiting it gives what the synchronous call returned.
        /// </summary>
        private static CounterpartShape? BindsToACounterpart(SemanticModel model, InvocationExpressionSyntax original, InvocationExpressionSyntax replacement, IMethodSymbol counterpart, CancellationToken cancellationToken, out IMethodSymbol? bound)
        {
            bound = model.GetSpeculativeSymbolInfo(original.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
            if (model.GetSymbolInfo(original, cancellationToken).Symbol is not IMethodSymbol sync || bound is null)
            {
                return null;
            }

            var boundDefinition = (bound.ReducedFrom ?? bound).OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(boundDefinition, counterpart.OriginalDefinition)
                && (boundDefinition.Name != counterpart.Name
                    || !(InheritsFrom(boundDefinition.ContainingType, counterpart.ContainingType) || InheritsFrom(counterpart.ContainingType, boundDefinition.ContainingType))))
            {
                return null;
            }

            if (bound.ReturnType is not INamedTypeSymbol returned)
            {
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            var plain = KnownTypes.Is(returned.OriginalDefinition, types.Task) || KnownTypes.Is(returned.OriginalDefinition, types.ValueTask);
            if (sync.ReturnsVoid)
            {
                return plain ? CounterpartShape.SameResult : null;
            }

            if (types.IsGenericTaskType(returned) && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], sync.ReturnType))
            {
                return CounterpartShape.SameResult;
            }

            // The shapes the resolver accepts beyond the same result: a fluent method's plain Task twin, an async stream.
            if (plain && InheritsFrom(sync.ContainingType, (sync.ReturnType as INamedTypeSymbol)?.OriginalDefinition))
            {
                return CounterpartShape.Fluent;
            }

            var asyncEnumerable = types.AsyncEnumerableOfT;
            if (!KnownTypes.Is(returned.OriginalDefinition, asyncEnumerable))
            {
                return null;
            }

            if (sync.ReturnType is INamedTypeSymbol { IsGenericType: true } syncReturn
                && syncReturn.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], syncReturn.TypeArguments[0]))
            {
                return CounterpartShape.AsyncEnumerable;
            }

            return AsyncStreamCollection.ElementOf(sync.ReturnType, types) is { } element && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], element)
                ? CounterpartShape.Collection
                : null;
        }

        /// <summary>
        /// The collected stream (<c>XAsync(...).ToListAsync()</c>) binds where the call stands, to a collector whose awaited
        /// result converts to what the synchronous call returned (List&lt;T&gt; to IReadOnlyList&lt;T&gt;, T[] to T[]): sets
        /// <see cref="Plan.Collector"/>.
        /// </summary>
        private static bool CollectsInto(SemanticModel model, InvocationExpressionSyntax original, InvocationExpressionSyntax call, Plan plan, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(original, cancellationToken).Symbol is not IMethodSymbol sync)
            {
                return false;
            }

            var collector = AsyncStreamCollection.CollectorFor(sync.ReturnType);
            var collected = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call.WithoutTrivia(), SyntaxFactory.IdentifierName(collector)));
            var types = KnownTypes.Create(model.Compilation);
            if (model.GetSpeculativeSymbolInfo(original.SpanStart, collected, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol { ReturnType: INamedTypeSymbol result }
                || !types.IsGenericTaskType(result))
            {
                return false;
            }

            var conversion = model.Compilation.ClassifyConversion(result.TypeArguments[0], sync.ReturnType);
            if (!conversion.IsImplicit || !(conversion.IsIdentity || conversion.IsReference))
            {
                return false;
            }

            plan.Collector = collector;
            if (!conversion.IsIdentity)
            {
                plan.CollectedAs = sync.ReturnType;
            }

            return true;
        }

        /// <summary>The async stream the loop enumerates: the renamed call, with ConfigureAwait(false) where the code uses it.</summary>
        private static ExpressionSyntax AsyncStream(InvocationExpressionSyntax current, Plan plan)
        {
            ExpressionSyntax call = Call(current, plan);
            if (plan.ConfigureAwait)
            {
                call = ConfigureAwaitStyle.WithConfigureAwaitFalse(call.WithoutTrivia()).WithTriviaFrom(current);
            }

            return call.WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType?.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasNamedArgument(InvocationExpressionSyntax invocation)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The condition that selects the async mode when the call sits in a dual-mode function (<c>async</c> or
        /// <c>!sync</c>), or null. Only for a function that is async already: a dual-mode function always is.
        /// </summary>
        private static ExpressionSyntax? DualModeFlag(Plan plan, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!FunctionSyntax.IsAsync(plan.Owner))
            {
                return null;
            }

            var function = plan.Owner is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(plan.Owner, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(plan.Owner, cancellationToken) as IMethodSymbol;
            if (function is null || model.GetOperation(plan.Owner, cancellationToken) is not { } body
                || DualMode.AsyncFlag(body, function) is not { } flag)
            {
                return null;
            }

            return SyntaxFactory.ParseExpression(DualMode.AsyncCondition(flag));
        }

        /// <summary><c>X();</c> becomes <c>if (flag) await XAsync(); else X();</c>, with the statement's trivia around it.</summary>
        private static StatementSyntax BothModes(ExpressionStatementSyntax current, ExpressionSyntax flag, Plan plan)
        {
            var call = ((InvocationExpressionSyntax)current.Expression).WithoutTrivia();
            var awaited = SyntaxFactory.ExpressionStatement(Rewrite(call, plan));
            var kept = SyntaxFactory.ExpressionStatement(call.WithoutTrivia());
            return SyntaxFactory.IfStatement(flag, awaited, SyntaxFactory.ElseClause(kept))
                .WithTriviaFrom(current)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static ExpressionSyntax Rewrite(InvocationExpressionSyntax current, Plan plan)
        {
            ExpressionSyntax call = Call(current, plan).WithoutTrivia();
            if (plan.Collector is not null)
            {
                call = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName(plan.Collector)));
            }

            if (plan.ConfigureAwait)
            {
                call = ConfigureAwaitStyle.WithConfigureAwaitFalse(call);
            }

            return AwaitSyntax.Await(call, current).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The counterpart call: the same receiver and arguments under the new name, plus the token.</summary>
        private static InvocationExpressionSyntax Call(InvocationExpressionSyntax invocation, Plan plan)
        {
            var expression = invocation.Expression switch
            {
                MemberAccessExpressionSyntax memberAccess => memberAccess.WithName(Renamed(memberAccess.Name, plan.Name)),
                SimpleNameSyntax simpleName => Renamed(simpleName, plan.Name),
                _ => invocation.Expression,
            };

            var arguments = ArraySlices.Apply(invocation.ArgumentList, plan.Sliced);
            if (plan.Token is not null)
            {
                var argument = SyntaxFactory.Argument(plan.Token == NoneToken ? NoneExpression() : SyntaxFactory.IdentifierName(plan.Token));
                if (plan.TokenParameter is not null)
                {
                    argument = argument.WithNameColon(SyntaxFactory.NameColon(plan.TokenParameter));
                }

                arguments = arguments.AddArguments(argument);
            }

            return invocation.WithExpression(expression).WithArgumentList(arguments);
        }

        /// <summary><c>CancellationToken.None</c>, simplified and imported by the code action's clean-up.</summary>
        internal static ExpressionSyntax NoneExpression()
        {
            var tokenType = SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("global::System.Threading"), SyntaxFactory.IdentifierName("CancellationToken"))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, tokenType, SyntaxFactory.IdentifierName("None"))
                .WithAdditionalAnnotations(Simplifier.Annotation);
        }

        private static SimpleNameSyntax Renamed(SimpleNameSyntax name, string newName)
        {
            var identifier = SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier);
            return name switch
            {
                GenericNameSyntax generic => generic.WithIdentifier(identifier),
                _ => SyntaxFactory.IdentifierName(identifier),
            };
        }

        /// <summary>
        /// The owner is async already, or the analyzer asked for it to become async. A synchronous function the async-path
        /// model counts as running inline on an async path cannot take an await.
        /// </summary>
        private static bool CanHoldAwait(SyntaxNode owner, Diagnostic diagnostic)
            => FunctionSyntax.IsAsync(owner) || FixProperties.NeedsAsyncModifier(diagnostic.Properties);
    }
}
