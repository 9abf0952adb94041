using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.PropagateAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.PropagateAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public class PropagateAsyncTests
    {
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>ASYNC106 is disabled by default: every test turns it on, as a user's .editorconfig would.</summary>
        private static Verify.Test Enabled(string source, string? fixedSource = null)
        {
            var test = new Verify.Test { TestCode = source };
            if (fixedSource is not null)
            {
                test.FixedCode = fixedSource;
                // Markup in the fixed code marks what stays reported (the synchronous bridge keeps blocking, by design).
                test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
            }

            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                    options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.PropagateAsync, ReportDiagnostic.Warn)));
            });
            return test;
        }

        [Fact]
        public void Rule_IsDisabledByDefault()
        {
            Assert.False(Descriptors.PropagateAsync.IsEnabledByDefault);
        }

        [Fact]
        public async Task DisabledByDefault_NothingIsReportedByABuild()
        {
            // The test framework turns every descriptor on; a real compilation with default options does not.
            var compilation = await AsyncAnalyzers.Tests.Robustness.AnalyzerHarness.CompileAsync(new[]
            {
                Usings + "class C { string Load() => LoadAsync().Result; Task<string> LoadAsync() => Task.FromResult(\"x\"); }",
            });
            var diagnostics = await AsyncAnalyzers.Tests.Robustness.AnalyzerHarness.AnalyzeAsync(compilation);
            Assert.DoesNotContain(diagnostics, d => d.Id == DiagnosticIds.PropagateAsync);

            var enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                compilation.Options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.PropagateAsync, ReportDiagnostic.Warn)));
            Assert.Contains(await AsyncAnalyzers.Tests.Robustness.AnalyzerHarness.AnalyzeAsync(enabled), d => d.Id == DiagnosticIds.PropagateAsync);
        }

        [Theory]
        [InlineData("string Load() => {|#0:LoadAsync().Result|};", "Task<string>.Result", "Load")]
        [InlineData("string Load() => {|#0:LoadAsync().GetAwaiter().GetResult()|};", "Task<string>.GetAwaiter().GetResult()", "Load")]
        [InlineData("string Load() => {|#0:LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};", "Task<string>.GetAwaiter().GetResult()", "Load")]
        [InlineData("void Save() { var t = SaveAsync(); {|#0:t.Wait()|}; }", "Task.Wait", "Save")]
        [InlineData("void Run() { string Local() => {|#0:LoadAsync().Result|}; }", "Task<string>.Result", "Local")]
        public async Task SyncMethodWaitingOnWorkItStarts_IsReported(string member, string call, string method)
        {
            var test = Enabled(Usings + "class C { " + member + " Task<string> LoadAsync() => Task.FromResult(\"x\"); Task SaveAsync() => Task.CompletedTask; }");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.PropagateAsync).WithLocation(0).WithArguments(call, method));
            await test.RunAsync();
        }

        [Theory]
        [InlineData("string Load(Task<string> t) => t.Result;")]
        [InlineData("string Load() => field.Result; Task<string> field = Task.FromResult(\"x\");")]
        [InlineData("string Load() => Task.FromResult(\"x\").Result;")]
        [InlineData("bool Load() => LoadAsync().Wait(100);")]
        [InlineData("async Task<string> Load() => LoadAsync().Result;")]
        [InlineData("Task<string> Load() => Task.FromResult(LoadAsync().Result);")]
        [InlineData("void Load() { Func<string> f = () => LoadAsync().Result; }")]
        [InlineData("C() { var x = LoadAsync().Result; }")]
        [InlineData("void Load() { var t = LoadAsync(); if (t.IsCompleted) { var x = t.Result; } }")]
        public Task NotSyncOverAsync_IsNotReported(string member)
        {
            return Enabled(Usings + "class C { " + member + " Task<string> LoadAsync() => Task.FromResult(\"x\"); }").RunAsync();
        }

        [Fact]
        public Task Fix_PrivateMethodWithOnlyAsyncCallers_GoesAway_AndCallersAwaitTheAsyncForm()
        {
            return Enabled(Usings + """
                class C
                {
                    async Task RunAsync()
                    {
                        var a = Load();
                        await Task.Yield();
                    }

                    Task<string> Other()
                    {
                        return Task.FromResult(Load());
                    }

                    // Loads the value.
                    private string Load()
                    {
                        return {|#0:LoadAsync().Result|};
                    }

                    Task<string> LoadAsync() => Task.FromResult("x");
                }
                """, Usings + """
                class C
                {
                    async Task RunAsync()
                    {
                        var a = await LoadAsync();
                        await Task.Yield();
                    }

                    async Task<string> Other()
                    {
                        return await LoadAsync();
                    }

                    Task<string> LoadAsync() => Task.FromResult("x");
                }
                """).WithDiagnostic(Verify.Diagnostic(DiagnosticIds.PropagateAsync).WithLocation(0).WithArguments("Task<string>.Result", "Load")).RunAsync();
        }

        [Fact]
        public Task Fix_PublicMethodWithSyncCallers_GetsAnAsyncTwin_AndAsyncCallersUseIt()
        {
            return Enabled(Usings + """
                public class C
                {
                    public void Sync() => Console.WriteLine(Describe());

                    public async Task PrintAsync()
                    {
                        await Task.Yield();
                        Console.WriteLine(Describe());
                    }

                    public string Describe()
                    {
                        return {|#0:FetchAsync(1).Result|}.ToUpperInvariant();
                    }

                    Task<string> FetchAsync(int id) => Task.FromResult("x" + id);
                }
                """, Usings + """
                public class C
                {
                    public void Sync() => Console.WriteLine(Describe());

                    public async Task PrintAsync()
                    {
                        await Task.Yield();
                        Console.WriteLine(await DescribeAsync());
                    }

                    public string Describe()
                    {
                        return {|ASYNC106:FetchAsync(1).Result|}.ToUpperInvariant();
                    }

                    public async Task<string> DescribeAsync()
                    {
                        return (await FetchAsync(1)).ToUpperInvariant();
                    }

                    Task<string> FetchAsync(int id) => Task.FromResult("x" + id);
                }
                """).WithDiagnostic(Verify.Diagnostic(DiagnosticIds.PropagateAsync).WithLocation(0).WithArguments("Task<string>.Result", "Describe"))
                .RunAsync();
        }
    }

    internal static class PropagateAsyncTestExtensions
    {
        public static AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.PropagateAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.PropagateAsyncFixer>.Test WithDiagnostic(
            this AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Blocking.PropagateAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.PropagateAsyncFixer>.Test test,
            Microsoft.CodeAnalysis.Testing.DiagnosticResult diagnostic)
        {
            test.ExpectedDiagnostics.Add(diagnostic);
            return test;
        }
    }
}
