using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncAnalyzers.Tests.Callbacks
{
    /// <summary>
    /// The Callbacks family on the sample app: how many sites each rule finds, how many get a fix, and that every fix
    /// leaves the sample compiling. The counts are the ones the rule docs and the closing note quote.
    /// </summary>
    public class CallbackSampleTests
    {
        private const string ImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            """;

        [Theory]
        [InlineData(DiagnosticIds.ConvertContinueWithToAwait, 3, 3)]
        [InlineData(DiagnosticIds.ConvertBeginEndToAwait, 2, 2)]
        [InlineData(DiagnosticIds.ConvertEventBasedAsyncToAwait, 1, 1)]
        [InlineData(DiagnosticIds.ReplaceAwaiterCallbackWithAwait, 1, 1)]
        public async Task Sample_SitesDetectedAndFixed_AndEveryFixCompiles(string id, int detected, int fixedSites)
        {
            var (analyzer, fixer) = RuleFor(id);
            var project = await SampleProjectAsync();
            var compilation = (await project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create(analyzer))
                .GetAnalyzerDiagnosticsAsync();
            Assert.Equal(detected, diagnostics.Length);

            var fixes = 0;
            foreach (var diagnostic in diagnostics)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                if (actions.Count == 0)
                {
                    continue;
                }

                fixes++;
                var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
                var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
                var fixedCompilation = (await changed.GetCompilationAsync())!;
                var errors = fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"fix at {diagnostic.Location.GetLineSpan()} does not compile: {string.Join("; ", errors)}");
            }

            Assert.Equal(fixedSites, fixes);
        }

        private static (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer) RuleFor(string id) => id switch
        {
            DiagnosticIds.ConvertContinueWithToAwait => (new ConvertContinueWithToAwaitAnalyzer(), new ConvertContinueWithToAwaitFixer()),
            DiagnosticIds.ConvertBeginEndToAwait => (new ConvertBeginEndToAwaitAnalyzer(), new ConvertBeginEndToAwaitFixer()),
            DiagnosticIds.ConvertEventBasedAsyncToAwait => (new ConvertEventBasedAsyncToAwaitAnalyzer(), new ConvertEventBasedAsyncToAwaitFixer()),
            DiagnosticIds.ReplaceAwaiterCallbackWithAwait => (new ReplaceAwaiterCallbackWithAwaitAnalyzer(), new ReplaceAwaiterCallbackWithAwaitFixer()),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };

        private static async Task<Project> SampleProjectAsync()
        {
            var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "ReportGenerator",
                "ReportGenerator",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(TestDefaults.LanguageVersion),
                metadataReferences: references));

            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(ImplicitUsings));
            var folder = RepoRoot.Combine("samples", "ReportGenerator");
            foreach (var path in Directory.GetFiles(folder, "Callbacks*.cs").Append(Path.Combine(folder, "FakeDownloader.cs")))
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(File.ReadAllText(path)), filePath: path);
            }

            return solution.GetProject(projectId)!;
        }
    }
}
