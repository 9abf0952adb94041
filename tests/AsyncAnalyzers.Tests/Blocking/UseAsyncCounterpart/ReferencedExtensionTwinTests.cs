using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC103 with extension twins declared in a compiled library (a metadata reference read from its image, as NuGet
    /// packages are): the extension index reads the library's raw metadata and keeps only methods whose return type may
    /// be awaitable; a Task or ValueTask twin is found, and a same-named extension that returns something else is no twin.
    /// </summary>
    public class ReferencedExtensionTwinTests
    {
        private const string Library = """
            using System;
            using System.Collections.Generic;
                        using System.Threading.Tasks;

            namespace Wire
            {
                public class Channel
                {
                    public void Send(int value) { }
                    public int Receive() => 0;
                    public bool Probe() => true;
                    public void Drain() { }
                    public void Close() { }
                    public int Peek() => 0;
                }

                public static class ChannelExtensions
                {
                    public static Task SendAsync(this Channel channel, int value) => Task.CompletedTask;
                    public static ValueTask<int> ReceiveAsync(this Channel channel) => new ValueTask<int>(0);
                    public static bool ProbeAsync(this Channel channel) => true;
                    public static IEnumerable<int> DrainAsync(this Channel channel) => new int[0];
                    public static string CloseAsync(this Channel channel) => "";
                    public static int[] PeekAsync(this Channel channel) => new int[0];
                }
            }
            """;

        private static MetadataReference? library;

        private static async Task<MetadataReference> LibraryImageAsync()
        {
            if (library is not null)
            {
                return library;
            }

            var references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Wire",
                new[] { CSharpSyntaxTree.ParseText(Library) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return library = MetadataReference.CreateFromImage(image.ToArray());
        }

        private static async Task VerifyAsync(string body, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test
            {
                TestCode = "using System.Threading.Tasks;\nusing Wire;\nclass C { async Task M(Channel channel) { await Task.Yield(); " + body + " } }",
            };
            test.TestState.AdditionalReferences.Add(await LibraryImageAsync());
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        private static DiagnosticResult Reported(string call, string advice)
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, "'C.M'", advice);

        [Fact]
        public Task TaskReturningExtensionTwinInAReferencedImage_IsReported()
            => VerifyAsync("{|#0:channel.Send(1)|};", Reported("Channel.Send", "use 'await channel.SendAsync(1)'"));

        [Fact]
        public Task ValueTaskReturningExtensionTwinInAReferencedImage_IsReported()
            => VerifyAsync("var x = {|#0:channel.Receive()|};", Reported("Channel.Receive", "use 'await channel.ReceiveAsync()'"));

        [Theory]
        [InlineData("var x = channel.Probe();")]
        [InlineData("channel.Drain();")]
        [InlineData("channel.Close();")]
        [InlineData("var x = channel.Peek();")]
        public Task SameNamedExtensionReturningNoAwaitable_IsNotReported(string statement)
            => VerifyAsync(statement);
    }
}
