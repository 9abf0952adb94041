using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Fix All with solution scope, for every fixer and every kind of fix it offers, on one solution of several projects
    /// (each referencing the one before) and many documents, built from the rule tests' own sources: the fixed solution
    /// compiles, every project of it.
    /// </summary>
    public class FixAllSolutionTests
    {
        private const int SourcesPerTestFile = 12;
        private const int ProjectCount = 3;

        private static readonly Regex UsingLine = new Regex(@"^\s*using\s+[^(=]*;\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public FixAllSolutionTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

        public static IEnumerable<object[]> Fixers() => AnalyzerHarness.Fixers.Select(f => new object[] { f.GetType().Name });

        [Theory]
        [MemberData(nameof(Fixers))]
        public async Task FixAllInSolution_CompilesForEveryKindOfFix(string fixerName)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var fixer = AnalyzerHarness.Fixers.Single(f => f.GetType().Name == fixerName);
            using var workspace = new AdhocWorkspace();
            var solution = await BuildSolutionAsync(workspace, fixer, timeout.Token);
            var provider = new Diagnostics();

            var diagnostics = new List<(Document Document, Diagnostic Diagnostic)>();
            foreach (var project in solution.Projects)
            {
                Assert.Empty(await ErrorsAsync(project, timeout.Token));
                foreach (var diagnostic in await provider.AllAsync(project, timeout.Token))
                {
                    if (fixer.FixableDiagnosticIds.Contains(diagnostic.Id) && project.GetDocument(diagnostic.Location.SourceTree) is { } document)
                    {
                        diagnostics.Add((document, diagnostic));
                    }
                }
            }

            Assert.True(solution.Projects.Sum(p => p.DocumentIds.Count) >= ProjectCount * 2, "the solution should have several documents per project");
            Assert.True(diagnostics.Count >= 2, $"{fixerName}: the rule tests' sources should give findings in several documents");

            // Every kind of fix offered anywhere (an equivalence key), once with each as Fix All over the whole solution.
            var kinds = new Dictionary<string, (Document Document, Diagnostic Diagnostic)>(StringComparer.Ordinal);
            foreach (var (document, diagnostic) in diagnostics)
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), timeout.Token));
                foreach (var action in actions)
                {
                    if (action.EquivalenceKey is { } key && !kinds.ContainsKey(key))
                    {
                        kinds.Add(key, (document, diagnostic));
                    }
                }
            }

            Assert.NotEmpty(kinds);
            output.WriteLine($"{fixerName}: {solution.Projects.Count()} projects, {solution.Projects.Sum(p => p.DocumentIds.Count)} documents, {diagnostics.Count} findings, fixes: {string.Join(", ", kinds.Keys)}");
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);
            foreach (var (key, (document, diagnostic)) in kinds)
            {
                var context = new FixAllContext(document, fixer, FixAllScope.Solution, key, new[] { diagnostic.Id }, provider, timeout.Token);
                var action = await fixAll!.GetFixAsync(context);
                Assert.True(action is not null, $"{fixerName}: no Fix All for '{key}'");
                var changed = (await action!.GetOperationsAsync(timeout.Token)).OfType<ApplyChangesOperation>().Single().ChangedSolution;

                var changedDocuments = changed.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()).ToList();
                Assert.True(changedDocuments.Count > 0, $"{fixerName}: Fix All '{key}' changed nothing");
                foreach (var project in changed.Projects)
                {
                    var errors = await ErrorsAsync(project, timeout.Token);
                    if (errors.Count > 0)
                    {
                        var tree = errors[0].Location.SourceTree;
                        var text = tree is null ? string.Empty : (await tree.GetTextAsync(timeout.Token)).ToString();
                        Assert.Fail($"{fixerName}: Fix All '{key}' breaks {project.Name}: {errors[0]}\n{text}");
                    }
                }
            }
        }

        /// <summary>
        /// Projects P0..P2, each referencing the one before, holding the sources of the test files of this fixer's rule that
        /// compile on their own and have a finding, each wrapped in its own namespace so that they can share a project.
        /// </summary>
        private static async Task<Solution> BuildSolutionAsync(AdhocWorkspace workspace, CodeFixProvider fixer, CancellationToken cancellationToken)
        {
            var ids = fixer.FixableDiagnosticIds.ToHashSet(StringComparer.Ordinal);
            var references = await AnalyzerHarness.ReferencesAsync();
            var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithSpecificDiagnosticOptions(ids.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn)));
            var candidates = new List<string>();
            var serial = 0;
            var rule = fixer.GetType().Name.Substring(0, fixer.GetType().Name.Length - "Fixer".Length);
            foreach (var file in TestSourceCorpus.Files.Where(f => System.IO.Path.GetFileName(f).StartsWith(rule, StringComparison.Ordinal)))
            {
                var taken = 0;
                foreach (var source in TestSourceCorpus.ComposedSourcesOf(file).Concat(TestSourceCorpus.SourcesOf(file)))
                {
                    if (taken == SourcesPerTestFile)
                    {
                        break;
                    }

                    var wrapped = Wrap(source, "Fixture" + serial++);
                    if (wrapped is null)
                    {
                        continue;
                    }

                    var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText(wrapped, AnalyzerHarness.ParseOptions) }, references, compilationOptions);
                    if (compilation.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error)
                        || !(await AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: cancellationToken)).Any(d => ids.Contains(d.Id)))
                    {
                        continue;
                    }

                    candidates.Add(wrapped);
                    taken++;
                }
            }

            var solution = workspace.CurrentSolution;
            ProjectId? previous = null;
            var projectIds = new List<ProjectId>();
            for (var p = 0; p < ProjectCount; p++)
            {
                var id = ProjectId.CreateNewId();
                solution = solution.AddProject(ProjectInfo.Create(
                    id, VersionStamp.Default, "P" + p, "P" + p, LanguageNames.CSharp,
                    compilationOptions: compilationOptions,
                    parseOptions: AnalyzerHarness.ParseOptions,
                    metadataReferences: references,
                    projectReferences: previous is null ? null : new[] { new ProjectReference(previous) }));
                projectIds.Add(id);
                previous = id;
            }

            for (var i = 0; i < candidates.Count; i++)
            {
                var projectId = projectIds[i % ProjectCount];
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Doc{i}.cs", SourceText.From(candidates[i]), filePath: $"/P{i % ProjectCount}/Doc{i}.cs");
            }

            // Sources that clash once together (the same global attribute, say) would make every project fail: drop them.
            foreach (var projectId in projectIds)
            {
                var project = solution.GetProject(projectId)!;
                foreach (var error in await ErrorsAsync(project, cancellationToken))
                {
                    if (error.Location.SourceTree is { } tree && project.GetDocument(tree) is { } document)
                    {
                        solution = solution.RemoveDocument(document.Id);
                        project = solution.GetProject(projectId)!;
                    }
                }
            }

            return solution;
        }

        /// <summary>The source with its declarations inside <c>namespace <paramref name="name"/></c>; null when it cannot be wrapped.</summary>
        private static string? Wrap(string source, string name)
        {
            if (source.Contains("namespace ", StringComparison.Ordinal) || source.Contains("[assembly:", StringComparison.Ordinal))
            {
                return null;
            }

            var root = CSharpSyntaxTree.ParseText(source, AnalyzerHarness.ParseOptions).GetRoot();
            if (root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any())
            {
                return null;
            }

            var lastUsing = UsingLine.Matches(source).Cast<Match>().LastOrDefault();
            var split = lastUsing is null ? 0 : lastUsing.Index + lastUsing.Length;
            return source.Substring(0, split) + "\nnamespace " + name + "\n{\n" + source.Substring(split) + "\n}\n";
        }

        private static async Task<List<Diagnostic>> ErrorsAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = (await project.GetCompilationAsync(cancellationToken))!;
            return compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        }

        /// <summary>What Fix All is asked to fix: our analyzers' diagnostics of the project's current compilation.</summary>
        private sealed class Diagnostics : FixAllContext.DiagnosticProvider
        {
            // Fix All asks document by document: each compilation is analyzed once.
            private readonly ConditionalWeakTable<Compilation, Task<ImmutableArray<Diagnostic>>> analyzed = new();

            public async Task<ImmutableArray<Diagnostic>> AllAsync(Project project, CancellationToken cancellationToken)
            {
                var compilation = (await project.GetCompilationAsync(cancellationToken))!;
                return await analyzed.GetValue(compilation, c => AnalyzerHarness.AnalyzeAsync(c, cancellationToken: cancellationToken));
            }

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await AllAsync(project, cancellationToken);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return (await AllAsync(document.Project, cancellationToken)).Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
