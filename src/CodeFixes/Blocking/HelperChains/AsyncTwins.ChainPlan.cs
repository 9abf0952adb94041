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
        /// <summary>What the fix will write, checked before it is offered: every call site and every twin can be built.</summary>
        internal sealed class ChainPlan
        {
            private readonly Solution solution;
            private readonly List<CallSite> callSites;
            private readonly Dictionary<IMethodSymbol, TwinPlan> twins;
            private readonly List<(DocumentId Document, SyntaxNode Declaration)> removals = new();

            private ChainPlan(Solution solution, List<CallSite> callSites, Dictionary<IMethodSymbol, TwinPlan> twins, string firstCalleeName)
            {
                this.solution = solution;
                this.callSites = callSites;
                this.twins = twins;
                FirstCalleeName = firstCalleeName;
            }

            /// <summary>Async call sites that were switched to the twin.</summary>
            public int CallSiteCount => callSites.Count;

            /// <summary>True when the original method goes away (nothing else uses it).</summary>
            public bool RemovesOriginal => removals.Count > 0;

            /// <summary>
            /// Plans the twin of <paramref name="method"/> (and of the blocking helpers below it) and switches every call of it
            /// on an async path anywhere in the solution to the twin. The original stays for synchronous callers, method-group
            /// uses and, when it is visible outside its assembly, for callers the solution cannot see; otherwise it is removed.
            /// </summary>
            public static async Task<ChainPlan?> TryCreateForMethodAsync(Solution solution, Document document, IMethodSymbol method, CancellationToken cancellationToken)
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    return null;
                }

                var types = KnownTypes.Create(model.Compilation);
                var summary = new BlockingSummary(model.Compilation, types, BlockingDetectors.Create(types, document.Project.AnalyzerOptions));
                var twins = new Dictionary<IMethodSymbol, TwinPlan>(SymbolEqualityComparer.Default);
                var root = BlockingSummary.Normalize(method);
                if (!await CollectTwinsAsync(solution, summary, root, twins, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var callSites = new List<CallSite>();
                var keepOriginal = root.MethodKind != MethodKind.LocalFunction && IsVisibleOutsideAssembly(root);
                foreach (var referenced in await SymbolFinder.FindReferencesAsync(root, solution, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var location in referenced.Locations)
                    {
                        var site = await TryCallSiteAsync(location, cancellationToken).ConfigureAwait(false);
                        if (site is null)
                        {
                            keepOriginal = true;
                        }
                        else
                        {
                            callSites.Add(site);
                        }
                    }
                }

                var plan = new ChainPlan(solution, callSites, twins, root.Name);
                if (!keepOriginal)
                {
                    var declaration = await root.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                    plan.removals.Add((twins[root].DocumentId, declaration));
                }

                // With a twin that exists already there must be callers to switch, or there is nothing to do.
                return twins[root].Declaration is null && callSites.Count == 0 ? null : plan;
            }

            private static bool IsVisibleOutsideAssembly(ISymbol symbol)
            {
                for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
                {
                    if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>A reference that is a call on an async path (where an await can go); null for anything else.</summary>
            private static async Task<CallSite?> TryCallSiteAsync(ReferenceLocation location, CancellationToken cancellationToken)
            {
                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null || location.IsImplicit)
                {
                    return null;
                }

                var name = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                var invocation = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access.Parent : name.Parent;
                if (invocation is not InvocationExpressionSyntax call
                    || TwinName(call) is null
                    || FunctionSyntax.FindOwner(call) is not { } owner
                    || !FunctionSyntax.CanAwaitAt(call, owner))
                {
                    return null;
                }

                if (FunctionSyntax.IsAsync(owner))
                {
                    return new CallSite(location.Document.Id, call, owner, needsAsync: false, model);
                }

                var ownerSymbol = owner is AnonymousFunctionExpressionSyntax lambda
                    ? model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol
                    : model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol;
                var types = KnownTypes.Create(model.Compilation);
                return ownerSymbol is not null && types.IsAwaitableReturnType(ownerSymbol.ReturnType) && MakeAsync.CanMakeAsync(owner, model, cancellationToken)
                    ? new CallSite(location.Document.Id, call, owner, needsAsync: true, model)
                    : null;
            }

            public string FirstCalleeName { get; }

            /// <summary>
            /// The in-place variant: the same twins, plus every call of a chain method on an async path anywhere in the
            /// solution awaits the twin, and each chain method that nothing else needs any more (not visible outside its
            /// assembly, every reference switched or inside a chain method that is converted too) is replaced by its async
            /// version. Null when no method would be converted in place (the twin variant then says it all).
            /// </summary>
            public static async Task<ChainPlan?> TryCreateInPlaceAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
            {
                var plan = await TryCreateAsync(solution, diagnostics, cancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    return null;
                }

                var generated = plan.twins.Where(t => t.Value.Declaration is not null).ToList();
                var kept = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                var referencedFrom = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
                var known = new HashSet<SyntaxNode>(plan.callSites.Select(c => (SyntaxNode)c.Invocation));
                foreach (var pair in generated)
                {
                    var method = pair.Key;
                    if (method.MethodKind == MethodKind.LocalFunction || IsVisibleOutsideAssembly(method))
                    {
                        kept.Add(method);
                    }

                    foreach (var referenced in await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var location in referenced.Locations)
                        {
                            // Inside another chain method: a blocking call there is rewritten in its twin; anything else
                            // (a method group, a call in a lambda) keeps referring to the synchronous method.
                            var container = generated.FirstOrDefault(g => g.Value.Declaration!.SyntaxTree == location.Location.SourceTree
                                && g.Value.Declaration.Span.Contains(location.Location.SourceSpan));
                            if (container.Key is not null)
                            {
                                if (container.Value.RewritesCallAt(location.Location.SourceSpan))
                                {
                                    if (!referencedFrom.TryGetValue(container.Key, out var callers))
                                    {
                                        referencedFrom[container.Key] = callers = new List<IMethodSymbol>();
                                    }

                                    callers.Add(method);
                                }
                                else
                                {
                                    kept.Add(method);
                                }

                                continue;
                            }

                            var site = await TryCallSiteAsync(location, cancellationToken).ConfigureAwait(false);
                            if (site is null)
                            {
                                kept.Add(method);
                            }
                            else if (known.Add(site.Invocation))
                            {
                                plan.callSites.Add(site);
                            }
                        }
                    }
                }

                // A chain method whose synchronous original stays still calls the synchronous helpers below it.
                bool changed;
                do
                {
                    changed = false;
                    foreach (var pair in referencedFrom)
                    {
                        if (kept.Contains(pair.Key))
                        {
                            foreach (var callee in pair.Value)
                            {
                                changed |= kept.Add(callee);
                            }
                        }
                    }
                }
                while (changed);

                foreach (var pair in generated)
                {
                    if (!kept.Contains(pair.Key))
                    {
                        plan.removals.Add((pair.Value.DocumentId, pair.Value.Declaration!));
                    }
                }

                return plan.removals.Count == 0 ? null : plan;
            }

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
                        summaries[document.Project.Id] = summary = new BlockingSummary(model.Compilation, types, BlockingDetectors.Create(types, document.Project.AnalyzerOptions));
                    }

                    var callee = BlockingSummary.Normalize(operation.TargetMethod);
                    if (model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) is IMethodSymbol { Name: var ownerName } enclosing
                        && ownerName == TwinName(invocation)
                        && SymbolEqualityComparer.Default.Equals(enclosing.ContainingType?.OriginalDefinition, callee.ContainingType?.OriginalDefinition))
                    {
                        // Inside the twin itself (CancelAsync() { Cancel(); ... }): awaiting the twin would recurse.
                        continue;
                    }

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

            private TwinPlan? PlanOf(IMethodSymbol method) => twins.TryGetValue(BlockingSummary.Normalize(method), out var plan) ? plan : null;

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
                    if (removals.Any(r => r.Declaration == twin.Declaration))
                    {
                        // Converted in place: the async version takes the original's place, comments and all.
                        documentEditor.ReplaceNode(twin.Declaration, twin.Build(PlanOf).WithLeadingTrivia(twin.Declaration.GetLeadingTrivia()));
                    }
                    else
                    {
                        documentEditor.InsertAfter(twin.Declaration, twin.Build(PlanOf));
                    }
                }

                foreach (var (documentId, declaration) in removals)
                {
                    if (!twins.Values.Any(t => t.Declaration == declaration))
                    {
                        // The method's async form existed already: the synchronous one simply goes.
                        var documentEditor = await editor.GetDocumentEditorAsync(documentId, cancellationToken).ConfigureAwait(false);
                        documentEditor.RemoveNode(declaration, SyntaxRemoveOptions.KeepUnbalancedDirectives | SyntaxRemoveOptions.KeepNoTrivia);
                    }
                }

                var madeAsync = new HashSet<SyntaxNode>();
                foreach (var site in callSites)
                {
                    var documentEditor = await editor.GetDocumentEditorAsync(site.DocumentId, cancellationToken).ConfigureAwait(false);
                    var calleePlan = site.Model.GetSymbolInfo(site.Invocation, cancellationToken).Symbol is IMethodSymbol called ? PlanOf(called) : null;
                    var token = calleePlan is { TokenParameter: not null } ? CancellationTokenFinder.Find(site.Model, site.Invocation.SpanStart, cancellationToken) : null;
                    // In a function whose every await says ConfigureAwait(false) (library code), the new one does too.
                    var configureAwait = ConfigureAwaitStyle.UsesConfigureAwaitFalse(site.Owner);
                    documentEditor.ReplaceNode(site.Invocation, (current, _) =>
                    {
                        ExpressionSyntax call = TwinPlan.RenamedFor((InvocationExpressionSyntax)current, calleePlan, token);
                        if (configureAwait)
                        {
                            call = ConfigureAwaitStyle.WithConfigureAwaitFalse(call.WithoutTrivia()).WithTriviaFrom(current);
                        }

                        return AwaitSyntax.Await(call, site.Invocation);
                    });
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
    }
}
