using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every fix offered on every rule test source: the result has no compiler error the source did not have, and applying
    /// the same fix again at the same place changes nothing.
    /// </summary>
    public class FixCorrectnessTests
    {
        public static IEnumerable<object[]> TestFiles() => TestSourceCorpus.Files.Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(TestFiles))]
        public async Task EveryOfferedFix_CompilesAndIsIdempotent(string testFile)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var failures = new List<string>();
            var applied = 0;
            var claimed = 0;
            foreach (var source in TestSourceCorpus.SourcesOf(testFile))
            {
                var compilation = await AnalyzerHarness.CompileAsync(new[] { source });
                if (compilation.GetDiagnostics(timeout.Token).Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    // Sources that test half-typed code are the incomplete-code tests' business.
                    continue;
                }

                foreach (var diagnostic in await AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: timeout.Token))
                {
                    foreach (var fixer in AnalyzerHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        claimed++;
                        var once = await ApplyAsync(fixer, source, diagnostic.Id, diagnostic.Location.SourceSpan, timeout.Token);
                        if (once is null)
                        {
                            continue;
                        }

                        applied++;
                        var fixedCompilation = await AnalyzerHarness.CompileAsync(new[] { once.Value.Text });
                        var errors = fixedCompilation.GetDiagnostics(timeout.Token).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        if (errors.Count > 0)
                        {
                            failures.Add($"{diagnostic.Id} fix '{once.Value.Title}' does not compile: {errors[0]}\n{once.Value.Text}");
                            continue;
                        }

                        // Where the diagnostic is still there after the fix (a bridge kept on purpose), the same fix must change nothing more.
                        var remaining = (await AnalyzerHarness.AnalyzeAsync(fixedCompilation, cancellationToken: timeout.Token))
                            .FirstOrDefault(d => d.Id == diagnostic.Id && d.Location.SourceSpan.Start == diagnostic.Location.SourceSpan.Start);
                        if (remaining is not null)
                        {
                            var twice = await ApplyAsync(fixer, once.Value.Text, remaining.Id, remaining.Location.SourceSpan, timeout.Token, once.Value.Key);
                            if (twice is not null && twice.Value.Text != once.Value.Text)
                            {
                                failures.Add($"{diagnostic.Id} fix '{once.Value.Title}' changes the code again when applied twice:\n{once.Value.Text}\n---\n{twice.Value.Text}");
                            }
                        }
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
            // A rule's test file has fix tests: where its findings have a fixer, some fix must have been checked.
            Assert.True(claimed == 0 || applied > 0, $"{claimed} findings with a fixer in {testFile}, but no fix was applied");
        }

        /// <summary>The text after the first action (or the one with <paramref name="key"/>) the fixer offers at the span; null when it offers none.</summary>
        private static async Task<(string Text, string Title, string? Key)?> ApplyAsync(CodeFixProvider fixer, string source, string id, TextSpan span, CancellationToken cancellationToken, string? key = null)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: await AnalyzerHarness.ReferencesAsync()));
            var document = workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
            var compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;
            var diagnostic = (await AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: cancellationToken))
                .FirstOrDefault(d => d.Id == id && d.Location.SourceSpan == span);
            if (diagnostic is null)
            {
                return null;
            }

            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
            var chosen = key is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.EquivalenceKey == key);
            if (chosen is null)
            {
                return null;
            }

            foreach (var operation in await chosen.GetOperationsAsync(cancellationToken))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    var changed = apply.ChangedSolution.GetDocument(document.Id)!;
                    return ((await changed.GetTextAsync(cancellationToken)).ToString(), chosen.Title, chosen.EquivalenceKey);
                }
            }

            return null;
        }
    }
}
