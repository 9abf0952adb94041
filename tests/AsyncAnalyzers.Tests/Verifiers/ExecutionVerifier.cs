using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Runs C# source for real: compiles it in memory against the test reference assemblies, loads it into a collectible
    /// context, calls a static entry point and captures what it writes to the console. Fix tests use it to show that the
    /// fixed code behaves like the original: same output, same order, same exception.
    /// </summary>
    public static class ExecutionVerifier
    {
        // Console is process-wide: runs that redirect it take turns.
        private static readonly SemaphoreSlim ConsoleGate = new SemaphoreSlim(1, 1);
        private static ImmutableArray<MetadataReference> references;

        /// <summary>What a run printed, and the exception it ended with (type name and message), if any.</summary>
        public sealed record Outcome(string Output, string? ExceptionType, string? ExceptionMessage)
        {
            public override string ToString() => ExceptionType is null ? Output : $"{Output}<threw {ExceptionType}: {ExceptionMessage}>";
        }

        /// <summary>Runs both sources' <paramref name="entryPoint"/> and asserts they print the same and fail the same way.</summary>
        public static async Task<Outcome> AssertSameBehaviourAsync(string original, string fixedSource, string entryPoint = "Program.Main")
        {
            var before = await RunAsync(original, entryPoint);
            var after = await RunAsync(fixedSource, entryPoint);
            Assert.Equal(before.ToString(), after.ToString());
            return after;
        }

        /// <summary>
        /// Compiles <paramref name="source"/> and calls <paramref name="entryPoint"/> ("Type.Method"): a static method with no
        /// parameters returning void, Task or Task&lt;T&gt; (a returned value is printed after the output). A task is awaited.
        /// </summary>
        public static async Task<Outcome> RunAsync(string source, string entryPoint = "Program.Main", int timeoutSeconds = 30)
        {
            var assemblyBytes = await CompileAsync(source);
            var context = new AssemblyLoadContext("execution-" + Guid.NewGuid().ToString("N"), isCollectible: true);
            try
            {
                var assembly = context.LoadFromStream(new MemoryStream(assemblyBytes));
                var separator = entryPoint.LastIndexOf('.');
                var type = assembly.GetType(entryPoint.Substring(0, separator), throwOnError: true)!;
                var method = type.GetMethod(entryPoint.Substring(separator + 1), BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"no static method {entryPoint}");

                await ConsoleGate.WaitAsync();
                var previousOut = Console.Out;
                var output = new StringWriter();
                try
                {
                    Console.SetOut(output);
                    string? exceptionType = null;
                    string? exceptionMessage = null;
                    try
                    {
                        var result = method.Invoke(null, method.GetParameters().Length == 0 ? null : new object?[] { Array.Empty<string>() });
                        if (result is Task task)
                        {
                            var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(timeoutSeconds)));
                            Assert.True(finished == task, $"{entryPoint} did not finish within {timeoutSeconds} s");
                            await task;
                            var resultProperty = task.GetType().GetProperty("Result");
                            if (resultProperty is not null && resultProperty.PropertyType.Name != "VoidTaskResult")
                            {
                                output.Write($"<returned {resultProperty.GetValue(task)}>");
                            }
                        }
                        else if (method.ReturnType != typeof(void))
                        {
                            output.Write($"<returned {result}>");
                        }
                    }
                    catch (Exception exception)
                    {
                        var actual = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
                        exceptionType = actual.GetType().FullName;
                        exceptionMessage = actual.Message;
                    }

                    return new Outcome(output.ToString(), exceptionType, exceptionMessage);
                }
                finally
                {
                    Console.SetOut(previousOut);
                    ConsoleGate.Release();
                }
            }
            finally
            {
                context.Unload();
            }
        }

        private static async Task<byte[]> CompileAsync(string source)
        {
            if (references.IsDefault)
            {
                references = await TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            }

            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestDefaults.LanguageVersion));
            var compilation = CSharpCompilation.Create(
                "Execution" + Guid.NewGuid().ToString("N"),
                new[] { tree },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(emit.Success, "the source does not compile:\n" + string.Join("\n", errors) + "\n" + source);
            return stream.ToArray();
        }
    }
}
