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
        internal const string AsyncTwinsKey = DiagnosticIds.MakeHelperChainAsync + ":async-twins";
        internal const string InPlaceKey = DiagnosticIds.MakeHelperChainAsync + ":in-place";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MakeHelperChainAsync);

        public override FixAllProvider GetFixAllProvider() => new ChainFixAllProvider();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await AsyncTwins.ChainPlan.TryCreateAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, context.CancellationToken).ConfigureAwait(false);
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

                var inPlace = await AsyncTwins.ChainPlan.TryCreateInPlaceAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, context.CancellationToken).ConfigureAwait(false);
                if (inPlace is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Make '{plan.FirstCalleeName}' and its blocking helpers async in place, and update every caller",
                            ct => inPlace.ApplyAsync(ct),
                            InPlaceKey),
                        diagnostic);
                }
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

                // Sites no plan can fix (a helper in another project, or sites an earlier pass already fixed: dotnet format runs
                // the fixer once per project that loads it, with the diagnostics it collected on the first solution, which no
                // longer match the changed documents) leave the solution as it is. The action is still returned, as the
                // document-based Fix All providers do, rather than "didn't return a Fix All action".
                var solution = fixAllContext.Solution;
                if (fixAllContext.CodeActionEquivalenceKey == InPlaceKey)
                {
                    var inPlace = await AsyncTwins.ChainPlan.TryCreateInPlaceAsync(solution, sites, fixAllContext.CancellationToken).ConfigureAwait(false);
                    return CodeAction.Create(
                        "Make blocking helpers async in place and update every caller",
                        ct => inPlace is null ? Task.FromResult(solution) : inPlace.ApplyAsync(ct),
                        InPlaceKey);
                }

                var plan = await AsyncTwins.ChainPlan.TryCreateAsync(solution, sites, fixAllContext.CancellationToken).ConfigureAwait(false);
                return CodeAction.Create(
                    "Add async versions of blocking helpers and await them",
                    ct => plan is null ? Task.FromResult(solution) : plan.ApplyAsync(ct),
                    AsyncTwinsKey);
            }

            private static IEnumerable<Project> ProjectsInScope(FixAllContext context)
            {
                return context.Scope == FixAllScope.Solution
                    ? context.Solution.Projects
                    : new[] { context.Project };
            }
        }
    }
}
