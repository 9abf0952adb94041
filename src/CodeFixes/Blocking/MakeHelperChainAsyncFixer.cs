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
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// ASYNC105 "make it async all the way", keeping the synchronous helpers for their other callers: every helper on the
    /// blocking chains below the call gets an async twin (<c>StepAsync</c> next to <c>Step</c>) whose blocking operations
    /// and blocking calls are awaited, and the call site awaits the twin.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeHelperChainAsyncFixer)), Shared]
    public sealed class MakeHelperChainAsyncFixer : CodeFixProvider
    {
        internal const string AsyncTwinsKey = DiagnosticIds.BlockingThroughHelper + ":async-twins";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingThroughHelper);

        public override FixAllProvider GetFixAllProvider() => new ChainFixAllProvider();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await ChainPlan.TryCreateAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add async versions of '{plan.FirstCalleeName}' and its blocking helpers, and await them",
                        ct => plan.ApplyAsync(ct),
                        AsyncTwinsKey),
                    diagnostic);
            }
        }

        /// <summary>Fix All across documents and projects: twins shared by several call sites are written once.</summary>
        private sealed class ChainFixAllProvider : FixAllProvider
        {
            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                var sites = new List<(Document, Diagnostic)>();
                foreach (var project in ProjectsInScope(fixAllContext))
                {
                    foreach (var document in project.Documents)
                    {
                        if (fixAllContext.Scope is FixAllScope.Document && document.Id != fixAllContext.Document?.Id)
                        {
                            continue;
                        }

                        foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                        {
                            sites.Add((document, diagnostic));
                        }
                    }
                }

                var plan = await ChainPlan.TryCreateAsync(fixAllContext.Solution, sites, fixAllContext.CancellationToken).ConfigureAwait(false);
                return plan is null
                    ? null
                    : CodeAction.Create("Add async versions of blocking helpers and await them", ct => plan.ApplyAsync(ct), AsyncTwinsKey);
            }

            private static IEnumerable<Project> ProjectsInScope(FixAllContext context)
            {
                return context.Scope == FixAllScope.Solution
                    ? context.Solution.Projects
                    : new[] { context.Project };
            }
        }

        /// <summary>What the fix will write, checked before it is offered: every call site and every twin can be built.</summary>
        private sealed class ChainPlan
        {
            private readonly Solution solution;
            private readonly List<CallSite> callSites;
            private readonly Dictionary<IMethodSymbol, TwinPlan> twins;

            private ChainPlan(Solution solution, List<CallSite> callSites, Dictionary<IMethodSymbol, TwinPlan> twins, string firstCalleeName)
            {
                this.solution = solution;
                this.callSites = callSites;
                this.twins = twins;
                FirstCalleeName = firstCalleeName;
            }

            public string FirstCalleeName { get; }

            public static async Task<ChainPlan?> TryCreateAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
            {
                var callSites = new List<CallSite>();
                var twins = new Dictionary<IMethodSymbol, TwinPlan>(SymbolEqualityComparer.Default);
                var summaries = new Dictionary<ProjectId, BlockingSummary>();
                string? firstName = null;

                foreach (var (document, diagnostic) in diagnostics)
                {
                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (root is null || model is null
                        || !FixProperties.CanAwaitAtDiagnostic(diagnostic.Properties)
                        || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                        || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                        || FunctionSyntax.FindOwner(invocation) is not { } owner
                        || !FunctionSyntax.CanAwaitAt(invocation, owner)
                        || TwinName(invocation) is null)
                    {
                        continue;
                    }

                    var needsAsync = FixProperties.NeedsAsyncModifier(diagnostic.Properties);
                    if (needsAsync ? !MakeAsync.CanMakeAsync(owner, model, cancellationToken) : !FunctionSyntax.IsAsync(owner))
                    {
                        // Inside a synchronous lambda that runs inline, or an owner that cannot become async.
                        continue;
                    }

                    if (!summaries.TryGetValue(document.Project.Id, out var summary))
                    {
                        var types = KnownTypes.Create(model.Compilation);
                        summaries[document.Project.Id] = summary = new BlockingSummary(model.Compilation, types, BlockingDetectors.Create(types));
                    }

                    var callee = BlockingSummary.Normalize(operation.TargetMethod);
                    if (!await CollectTwinsAsync(solution, summary, callee, twins, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    callSites.Add(new CallSite(document.Id, invocation, owner, needsAsync, model));
                    firstName ??= callee.Name;
                }

                return callSites.Count == 0 ? null : new ChainPlan(solution, callSites, twins, firstName!);
            }

            /// <summary>Plans a twin for <paramref name="root"/> and every blocking helper below it; false when one cannot be built.</summary>
            private static async Task<bool> CollectTwinsAsync(Solution solution, BlockingSummary summary, IMethodSymbol root, Dictionary<IMethodSymbol, TwinPlan> twins, CancellationToken cancellationToken)
            {
                var planned = new List<IMethodSymbol>();
                var pending = new Queue<IMethodSymbol>();
                pending.Enqueue(root);
                while (pending.Count > 0)
                {
                    var method = pending.Dequeue();
                    if (twins.ContainsKey(method) || planned.Contains(method, SymbolEqualityComparer.Default))
                    {
                        continue;
                    }

                    var twin = await TwinPlan.TryCreateAsync(solution, summary, method, cancellationToken).ConfigureAwait(false);
                    if (twin is null)
                    {
                        // Leave nothing half planned for this call site.
                        foreach (var done in planned)
                        {
                            twins.Remove(done);
                        }

                        return false;
                    }

                    twins[method] = twin;
                    planned.Add(method);
                    foreach (var callee in twin.Callees)
                    {
                        pending.Enqueue(callee);
                    }
                }

                return true;
            }

            public async Task<Solution> ApplyAsync(CancellationToken cancellationToken)
            {
                var editor = new SolutionEditor(solution);
                foreach (var twin in twins.Values)
                {
                    if (twin.Declaration is null)
                    {
                        continue;
                    }

                    var documentEditor = await editor.GetDocumentEditorAsync(twin.DocumentId, cancellationToken).ConfigureAwait(false);
                    documentEditor.InsertAfter(twin.Declaration, twin.Build());
                }

                var madeAsync = new HashSet<SyntaxNode>();
                foreach (var site in callSites)
                {
                    var documentEditor = await editor.GetDocumentEditorAsync(site.DocumentId, cancellationToken).ConfigureAwait(false);
                    documentEditor.ReplaceNode(site.Invocation, (current, _) => AwaitSyntax.Await(Renamed((InvocationExpressionSyntax)current), site.Invocation));
                    if (site.NeedsAsync && madeAsync.Add(site.Owner))
                    {
                        MakeAsync.Apply(documentEditor, site.Owner, site.Model, cancellationToken);
                    }
                }

                var changed = editor.GetChangedSolution();
                foreach (var documentId in changed.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                {
                    var document = changed.GetDocument(documentId)!;
                    document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    changed = document.Project.Solution;
                }

                return changed;
            }
        }

        private sealed class CallSite
        {
            public CallSite(DocumentId documentId, InvocationExpressionSyntax invocation, SyntaxNode owner, bool needsAsync, SemanticModel model)
            {
                DocumentId = documentId;
                Invocation = invocation;
                Owner = owner;
                NeedsAsync = needsAsync;
                Model = model;
            }

            public DocumentId DocumentId { get; }

            public InvocationExpressionSyntax Invocation { get; }

            public SyntaxNode Owner { get; }

            public bool NeedsAsync { get; }

            public SemanticModel Model { get; }
        }

        /// <summary>One helper's async twin: its declaration, and the replacement of each of its blocking sites.</summary>
        private sealed class TwinPlan
        {
            private readonly Dictionary<SyntaxNode, SyntaxNode?> replacements;

            private TwinPlan(DocumentId documentId, SyntaxNode? declaration, Dictionary<SyntaxNode, SyntaxNode?> replacements, List<IMethodSymbol> callees, TypeSyntax? newReturnType)
            {
                DocumentId = documentId;
                Declaration = declaration;
                this.replacements = replacements;
                Callees = callees;
                NewReturnType = newReturnType;
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

                switch (ExistingTwin(method, model, declaration))
                {
                    case TwinState.Matches:
                        // Written by an earlier fix, or by hand: call it, there is nothing to generate.
                        return new TwinPlan(document.Id, null, new Dictionary<SyntaxNode, SyntaxNode?>(), new List<IMethodSymbol>(), null);
                    case TwinState.Conflicts:
                        return null;
                }

                if (!MakeAsync.CanMakeAsync(declaration, model, cancellationToken))
                {
                    return null;
                }

                var replacements = new Dictionary<SyntaxNode, SyntaxNode?>();
                var callees = new List<IMethodSymbol>();
                foreach (var site in summary.GetBlockingSites(method, cancellationToken))
                {
                    var syntax = site.Operation.Syntax;
                    if (!FunctionSyntax.CanAwaitAt(syntax, declaration))
                    {
                        return null;
                    }

                    if (site.IsLeaf)
                    {
                        if (!LeafRewriters.TryRewrite(site.Leaf, syntax, model, cancellationToken, out var replaced, out var replacement))
                        {
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
                return new TwinPlan(document.Id, declaration, replacements, callees, returnType);
            }

            /// <summary>The twin declaration, built from the original (the original stays as it is).</summary>
            public SyntaxNode Build()
            {
                var rewritten = Declaration!.ReplaceNodes(
                    replacements.Keys,
                    (original, current) => replacements[original] ?? AwaitSyntax.Await(Renamed((InvocationExpressionSyntax)current), original));

                var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                SyntaxNode twin = rewritten switch
                {
                    MethodDeclarationSyntax method => method
                        .WithIdentifier(SyntaxFactory.Identifier(method.Identifier.ValueText + "Async"))
                        .WithModifiers(method.Modifiers.Add(asyncKeyword))
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

            private enum TwinState
            {
                Absent,
                Matches,
                Conflicts,
            }

            /// <summary>Whether <c>NameAsync</c> exists: with the same parameters and the awaitable form of the result, or as something else.</summary>
            private static TwinState ExistingTwin(IMethodSymbol method, SemanticModel model, SyntaxNode declaration)
            {
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
                        && twin.Parameters.Zip(method.Parameters, (a, b) => a.RefKind == b.RefKind && a.Type.ToDisplayString() == b.Type.ToDisplayString()).All(same => same))
                    {
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
                    && ((INamedTypeSymbol)twinReturn).TypeArguments[0].ToDisplayString() == method.ReturnType.ToDisplayString();
            }
        }

        /// <summary><c>x.Step(a)</c> to <c>x.StepAsync(a)</c>, also for generic names.</summary>
        private static InvocationExpressionSyntax Renamed(InvocationExpressionSyntax invocation)
        {
            var name = NameOf(invocation)!;
            var newName = name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, name.Identifier.ValueText + "Async", name.Identifier.TrailingTrivia));
            return invocation.ReplaceNode(name, newName);
        }

        private static string? TwinName(InvocationExpressionSyntax invocation)
            => NameOf(invocation) is { } name ? name.Identifier.ValueText + "Async" : null;

        private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation)
        {
            return invocation.Expression switch
            {
                SimpleNameSyntax simple => simple,
                MemberAccessExpressionSyntax { Name: var name } => name,
                _ => null,
            };
        }
    }
}
