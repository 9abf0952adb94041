using System.Threading.Tasks;
using Xunit;

namespace AsyncAnalyzers.Tests.Verifiers
{
    public class ExecutionVerifierTests
    {
        [Fact]
        public async Task Run_CapturesOutputReturnValueAndException()
        {
            var outcome = await ExecutionVerifier.RunAsync("""
                using System;
                using System.Threading.Tasks;
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("a");
                        await Task.Yield();
                        Console.Write("b");
                        return 42;
                    }
                }
                """);
            Assert.Equal("ab<returned 42>", outcome.ToString());

            var failing = await ExecutionVerifier.RunAsync("""
                using System;
                public static class Program { public static void Main() { Console.Write("x"); throw new InvalidOperationException("boom"); } }
                """);
            Assert.Equal("x", failing.Output);
            Assert.Equal("System.InvalidOperationException", failing.ExceptionType);
            Assert.Equal("boom", failing.ExceptionMessage);
        }

        [Fact]
        public async Task SameBehaviour_DetectsADifference()
        {
            var original = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                public static class Program { public static async Task Main() { Thread.Sleep(1); Console.Write("done"); } }
                """;
            var fixedSource = original.Replace("Thread.Sleep(1);", "await Task.Delay(1);");
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("done", outcome.Output);

            var changed = original.Replace("\"done\"", "\"other\"");
            await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => ExecutionVerifier.AssertSameBehaviourAsync(original, changed));
        }
    }
}
