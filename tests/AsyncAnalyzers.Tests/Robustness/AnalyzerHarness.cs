using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Meta;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>Runs every analyzer of the package, and every fixer on what they report, while recording any exception they throw.</summary>
    internal static class AnalyzerHarness
    {
        private static ImmutableArray<MetadataReference> references;

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = RuleCatalog.AnalyzerTypes
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> Fixers { get; } = RuleCatalog.FixerTypes
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static async Task<ImmutableArray<MetadataReference>> ReferencesAsync()
        {
            if (references.IsDefault)
            {
                references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            }

            return references;
        }

        public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(TestDefaults.LanguageVersion);

        public static async Task<CSharpCompilation> CompileAsync(IEnumerable<string> sources, bool withReferences = true, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")).ToList();
            return CSharpCompilation.Create(
                "Robustness",
                trees,
                withReferences ? await ReferencesAsync() : Enumerable.Empty<MetadataReference>(),
                new CSharpCompilationOptions(outputKind, concurrentBuild: false));
        }

        /// <summary>
        /// Analyzer diagnostics of <paramref name="compilation"/>; throws when an analyzer threw (AD0001 or the exception callback)
        /// so the failing input shows in the test output.
        /// </summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool concurrent = true, CancellationToken cancellationToken = default)
        {
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
            if (crashes.Count > 0)
            {
                throw new AnalyzerCrashException(string.Join("\n", crashes));
            }

            return diagnostics;
        }

        /// <summary>Runs <paramref name="action"/> on a new thread with a stack of <paramref name="stackSize"/> bytes.</summary>
        public static Task<T> RunOnStackAsync<T>(int stackSize, Func<T> action)
        {
            var completion = new TaskCompletionSource<T>();
            var thread = new Thread(
                () =>
                {
                    try
                    {
                        completion.SetResult(action());
                    }
                    catch (Exception exception)
                    {
                        completion.SetException(exception);
                    }
                },
                stackSize);
            thread.Start();
            return completion.Task;
        }

        /// <summary>For each diagnostic, asks every fixer that claims its ID for actions and computes their edits. Returns how many actions were computed.</summary>
        public static async Task<int> ExerciseFixersAsync(string source, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
        {
            if (diagnostics.IsEmpty)
            {
                return 0;
            }

            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: ParseOptions,
                metadataReferences: await ReferencesAsync()));
            var document = workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
            var tree = (await document.GetSyntaxTreeAsync(cancellationToken))!;

            var computed = 0;
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Location.SourceTree is null)
                {
                    continue;
                }

                // Re-home the diagnostic onto the workspace document's tree (same text, same spans).
                var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.Properties, diagnostic.GetMessage());
                foreach (var fixer in Fixers)
                {
                    if (!fixer.FixableDiagnosticIds.Contains(diagnostic.Id))
                    {
                        continue;
                    }

                    var actions = new List<CodeAction>();
                    var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), cancellationToken);
                    await fixer.RegisterCodeFixesAsync(context);
                    // Our fixers register plain actions (no nested groups), so each one is computed directly.
                    foreach (var action in actions)
                    {
                        var operations = await action.GetOperationsAsync(cancellationToken);
                        foreach (var operation in operations.OfType<ApplyChangesOperation>())
                        {
                            // Forces the edits to be built and the changed document to be produced.
                            var changed = operation.ChangedSolution.GetDocument(document.Id);
                            if (changed is not null)
                            {
                                await changed.GetTextAsync(cancellationToken);
                            }
                        }

                        computed++;
                    }
                }
            }

            return computed;
        }
    }

    public sealed class AnalyzerCrashException : Exception
    {
        public AnalyzerCrashException(string message)
            : base(message)
        {
        }
    }
}
