using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseAsyncCounterpartTests
    {
        [Fact]
        public Task FixAll_NestedCallsAndATaskMethod()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    Task CopyAsync(StreamReader reader, StreamWriter writer)
                    {
                        [|writer.Write([|reader.ReadToEnd()|])|];
                        [|writer.Flush()|];
                        return Task.CompletedTask;
                    }

                    async Task<int> CountAsync(string path)
                    {
                        var lines = [|File.ReadAllLines(path)|];
                        return lines.Length;
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task CopyAsync(StreamReader reader, StreamWriter writer)
                    {
                        await writer.WriteAsync(await reader.ReadToEndAsync());
                        await writer.FlushAsync();
                    }

                    async Task<int> CountAsync(string path)
                    {
                        var lines = await File.ReadAllLinesAsync(path);
                        return lines.Length;
                    }
                }
                """,
            };
            return test.RunAsync();
        }
    }
}
