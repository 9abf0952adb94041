using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>A target framework of a multi-targeted project: its reference assemblies and the symbols the SDK defines for it.</summary>
    public sealed class TargetFramework
    {
        public static readonly TargetFramework Net80 = new TargetFramework(ReferenceAssemblies.Net.Net80, "NET", "NET8_0", "NET8_0_OR_GREATER");

        public static readonly TargetFramework NetStandard20 = new TargetFramework(ReferenceAssemblies.NetStandard.NetStandard20, "NETSTANDARD", "NETSTANDARD2_0");

        private TargetFramework(ReferenceAssemblies referenceAssemblies, params string[] preprocessorSymbols)
        {
            ReferenceAssemblies = referenceAssemblies;
            PreprocessorSymbols = preprocessorSymbols.ToImmutableArray();
        }

        public ReferenceAssemblies ReferenceAssemblies { get; }

        public ImmutableArray<string> PreprocessorSymbols { get; }

        public CSharpParseOptions ParseOptions => new CSharpParseOptions(TestDefaults.LanguageVersion, preprocessorSymbols: PreprocessorSymbols);
    }

    /// <summary>
    /// A project compiled for two target frameworks loads as two projects that share their files (linked documents): the
    /// first one targets net8.0, the other <see cref="TargetFramework"/> is chosen per test. Two ways to check a fix there:
    /// <list type="bullet">
    /// <item><see cref="VerifyEachCopyAsync{TAnalyzer, TFixer}"/>: through the testing library, which analyzes and fixes each
    /// copy of the file in its own project (it does not write a fix into the linked copy), so each copy has its own expected
    /// text.</item>
    /// <item><see cref="VerifySharedFixAsync"/>: as the IDE and <c>dotnet format</c> do, the fix computed in the net8.0 copy is
    /// written into the shared file, which must then compile in both targets.</item>
    /// </list>
    /// </summary>
    public static class LinkedTargetsVerifier
    {
        /// <summary>The name the testing library gives the second project (its file is "/0/Test0.cs", like the first one's).</summary>
        private const string OtherProject = "Other";

        private const string SharedPath = "/src/Shared.cs";

        /// <summary>
        /// <paramref name="source"/> in the net8.0 project and <paramref name="otherSource"/> in the <paramref name="other"/>
        /// one, at the same path; each becomes its fixed text through the fixes of its own project's findings.
        /// </summary>
        public static Task VerifyEachCopyAsync<TAnalyzer, TFixer>(string source, string fixedSource, TargetFramework other, string otherSource, string otherFixedSource)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new()
        {
            var test = new CSharpCodeFixVerifier<TAnalyzer, TFixer>.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                TestBehaviors = TestBehaviors.SkipSuppressionCheck,
            };
            if (source != fixedSource && otherSource != otherFixedSource)
            {
                // Both copies of the file are fixed, each in its own project: Fix All takes one pass per copy.
                test.NumberOfFixAllInDocumentIterations = 2;
                test.NumberOfFixAllIterations = -2;
            }

            test.TestState.AdditionalProjects[OtherProject].ReferenceAssemblies = other.ReferenceAssemblies;
            test.TestState.AdditionalProjects[OtherProject].Sources.Add(("/0/Test0.cs", otherSource));
            test.FixedState.AdditionalProjects[OtherProject].ReferenceAssemblies = other.ReferenceAssemblies;
            test.FixedState.AdditionalProjects[OtherProject].Sources.Add(("/0/Test0.cs", otherFixedSource));
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                foreach (var project in solution.Projects)
                {
                    var target = project.Name == OtherProject ? other : TargetFramework.Net80;
                    var options = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(TestDefaults.LanguageVersion).WithPreprocessorSymbols(target.PreprocessorSymbols);
                    solution = solution.WithProjectParseOptions(project.Id, options);
                }

                return solution;
            });
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Fixes every finding of <paramref name="analyzer"/> in the net8.0 copy of <paramref name="source"/> (one by one, or
        /// through Fix All with <paramref name="equivalenceKey"/>) and compares with <paramref name="expected"/>, which must
        /// compile in both targets; null: a finding, and no fix offered.
        /// </summary>
        public static async Task VerifySharedFixAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string equivalenceKey, string source, string? expected, TargetFramework other, bool fixAll = false)
        {
            using var workspace = new AdhocWorkspace();
            var solution = workspace.CurrentSolution;
            var net8 = ProjectId.CreateNewId();
            var second = ProjectId.CreateNewId();
            solution = await AddProjectAsync(solution, net8, "Lib(net8.0)", TargetFramework.Net80);
            solution = await AddProjectAsync(solution, second, "Lib(other)", other);
            var documentId = DocumentId.CreateNewId(net8);
            solution = solution.AddDocument(documentId, "Shared.cs", SourceText.From(source), filePath: SharedPath);
            solution = solution.AddDocument(DocumentId.CreateNewId(second), "Shared.cs", SourceText.From(source), filePath: SharedPath);
            var document = solution.GetDocument(documentId)!;
            Assert.Single(document.GetLinkedDocumentIds());

            var compilation = (await document.Project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
            Assert.NotEmpty(diagnostics);

            Document fixedDocument;
            if (fixAll)
            {
                var provider = fixer.GetFixAllProvider()!;
                var context = new FixAllContext(document, fixer, FixAllScope.Document, equivalenceKey, fixer.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
                var action = (await provider.GetFixAsync(context))!;
                fixedDocument = await ApplyAsync(action, documentId);
            }
            else
            {
                fixedDocument = document;
                foreach (var _ in diagnostics)
                {
                    var current = (await (await fixedDocument.Project.GetCompilationAsync())!.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync())
                        .FirstOrDefault();
                    if (current is null)
                    {
                        break;
                    }

                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(fixedDocument, current, (a, _) => actions.Add(a), CancellationToken.None));
                    if (expected is null)
                    {
                        Assert.Empty(actions);
                        return;
                    }

                    fixedDocument = await ApplyAsync(Assert.Single(actions), documentId);
                }
            }

            Assert.NotNull(expected);
            var text = (await fixedDocument.GetTextAsync()).ToString();
            Assert.Equal(expected!.ReplaceLineEndings(), text.ReplaceLineEndings());

            // The shared file, fixed, compiles in both targets.
            var fixedSolution = fixedDocument.Project.Solution;
            foreach (var linked in fixedSolution.GetDocumentIdsWithFilePath(SharedPath))
            {
                fixedSolution = fixedSolution.WithDocumentText(linked, SourceText.From(text));
            }

            foreach (var project in fixedSolution.Projects)
            {
                var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"{project.Name}: {string.Join("; ", errors)}");
            }
        }

        private static async Task<Document> ApplyAsync(CodeAction action, DocumentId documentId)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(documentId)!;
        }

        private static async Task<Solution> AddProjectAsync(Solution solution, ProjectId id, string name, TargetFramework target)
        {
            var resolved = await target.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return solution.AddProject(ProjectInfo.Create(
                id,
                VersionStamp.Create(),
                name,
                "Lib",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: target.ParseOptions,
                metadataReferences: resolved));
        }

        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> diagnostics;

            public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(Enumerable.Empty<Diagnostic>());
        }
    }
}
