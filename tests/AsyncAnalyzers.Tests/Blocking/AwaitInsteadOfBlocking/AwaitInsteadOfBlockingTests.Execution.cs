using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class AwaitInsteadOfBlockingTests
    {
        private const string ExecutionPrelude = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            public static class Program
            {
                static async Task<int> Load(int value, int delay)
                {
                    await Task.Delay(delay);
                    Console.Write($"[loaded {value}]");
                    return value;
                }

                static async Task<int> Fail()
                {
                    await Task.Yield();
                    throw new InvalidOperationException("boom");
                }

            """;

        [Fact]
        public async Task Execution_ResultWaitAndGetResult_SameOutput()
        {
            var original = ExecutionPrelude + """
                    public static async Task<int> Main()
                    {
                        var a = Load(1, 20);
                        var b = Load(2, 0);
                        a.Wait();
                        var sum = a.Result + b.GetAwaiter().GetResult();
                        Console.Write($"[sum {sum}]");
                        return sum;
                    }
                }
                """;
            var fixedSource = ExecutionPrelude + """
                    public static async Task<int> Main()
                    {
                        var a = Load(1, 20);
                        var b = Load(2, 0);
                        await a;
                        var sum = a.Result + await b;
                        Console.Write($"[sum {sum}]");
                        return sum;
                    }
                }
                """;
            await Verify.VerifyCodeFixAsync(Mark(original, "a.Wait()", "b.GetAwaiter().GetResult()"), fixedSource);
            var outcome = await Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("[loaded 2][loaded 1][sum 3]<returned 3>", outcome.ToString());
        }

        [Fact]
        public async Task Execution_WaitAllAndWaitAnyIndex_SameOutput()
        {
            var original = ExecutionPrelude + """
                    public static async Task Main()
                    {
                        var tasks = new[] { Load(1, 200), Load(2, 0) };
                        var index = Task.WaitAny(tasks);
                        Console.Write($"[first {index}]");
                        Task.WaitAll(tasks);
                        Console.Write($"[total {tasks.Sum(t => t.Result)}]");
                    }
                }
                """;
            var fixedSource = ExecutionPrelude + """
                    public static async Task Main()
                    {
                        var tasks = new[] { Load(1, 200), Load(2, 0) };
                        var index = Array.IndexOf(tasks, await Task.WhenAny(tasks));
                        Console.Write($"[first {index}]");
                        await Task.WhenAll(tasks);
                        Console.Write($"[total {tasks.Sum(t => t.Result)}]");
                    }
                }
                """;
            // tasks.Sum(t => t.Result) after WaitAll/WhenAll of its elements is not reported: only the two waits are.
            await Verify.VerifyCodeFixAsync(Mark(original, "Task.WaitAny(tasks)", "Task.WaitAll(tasks)"), fixedSource);
            var outcome = await Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("[loaded 2][first 1][loaded 1][total 3]", outcome.ToString());
        }

        [Fact]
        public async Task Execution_TaskReturningMethodMadeAsync_SameOutput()
        {
            var original = ExecutionPrelude + """
                    static Task<int> Twice(Task<int> pending) => Task.FromResult(pending.Result * 2);

                    public static async Task<int> Main() => await Twice(Load(21, 5));
                }
                """;
            var fixedSource = ExecutionPrelude + """
                    static async Task<int> Twice(Task<int> pending) => await pending * 2;

                    public static async Task<int> Main() => await Twice(Load(21, 5));
                }
                """;
            await Verify.VerifyCodeFixAsync(Mark(original, "pending.Result"), fixedSource);
            var outcome = await Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("[loaded 21]<returned 42>", outcome.ToString());
        }

        /// <summary>
        /// The one documented difference: <c>.Result</c> and <c>Wait()</c> wrap a failure in AggregateException, <c>await</c>
        /// throws the task's own exception. The fix accepts it (and is not offered inside <c>catch (AggregateException)</c>).
        /// </summary>
        [Fact]
        public async Task Execution_Failure_DiffersOnlyByTheAggregateExceptionWrapper()
        {
            var original = ExecutionPrelude + """
                    public static async Task<int> Main()
                    {
                        var value = Fail().Result;
                        return value;
                    }
                }
                """;
            var fixedSource = ExecutionPrelude + """
                    public static async Task<int> Main()
                    {
                        var value = await Fail();
                        return value;
                    }
                }
                """;
            await Verify.VerifyCodeFixAsync(Mark(original, "Fail().Result"), fixedSource);

            var before = await Verifiers.ExecutionVerifier.RunAsync(original);
            var after = await Verifiers.ExecutionVerifier.RunAsync(fixedSource);
            Assert.Equal("System.AggregateException", before.ExceptionType);
            Assert.Equal("One or more errors occurred. (boom)", before.ExceptionMessage);
            Assert.Equal("System.InvalidOperationException", after.ExceptionType);
            Assert.Equal("boom", after.ExceptionMessage);
            Assert.Equal(before.Output, after.Output);

            // A caller that unwraps sees exactly the same failure either way.
            const string Unwrap = """
                    public static async Task Run()
                    {
                        try { await Main(); }
                        catch (Exception e)
                        {
                            var actual = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;
                            Console.Write($"{actual.GetType().Name}: {actual.Message}");
                        }
                    }
                }
                """;
            var unwrapped = await Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(
                original.Substring(0, original.LastIndexOf('}')) + Unwrap,
                fixedSource.Substring(0, fixedSource.LastIndexOf('}')) + Unwrap,
                "Program.Run");
            Assert.Equal("InvalidOperationException: boom", unwrapped.ToString());
        }

        private static string Mark(string source, params string[] spans)
        {
            foreach (var span in spans)
            {
                source = source.Replace(span, "[|" + span + "|]");
            }

            return source;
        }
    }
}
