using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>Fixes of ASYNC102, ASYNC103 and ASYNC104 applied together: each makes the same Task method async, only once.</summary>
    public class BlockingFixAllTests
    {
        private sealed class Test : CSharpCodeFixTest<UseAsyncCounterpartAnalyzer, UseAsyncCounterpartFixer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestDefaults.ReferenceAssemblies;
                SolutionTransforms.Add((solution, projectId) => TestDefaults.Apply(solution, projectId));
            }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
                => new DiagnosticAnalyzer[] { new UseTaskDelayAnalyzer(), new UseAsyncCounterpartAnalyzer(), new UseAwaitUsingAnalyzer() };

            protected override IEnumerable<CodeFixProvider> GetCodeFixProviders()
                => new CodeFixProvider[] { new UseTaskDelayFixer(), new UseAsyncCounterpartFixer(), new UseAwaitUsingFixer() };
        }

        [Fact]
        public Task MixedRulesInOneTaskReturningMethod_AreAllFixed()
        {
            var test = new Test
            {
                TestCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                class Exporter
                {
                    public Task<long> ExportAsync(string path, string text)
                    {
                        {|ASYNC102:Thread.Sleep(10)|};
                        using var {|ASYNC104:stream = File.Create(path)|};
                        using var {|ASYNC104:writer = new StreamWriter(stream)|};
                        {|ASYNC103:writer.Write(text)|};
                        {|ASYNC103:writer.Flush()|};
                        return Task.FromResult(stream.Length);
                    }
                }
                """,
                FixedCode = """
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                class Exporter
                {
                    public async Task<long> ExportAsync(string path, string text)
                    {
                        await Task.Delay(10);
                        await using var stream = File.Create(path);
                        await using var writer = new StreamWriter(stream);
                        await writer.WriteAsync(text);
                        await writer.FlushAsync();
                        return stream.Length;
                    }
                }
                """,
                NumberOfFixAllIterations = 3,
                NumberOfFixAllInDocumentIterations = 3,
                NumberOfIncrementalIterations = 5,
            };
            return test.RunAsync();
        }
    }
}
