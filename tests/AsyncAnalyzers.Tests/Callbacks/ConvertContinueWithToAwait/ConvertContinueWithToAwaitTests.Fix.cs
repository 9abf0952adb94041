using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertContinueWithToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertContinueWithToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertContinueWithToAwaitTests
    {
        [Fact]
        public Task Fix_ReturnedContinuation_BecomesAwaitInTheExpression()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        Console.Write("start;");
                        return LoadAsync().[|ContinueWith(t => t.Result.Trim().Length)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        return (await LoadAsync()).Trim().Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ExpressionBodiedMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main() => LoadAsync().[|ContinueWith(t => t.Result.Length * 2)|];
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main() => (await LoadAsync()).Length * 2;
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_Chain_BecomesOneExpressionInOrder()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync()
                            .[|ContinueWith(t => t.Result.Trim())|]
                            .ContinueWith(t => t.Result.Length);
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        return (await LoadAsync()).Trim().Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Theory]
        [InlineData(
            "Func<Task<int>> count = () => LoadAsync().[|ContinueWith(t => t.Result.Length)|];",
            "Func<Task<int>> count = async () => (await LoadAsync()).Length;")]
        [InlineData(
            "Func<Task<int>> count = async () => await LoadAsync().[|ContinueWith(t => t.Result.Length)|];",
            "Func<Task<int>> count = async () => (await LoadAsync()).Length;")]
        [InlineData(
            "Task<int> Count() { return LoadAsync().[|ContinueWith(t => t.Result.Length)|]; } var count = Count;",
            "async Task<int> Count() { return (await LoadAsync()).Length; } var count = Count;")]
        [InlineData(
            "Func<Task<int>> count = delegate { return LoadAsync().[|ContinueWith(t => t.Result.Length)|]; };",
            "Func<Task<int>> count = async delegate { return (await LoadAsync()).Length; };")]
        public Task Fix_InLambdaAndLocalFunction(string before, string after)
        {
            const string Shell = """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        BODY
                        return count();
                    }
                """;
            return VerifyFixAndBehaviourAsync(
                Usings + Shell.Replace("BODY", before) + Helpers + "\n}\n",
                Usings + Shell.Replace("BODY", after) + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_OtherReturnsOfTheMethod_AreRewrittenToo()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<int> CountAsync(Task<string> text, bool skip)
                    {
                        if (skip)
                            return Task.FromResult(0);
                        return text.[|ContinueWith(t => t.Result.Length)|];
                    }

                    Task LogAsync(Task<string> text, bool quiet)
                    {
                        if (!quiet)
                        {
                            return text.[|ContinueWith(t =>
                            {
                                var length = t.Result.Length;
                                Console.WriteLine(length);
                            })|];
                        }

                        Console.WriteLine("quiet");
                        return Task.CompletedTask;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> CountAsync(Task<string> text, bool skip)
                    {
                        if (skip)
                            return 0;
                        return (await text).Length;
                    }

                    async Task LogAsync(Task<string> text, bool quiet)
                    {
                        if (!quiet)
                        {
                            var length = (await text).Length;
                            Console.WriteLine(length);
                            return;
                        }

                        Console.WriteLine("quiet");
                    }
                }
                """,
                ConvertContinueWithToAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_BlockContinuation_IsInlinedAfterTheAwait()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        Console.Write("loading;");
                        return LoadAsync().[|ContinueWith(t =>
                        {
                            var text = t.Result.Trim();
                            Console.Write("loaded " + text + ";");
                            return text.Length;
                        })|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("loading;");
                        var text = (await LoadAsync()).Trim();
                        Console.Write("loaded " + text + ";");
                        return text.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_SeveralResultReads_AwaitOnceIntoALocal()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<string> Main()
                    {
                        return LoadAsync().[|ContinueWith(t => t.Result.Trim() + "/" + t.Result.Length)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var result = await LoadAsync();
                        return result.Trim() + "/" + result.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_UnwrappedTaskReturningContinuation()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task Main()
                    {
                        return LoadAsync().[|ContinueWith(t => SaveAsync(t.Result))|].Unwrap();
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        await SaveAsync(await LoadAsync());
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_AsyncContinuationWithUnwrap()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync().[|ContinueWith(async t =>
                        {
                            var text = t.Result;
                            await SaveAsync(text);
                            return text.Length;
                        })|].Unwrap();
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var text = await LoadAsync();
                        await SaveAsync(text);
                        return text.Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_AwaitedChainInAsyncMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var length = await LoadAsync().[|ContinueWith(t => t.Result.Length)|];
                        Console.Write(length);
                        await LoadAsync().[|ContinueWith(t => Console.Write(";" + t.Result.Trim()))|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var length = (await LoadAsync()).Length;
                        Console.Write(length);
                        Console.Write(";" + (await LoadAsync()).Trim());
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ExecuteSynchronously_IsKept()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        return LoadAsync().[|ContinueWith(t => t.Result.Length, TaskContinuationOptions.ExecuteSynchronously)|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        return (await LoadAsync()).Length;
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ContinueWhenAll_BecomesWhenAll()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<int> Main()
                    {
                        var parts = new[] { Task.Run(() => 1), Task.Run(() => 2), Task.Run(() => 3) };
                        return Task.Factory.[|ContinueWhenAll(parts, done => done.Sum(p => p.Result))|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        var parts = new[] { Task.Run(() => 1), Task.Run(() => 2), Task.Run(() => 3) };
                        await ((Task)Task.WhenAll(parts)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        return parts.Sum(p => p.Result);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ContinueWhenAny_BecomesWhenAny()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static Task<string> Main()
                    {
                        var mirrors = new[] { LoadAsync(), Task.Run(async () => { await Task.Delay(5000); return "slow"; }) };
                        return Task.Factory.[|ContinueWhenAny(mirrors, winner => winner.Result.Trim())|];
                    }
                """ + Helpers + "\n}\n",
                Usings + """
                public static class Program
                {
                    public static async Task<string> Main()
                    {
                        var mirrors = new[] { LoadAsync(), Task.Run(async () => { await Task.Delay(5000); return "slow"; }) };
                        var winner = await Task.WhenAny(mirrors);
                        return winner.Result.Trim();
                    }
                """ + Helpers + "\n}\n");
        }

        [Fact]
        public Task Fix_ExpressionBodyNeedingStatements_BecomesBlock()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await CountAsync(new[] { Task.FromResult(1), Task.Run(() => 2) }));
                    }

                    static Task<int> CountAsync(Task<int>[] tasks) => Task.Factory.[|ContinueWhenAll(tasks, all => all.Length)|];
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await CountAsync(new[] { Task.FromResult(1), Task.Run(() => 2) }));
                    }

                    static async Task<int> CountAsync(Task<int>[] tasks)
                    {
                        await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        return tasks.Length;
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_LambdaExpressionBodyNeedingStatements_BecomesAsyncBlockLambda()
        {
            var source = Usings + "class C\n{\n    void M() { Func<Task<int>, Task<int>> f = t => t.[|ContinueWith(_ => 1)|]; }\n}\n";
            var fixedSource = Usings + "class C\n{\n    void M() { Func<Task<int>, Task<int>> f = async t => { await ((Task)t).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext); return 1; }; }\n}\n";
            return Verify.VerifyCodeFixAsync(source, fixedSource, ConvertContinueWithToAwaitFixer.AwaitKey);
        }
    }
}
