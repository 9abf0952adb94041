using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// <summary>Code being typed: the Callbacks analyzers never throw (no AD0001) and their fixers neither throw nor offer a fix that breaks more.</summary>
    public class CallbackRobustnessTests
    {
        private const string Usings = "using System;\nusing System.ComponentModel;\nusing System.IO;\nusing System.Runtime.CompilerServices;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        public static IEnumerable<object[]> BrokenSources() => new[]
        {
            new object[] { "class C { Task<int> M(Task<int> t) { return t.ContinueWith(x => x.Result +); } }" },
            new object[] { "class C { Task<int> M(Task<int> t) => t.ContinueWith(x => x.Result).ContinueWith(y => ).Unwrap(" },
            new object[] { "class C { Task<int> M(Task<int>[] ts) => Task.Factory.ContinueWhenAll(ts, ); }" },
            new object[] { "class C { Task<int> M(Task<int> t) { return t.ContinueWith(x => { if (x.IsFaulted) { return; } return x.Result; }); } }" },
            new object[] { "class C { void M(Stream s, byte[] b) { s.BeginRead(b, 0, 1, ar => s.EndRead(), null); s.BeginRead(b, 0, 1, ar => s.EndRead(ar) } }" },
            new object[] { "class C { void M(Stream s, byte[] b) { s.BeginRead(b, 0, ar => { var n = s.EndRead(ar); }, null); } }" },
            new object[] { "class C { void M(Task t) { t.GetAwaiter().OnCompleted(() => { ); } }" },
            new object[] { "class C { void M(Task t) { var a = t.GetAwaiter(); a.OnCompleted(() => a.GetResult() } }" },
            new object[] { "class E : AsyncCompletedEventArgs { public E() : base(null, false, null) { } public int Result => 1; } class F { public event EventHandler<E>? XCompleted; public void XAsync() { } public Task<int> XTaskAsync() => Task.FromResult(1); } class C { void M() { var f = new F(); f.XCompleted += (s, e) => Console.WriteLine(e.Result; f.XAsync(; } }" },
            new object[] { "class C { void M() { var f = new Undefined(); f.XCompleted += (s, e) => { }; f.XAsync(); } }" },
        };

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task IncompleteCode_NoAnalyzerException_AndFixesDoNotThrow(string source)
        {
            var rules = new (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer)[]
            {
                (new ConvertContinueWithToAwaitAnalyzer(), new ConvertContinueWithToAwaitFixer()),
                (new ConvertBeginEndToAwaitAnalyzer(), new ConvertBeginEndToAwaitFixer()),
                (new ConvertEventBasedAsyncToAwaitAnalyzer(), new ConvertEventBasedAsyncToAwaitFixer()),
                (new ReplaceAwaiterCallbackWithAwaitAnalyzer(), new ReplaceAwaiterCallbackWithAwaitFixer()),
            };

            var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Create(),
                    "Broken",
                    "Broken",
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: new CSharpParseOptions(TestDefaults.LanguageVersion),
                    metadataReferences: references))
                .AddDocument(documentId, "Broken.cs", SourceText.From(Usings + source));
            var document = solution.GetDocument(documentId)!;
            var compilation = (await document.Project.GetCompilationAsync())!;

            foreach (var (analyzer, fixer) in rules)
            {
                var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAllDiagnosticsAsync();
                Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

                foreach (var diagnostic in diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
            }
        }
    }
}
