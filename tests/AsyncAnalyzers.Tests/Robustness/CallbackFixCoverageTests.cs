using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The callback family's rule: a finding means a rewrite exists and the fix performs it. Over every source of the
    /// callback rule tests, the share of ASYNC2xx findings for which the fixer offers an action.
    /// </summary>
    public class CallbackFixCoverageTests
    {
        private readonly ITestOutputHelper output;

        public CallbackFixCoverageTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public async Task CallbackFindings_AlmostAllHaveAFix()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var findings = new Dictionary<string, int>(StringComparer.Ordinal);
            var fixable = new Dictionary<string, int>(StringComparer.Ordinal);
            var unfixed = new List<string>();
            foreach (var file in TestSourceCorpus.Files.Where(f => f.Contains("Callbacks", StringComparison.Ordinal)))
            {
                foreach (var source in TestSourceCorpus.SourcesOf(file))
                {
                    var compilation = await AnalyzerHarness.CompileAsync(new[] { source });
                    if (compilation.GetDiagnostics(timeout.Token).Any(d => d.Severity == DiagnosticSeverity.Error))
                    {
                        continue;
                    }

                    foreach (var diagnostic in await AnalyzerHarness.AnalyzeAsync(compilation, cancellationToken: timeout.Token))
                    {
                        if (!diagnostic.Id.StartsWith("ASYNC2", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        findings[diagnostic.Id] = findings.GetValueOrDefault(diagnostic.Id) + 1;
                        if (await HasFixAsync(source, diagnostic, timeout.Token))
                        {
                            fixable[diagnostic.Id] = fixable.GetValueOrDefault(diagnostic.Id) + 1;
                        }
                        else
                        {
                            unfixed.Add($"{diagnostic.Id} in {file}: {source.Substring(diagnostic.Location.SourceSpan.Start, Math.Min(80, diagnostic.Location.SourceSpan.Length))}");
                        }
                    }
                }
            }

            foreach (var id in findings.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                output.WriteLine($"{id}: {fixable.GetValueOrDefault(id)}/{findings[id]} with a fix");
            }

            foreach (var line in unfixed)
            {
                output.WriteLine("no fix: " + line);
            }

            var total = findings.Values.Sum();
            var withFix = fixable.Values.Sum();
            Assert.True(total > 0, "no callback finding in the callback tests");
            Assert.True(withFix * 100 >= total * 95, $"{withFix}/{total} callback findings have a fix:\n" + string.Join("\n", unfixed));
        }

        private static async Task<bool> HasFixAsync(string source, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: await AnalyzerHarness.ReferencesAsync()));
            var document = workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
            var tree = (await document.GetSyntaxTreeAsync(cancellationToken))!;
            var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.Properties, diagnostic.GetMessage());
            foreach (var fixer in AnalyzerHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, located, (action, _) => actions.Add(action), cancellationToken));
                if (actions.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
