using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.CodeFixes.Internal;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Callbacks
{
    /// <summary>
    /// ASYNC201: rewrites a ContinueWith chain (or ContinueWhenAll/ContinueWhenAny) that is returned or awaited into
    /// sequential awaits in the enclosing function, made async when needed. Only shapes whose meaning is kept are
    /// fixed: see <see cref="ContinuationChainPlanner"/> for the preconditions.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvertContinueWithToAwaitFixer)), Shared]
    public sealed class ConvertContinueWithToAwaitFixer : CodeFixProvider
    {
        internal const string AwaitKey = DiagnosticIds.ConvertContinueWithToAwait + ":await";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConvertContinueWithToAwait);

        public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
            => CallbackLinkedPlanning.RegisterAsync(
                context,
                AwaitKey,
                diagnostic => FixKinds.CallbackRewriteOf(diagnostic.Properties) == CallbackRewrite.AwaitTask ? "Use 'await' instead of the continuation" : null,
                async (document, model, root, diagnostic, ct) =>
                {
                    var site = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                    var (plan, _) = await PlanInEveryTargetAsync(document, model, site, null, ct).ConfigureAwait(false);
                    return plan is not null;
                },
                FixDocumentAsync);

        /// <summary>The plan of one site that compiles in every linked target, starting from the members already known missing.</summary>
        private static Task<(ContinuationChainPlan? Plan, CallbackTargets Targets)> PlanInEveryTargetAsync(Document document, SemanticModel model, SyntaxNode site, CallbackTargets? start, CancellationToken cancellationToken)
        {
            var types = KnownTypes.Create(model.Compilation);
            var methods = CallbackMethods.Create(types);
            return CallbackLinkedPlanning.PlanAsync(
                document,
                model.Compilation,
                site.SpanStart,
                targets => new ContinuationChainPlanner(model, types, methods, new HashSet<string>(), targets, cancellationToken).TryPlan(site),
                plan => plan.Written,
                cancellationToken,
                start);
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
        {
            var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            var sites = new List<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                sites.Add(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
            }

            // A multi-targeted project: what one site's plan writes and another target lacks is not written at any site.
            var targets = CallbackTargets.Of(model.Compilation);
            if (LinkedTargets.IsMultiTargeted(document))
            {
                foreach (var site in sites)
                {
                    targets = (await PlanInEveryTargetAsync(document, model, site, targets, cancellationToken).ConfigureAwait(false)).Targets;
                }
            }

            // Expression bodies that need statements become blocks first (the same code); then every site is planned again.
            var bodyChanges = new Dictionary<SyntaxNode, ContinuationChainPlan.BodyChange>();
            foreach (var plan in Plan(sites, model, targets, cancellationToken))
            {
                if (plan.ExpressionBodyChange != ContinuationChainPlan.BodyChange.None)
                {
                    bodyChanges[plan.Owner] = plan.ExpressionBodyChange;
                }
            }

            if (bodyChanges.Count > 0)
            {
                var siteAnnotation = new SyntaxAnnotation();
                var siteSet = new HashSet<SyntaxNode>(sites);
                var rewritten = root.ReplaceNodes(
                    sites.Concat(bodyChanges.Keys),
                    (original, current) =>
                    {
                        var result = siteSet.Contains(original) ? current.WithAdditionalAnnotations(siteAnnotation) : current;
                        return bodyChanges.TryGetValue(original, out var change) ? ContinuationChainPlan.WithBlockBody(result, change) : result;
                    });
                document = document.WithSyntaxRoot(rewritten);
                root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
                model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
                sites = root.GetAnnotatedNodes(siteAnnotation).ToList();
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            root = editor.OriginalRoot;
            model = editor.SemanticModel;
            var plans = Plan(sites, model, targets, cancellationToken);
            if (plans.Count == 0)
            {
                return document;
            }

            foreach (var plan in plans)
            {
                if (plan.Prelude.Count > 0 && plan.Statement is not null)
                {
                    editor.InsertBefore(plan.Statement, plan.Prelude);
                }
            }

            var madeAsync = new HashSet<SyntaxNode>();
            foreach (var plan in plans)
            {
                if (plan.NeedsMakeAsync && madeAsync.Add(plan.Owner))
                {
                    MakeAsync.Apply(editor, plan.Owner, model, cancellationToken);
                }
            }

            foreach (var plan in plans)
            {
                var marker = plan.FinalValue is null
                    ? ContinuationChainPlan.VoidMarker()
                    : plan.FinalValue.WithAdditionalAnnotations(ContinuationChainPlan.ValueAnnotation);
                editor.ReplaceNode(plan.Chain, (current, _) => marker.WithTriviaFrom(current));
            }

            var changedRoot = ContinuationChainPlan.ResolveMarkers(editor.GetChangedRoot());
            var changed = document.WithSyntaxRoot(changedRoot);
            return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The plans of the sites, in order, skipping those with none and those overlapping an earlier one.</summary>
        private static List<ContinuationChainPlan> Plan(List<SyntaxNode> sites, SemanticModel model, CallbackTargets targets, CancellationToken cancellationToken)
        {
            targets = targets.For(model.Compilation);
            var types = KnownTypes.Create(model.Compilation);
            var methods = CallbackMethods.Create(types);

            // Names generated in one function are shared by every chain rewritten in it.
            var generatedNames = new Dictionary<SyntaxNode, HashSet<string>>();
            var plans = new List<ContinuationChainPlan>();
            foreach (var site in sites)
            {
                var owner = FunctionSyntax.FindOwner(site);
                if (owner is null)
                {
                    continue;
                }

                if (!generatedNames.TryGetValue(owner, out var names))
                {
                    names = new HashSet<string>();
                    generatedNames.Add(owner, names);
                }

                var plan = new ContinuationChainPlanner(model, types, methods, names, targets, cancellationToken).TryPlan(site);
                if (plan is null || Overlaps(plan, plans))
                {
                    continue;
                }

                plans.Add(plan);
            }

            return plans;
        }

        private static bool Overlaps(ContinuationChainPlan plan, List<ContinuationChainPlan> accepted)
        {
            foreach (var other in accepted)
            {
                var span = plan.Statement?.Span ?? plan.Chain.Span;
                var otherSpan = other.Statement?.Span ?? other.Chain.Span;
                if (span.IntersectsWith(otherSpan) || plan.Chain.Span.IntersectsWith(other.Chain.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
