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
        public Task FluentMethodWithPlainTaskTwin_IsReported_AndFixed()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Probe p) { [|p.ExpectNext(1)|]; } }" + Probe,
                Usings + "class C { async Task M(Probe p) { await p.ExpectNextAsync(1); } }" + Probe);
        }

        [Fact]
        public Task FluentChain_LastCallIsReported_AndFixedInTheChain()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Probe p) { p.Request(2).[|ExpectNext(1)|]; } }" + Probe,
                Usings + "class C { async Task M(Probe p) { await p.Request(2).ExpectNextAsync(1); } }" + Probe);
        }

        [Fact]
        public Task SyncCallChainedInFrontOfAnAwaitedOne_IsReported_WithoutAFix()
        {
            var source = Usings + "class C { async Task M(Probe p) { await {|#0:p.ExpectNext(1)|}.ExpectNextAsync(2); } }" + Probe;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Advice("Probe.ExpectNext", "call 'await p.ExpectNextAsync(1)' as a statement of its own (it returns nothing to chain on)"));
            return test.RunAsync();
        }

        [Fact]
        public Task EnumerableMaterializedByLinq_IsReported_WithoutAFix()
        {
            var source = Usings + "class C { async Task M(Rows r) { var n = {|#0:r.Read()|}.Count(); await Task.Yield(); } }" + Probe;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Advice("Rows.Read", "enumerate 'r.ReadAsync()' with 'await foreach'"));
            return test.RunAsync();
        }

        [Fact]
        public Task InCatchFilter_MessageSaysToMoveItOut_AndNoFixIsOffered()
        {
            var source = Usings + "class C { async Task M(string p) { try { await Task.Yield(); } catch (IOException) when ({|#0:File.ReadAllText(p)|}.Length > 0) { } } }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("File.ReadAllText", "'C.M'", "move it out of the exception filter ('await' cannot be used in a 'when' clause), then use 'await File.ReadAllTextAsync(p)'"));
            return test.RunAsync();
        }

        [Fact]
        public Task AdditionalBlockingMethodWithoutCounterpart_IsReportedWithoutFix()
        {
            var source = Usings + """
                namespace Legacy { public static class Mainframe { public static string Query(string q) => q; } }
                class C { async Task M() { var r = {|#0:Legacy.Mainframe.Query("x")|}; } }
                """;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.additional_blocking_methods = Legacy.Mainframe.Query\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("Mainframe.Query", "'C.M'", "it has no async counterpart, so move it off the async path"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("void M(string p) { Func<Task> f = async () => { [|File.ReadAllText(p)|]; }; }", "void M(string p) { Func<Task> f = async () => { await File.ReadAllTextAsync(p); }; }")]
        [InlineData("void M(string p) { Func<Task> f = async () => [|File.ReadAllText(p)|]; }", "void M(string p) { Func<Task> f = async () => await File.ReadAllTextAsync(p); }")]
        [InlineData("void M(string p) { async Task Local() { [|File.ReadAllText(p)|]; } }", "void M(string p) { async Task Local() { await File.ReadAllTextAsync(p); } }")]
        [InlineData("void M(string p) { Func<Task> f = () => { [|File.ReadAllText(p)|]; return Task.CompletedTask; }; }", "void M(string p) { Func<Task> f = async () => { await File.ReadAllTextAsync(p); }; }")]
        [InlineData("async System.Collections.Generic.IAsyncEnumerable<string> M(string p) { yield return [|File.ReadAllText(p)|]; }", "async System.Collections.Generic.IAsyncEnumerable<string> M(string p) { yield return await File.ReadAllTextAsync(p); }")]
        public Task Fix_InEveryContext(string member, string fixedMember)
        {
            return Verify.VerifyCodeFixAsync(Usings + "class C { " + member + " }", Usings + "class C { " + fixedMember + " }");
        }

        [Fact]
        public async Task Fix_KeepsBehaviour()
        {
            const string Original = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                public static class Program
                {
                    public static async Task Main()
                    {
                        var path = Path.GetTempFileName();
                        try
                        {
                            await SaveAsync(path, "north,120", CancellationToken.None);
                            Console.WriteLine(await LoadAsync(path));
                        }
                        finally
                        {
                            File.Delete(path);
                        }
                    }

                    static Task SaveAsync(string path, string line, CancellationToken cancellationToken)
                    {
                        File.WriteAllText(path, line);
                        return Task.CompletedTask;
                    }

                    static async Task<int> LoadAsync(string path)
                    {
                        using var reader = new StreamReader(path);
                        var text = reader.ReadToEnd();
                        return text.Split(',')[1].Length + text.Length;
                    }
                }
                """;
            var fixedSource = Original
                .Replace("static Task SaveAsync", "static async Task SaveAsync")
                .Replace("File.WriteAllText(path, line);\n        return Task.CompletedTask;", "await File.WriteAllTextAsync(path, line, cancellationToken);")
                .Replace("reader.ReadToEnd()", "await reader.ReadToEndAsync()");
            Assert.NotEqual(Original, fixedSource);
            Assert.Contains("await File.WriteAllTextAsync", fixedSource, System.StringComparison.Ordinal);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Original, fixedSource);
            Assert.Equal("12\n", outcome.Output.Replace("\r\n", "\n"));
        }

        [Fact]
        public Task Fix_ForwardsTheCancellationToken()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task<int> M(string path, CancellationToken cancellationToken)
                    {
                        // read the report
                        var text = [|File.ReadAllText(path)|]; // whole file
                        return text.Length;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> M(string path, CancellationToken cancellationToken)
                    {
                        // read the report
                        var text = await File.ReadAllTextAsync(path, cancellationToken); // whole file
                        return text.Length;
                    }
                }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_WithoutToken_WhenChosen()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(string path, CancellationToken ct) { [|File.WriteAllText(path, \"x\")|]; } }",
                Usings + "class C { async Task M(string path, CancellationToken ct) { await File.WriteAllTextAsync(path, \"x\"); } }",
                UseAsyncCounterpartFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_TokenAfterOptionalParameters_GoesByName()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Stream s, int[] v, CancellationToken ct) { [|System.Text.Json.JsonSerializer.Serialize(s, v)|]; } }",
                Usings + "class C { async Task M(Stream s, int[] v, CancellationToken ct) { await System.Text.Json.JsonSerializer.SerializeAsync(s, v, cancellationToken: ct); } }",
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_GenericMethod_KeepsTypeArguments()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int[]?> M(Stream s) { return [|System.Text.Json.JsonSerializer.Deserialize<int[]>(s)|]; } }",
                Usings + "class C { async Task<int[]?> M(Stream s) { return await System.Text.Json.JsonSerializer.DeserializeAsync<int[]>(s); } }");
        }

        [Fact]
        public Task Fix_MemberAccessOnResult_IsParenthesized()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(StreamReader r) { return [|r.ReadToEnd()|].Length; } }",
                Usings + "class C { async Task<int> M(StreamReader r) { return (await r.ReadToEndAsync()).Length; } }");
        }

        [Fact]
        public Task Fix_KeepsConfigureAwaitFalse_WhenTheMethodUsesIt()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(Stream source, Stream target)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        [|source.CopyTo(target)|];
                        await target.FlushAsync().ConfigureAwait(false);
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task M(Stream source, Stream target)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await source.CopyToAsync(target).ConfigureAwait(false);
                        await target.FlushAsync().ConfigureAwait(false);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_TopLevelStatements()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "var text = [|File.ReadAllText(args[0])|];\nawait Console.Out.WriteLineAsync(text);\n",
                FixedCode = Usings + "var text = await File.ReadAllTextAsync(args[0]);\nawait Console.Out.WriteLineAsync(text);\n",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_SpanOverload_AwaitsTheMemoryOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(Stream s, byte[] buffer) { var n = [|s.Read(buffer)|]; [|s.Write(buffer)|]; return n; } }",
                Usings + "class C { async Task<int> M(Stream s, byte[] buffer) { var n = await s.ReadAsync(buffer); await s.WriteAsync(buffer); return n; } }");
        }

        [Fact]
        public Task Fix_SpanArgument_IsReportedWithoutFix()
        {
            var source = Usings + "class C { async Task M(Stream s, byte[] buffer) { [|s.Write(buffer.AsSpan(1))|]; } }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_OverrideWithoutToken_BindsTheBaseOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(FileStream s) { [|s.Flush()|]; } }",
                Usings + "class C { async Task M(FileStream s) { await s.FlushAsync(); } }");
        }

        [Fact]
        public Task Fix_NotOfferedForConditionalAccess()
        {
            var source = Usings + "class C { async Task M(StreamReader? r) { var t = r?[|.ReadToEnd()|]; } }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NoConfigureAwait_WhenTheMethodMixes()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Stream s) { await Task.Delay(1).ConfigureAwait(false); await Task.Delay(1); [|s.Flush()|]; } }",
                Usings + "class C { async Task M(Stream s) { await Task.Delay(1).ConfigureAwait(false); await Task.Delay(1); await s.FlushAsync(); } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    public Task<string> LoadAsync(string path)
                    {
                        if (path.Length == 0)
                        {
                            return Task.FromResult("");
                        }

                        var text = [|File.ReadAllText(path)|];
                        return Task.FromResult(text.Trim());
                    }
                }
                """,
                Usings + """
                class C
                {
                    public async Task<string> LoadAsync(string path)
                    {
                        if (path.Length == 0)
                        {
                            return "";
                        }

                        var text = await File.ReadAllTextAsync(path);
                        return text.Trim();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ExtensionCounterpart()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Repository { public void Flush() { } }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository, CancellationToken cancellationToken = default) => Task.CompletedTask; }
                class C { async Task M(Repository repository, CancellationToken token) { [|repository.Flush()|]; } }
                """,
                Usings + """
                class Repository { public void Flush() { } }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository, CancellationToken cancellationToken = default) => Task.CompletedTask; }
                class C { async Task M(Repository repository, CancellationToken token) { await repository.FlushAsync(token); } }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_SameNameOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return [|cache.Get("k")|] + 1; } }
                """,
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return await cache.Get("k", ct) + 1; } }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken_WithoutTokenPassesNone()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return [|cache.Get("k")|]; } }
                """,
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return await cache.Get("k", CancellationToken.None); } }
                """,
                UseAsyncCounterpartFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken_NoneAddsItsUsing()
        {
            return Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                namespace Data
                {
                    public class Cache
                    {
                        public int Get(string key) => 1;
                        public Task<int> GetAsync(string key, System.Threading.CancellationToken cancellationToken) => Task.FromResult(1);
                    }
                }
                class C { async Task<int> M(Data.Cache cache) { return [|cache.Get("k")|]; } }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                namespace Data
                {
                    public class Cache
                    {
                        public int Get(string key) => 1;
                        public Task<int> GetAsync(string key, System.Threading.CancellationToken cancellationToken) => Task.FromResult(1);
                    }
                }
                class C { async Task<int> M(Data.Cache cache) { return await cache.GetAsync("k", CancellationToken.None); } }
                """);
        }

        [Fact]
        public Task Fix_NotOfferedWhenTheOwnerCannotBecomeAsync()
        {
            var source = Usings + """
                class C
                {
                    Task M(string p)
                    {
                        Span<int> buffer = stackalloc int[4];
                        [|File.ReadAllText(p)|];
                        return Task.CompletedTask;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }
    }
}
