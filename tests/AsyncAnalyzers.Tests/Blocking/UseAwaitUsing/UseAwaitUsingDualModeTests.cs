using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC104 inside a dual-mode function (<c>async Task WriteCore(bool async, ...)</c> behind a synchronous and an
    /// asynchronous API): the fix keeps the synchronous mode's <c>Dispose()</c> and awaits <c>DisposeAsync()</c> only in the
    /// async mode; a site with no faithful two-mode rewrite is reported with no fix and says why.
    /// </summary>
    public class UseAwaitUsingDualModeTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static DiagnosticResult Diagnostic(string type, string advice)
            => Verify.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments(type, advice);

        /// <summary>The fix applied to <paramref name="source"/> gives <paramref name="fixedSource"/>, the diagnostics stated exactly.</summary>
        private static Task VerifyFix(string source, DiagnosticResult[] expected, string fixedSource, params DiagnosticResult[] remaining)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(remaining);
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- fixes that keep both modes

        [Fact]
        public Task UsingDeclaration_RestOfTheBlockGoesInATryWhoseFinallyKeepsBothModes()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path, byte[] b)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        // the output file
                        using var [|f = new FileStream(path, FileMode.Create)|];
                        if (async) await f.WriteAsync(b, 0, b.Length); else f.Write(b, 0, b.Length);
                        var written = b.Length;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path, byte[] b)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        // the output file
                        var f = new FileStream(path, FileMode.Create);
                        try
                        {
                            if (async) await f.WriteAsync(b, 0, b.Length); else f.Write(b, 0, b.Length);
                            var written = b.Length;
                        }
                        finally
                        {
                            if (async)
                                await f.DisposeAsync();
                            else
                                f.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task UsingStatement_IsSplicedIntoItsBlock()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s)
                    {
                        using (var [|w = new StreamWriter(s)|])
                        {
                            if (async) await w.WriteAsync("x"); else w.Write("x");
                        }

                        s.Position = 0;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s)
                    {
                        var w = new StreamWriter(s);
                        try
                        {
                            if (async) await w.WriteAsync("x"); else w.Write("x");
                        }
                        finally
                        {
                            if (async)
                                await w.DisposeAsync();
                            else
                                w.Dispose();
                        }

                        s.Position = 0;
                    }
                }
                """);

        [Fact]
        public Task UsingStatementWhoseNameIsUsedAgainInTheBlock_KeepsItsOwnBraces()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s)
                    {
                        using (var [|w = new StreamWriter(s)|])
                        {
                            if (async) await w.WriteAsync("x"); else w.Write("x");
                        }

                        for (var w = 0; w < 1; w++) { }
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s)
                    {
                        {
                            var w = new StreamWriter(s);
                            try
                            {
                                if (async) await w.WriteAsync("x"); else w.Write("x");
                            }
                            finally
                            {
                                if (async)
                                    await w.DisposeAsync();
                                else
                                    w.Dispose();
                            }
                        }

                        for (var w = 0; w < 1; w++) { }
                    }
                }
                """);

        [Fact]
        public Task UsingStatementOverAParameter_DisposesItInAFinallyWithANullCheck()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task CloseCore(bool async, FileStream s)
                    {
                        using ([|s|])
                        {
                            if (async) await s.FlushAsync(); else s.Flush();
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task CloseCore(bool async, FileStream s)
                    {
                        try
                        {
                            if (async) await s.FlushAsync(); else s.Flush();
                        }
                        finally
                        {
                            if (s != null)
                            {
                                if (async)
                                    await s.DisposeAsync();
                                else
                                    s.Dispose();
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task DisposeCall_KeepsBothModes()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task CloseCore(bool async, FileStream s)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        [|s.Dispose()|]; // done
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task CloseCore(bool async, FileStream s)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        if (async)
                            await s.DisposeAsync();
                        else
                            s.Dispose(); // done
                    }
                }
                """);

        [Fact]
        public Task FlagThatSelectsTheSynchronousMode_IsNegated_AndConfigureAwaitIsKept()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task CloseCore(bool sync, FileStream s)
                    {
                        if (sync) s.Flush(); else await s.FlushAsync().ConfigureAwait(false);
                        [|s.Dispose()|];
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task CloseCore(bool sync, FileStream s)
                    {
                        if (sync) s.Flush(); else await s.FlushAsync().ConfigureAwait(false);
                        if (!sync)
                            await s.DisposeAsync().ConfigureAwait(false);
                        else
                            s.Dispose();
                    }
                }
                """);

        [Fact]
        public Task SeveralDeclarators_NestInDeclarationOrder_AndAMaybeNullOneIsChecked()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    static FileStream? Open(string p) => null;

                    async Task CopyCore(bool async, string from, string to)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        using FileStream? [|a = new FileStream(from, FileMode.Open)|], [|b = Open(to)|];
                        a!.CopyTo(b!);
                    }
                }
                """,
                Usings + """
                class C
                {
                    static FileStream? Open(string p) => null;

                    async Task CopyCore(bool async, string from, string to)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        FileStream? a = new FileStream(from, FileMode.Open);
                        try
                        {
                            FileStream? b = Open(to);
                            try
                            {
                                a!.CopyTo(b!);
                            }
                            finally
                            {
                                if (b != null)
                                {
                                    if (async)
                                        await b.DisposeAsync();
                                    else
                                        b.Dispose();
                                }
                            }
                        }
                        finally
                        {
                            if (async)
                                await a.DisposeAsync();
                            else
                                a.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task FixAll_SeveralSitesInOneDualModeMethod()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task ExportCore(bool async, string path, Stream source)
                    {
                        using var [|target = new FileStream(path, FileMode.Create)|];
                        using (var [|writer = new StreamWriter(target)|])
                        {
                            if (async) await writer.WriteAsync("h"); else writer.Write("h");
                        }

                        var copy = new FileStream(path + ".bak", FileMode.Create);
                        if (async) await source.CopyToAsync(copy); else source.CopyTo(copy);
                        [|copy.Dispose()|];
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task ExportCore(bool async, string path, Stream source)
                    {
                        var target = new FileStream(path, FileMode.Create);
                        try
                        {
                            var writer = new StreamWriter(target);
                            try
                            {
                                if (async) await writer.WriteAsync("h"); else writer.Write("h");
                            }
                            finally
                            {
                                if (async)
                                    await writer.DisposeAsync();
                                else
                                    writer.Dispose();
                            }

                            var copy = new FileStream(path + ".bak", FileMode.Create);
                            if (async) await source.CopyToAsync(copy); else source.CopyTo(copy);
                            if (async)
                                await copy.DisposeAsync();
                            else
                                copy.Dispose();
                        }
                        finally
                        {
                            if (async)
                                await target.DisposeAsync();
                            else
                                target.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public async Task BothModesFix_KeepsBehaviourInBothModes()
        {
            const string Original = """
                using System;
                using System.IO;
                using System.Threading.Tasks;
                public static class Program
                {
                    static async Task WriteCore(bool async, string path)
                    {
                        if (async) await Task.Delay(1); else System.Threading.Thread.Sleep(1);
                        using var writer = new StreamWriter(path);
                        if (async) await writer.WriteAsync("mode " + async); else writer.Write("mode " + async);
                    }

                    public static async Task Main()
                    {
                        var path = Path.GetTempFileName();
                        WriteCore(false, path).GetAwaiter().GetResult();
                        Console.WriteLine(File.ReadAllText(path));
                        await WriteCore(true, path);
                        Console.WriteLine(File.ReadAllText(path));
                        File.Delete(path);
                    }
                }
                """;
            var fixedSource = Original.Replace(
                "using var writer = new StreamWriter(path);\n        if (async) await writer.WriteAsync(\"mode \" + async); else writer.Write(\"mode \" + async);",
                "var writer = new StreamWriter(path);\n        try { if (async) await writer.WriteAsync(\"mode \" + async); else writer.Write(\"mode \" + async); }\n        finally { if (async) await writer.DisposeAsync(); else writer.Dispose(); }");
            Assert.NotEqual(Original, fixedSource);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Original, fixedSource);
            Assert.Equal("mode False\nmode True\n", outcome.Output.Replace("\r\n", "\n"));
        }

        // ---------------------------------------------------------------- today's fix where only one mode runs the site

        [Fact]
        public Task SiteOnTheAsyncBranch_GetsThePlainAwaitUsing()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (async)
                        {
                            using var [|w = new StreamWriter(path)|];
                            await w.WriteAsync("x");
                        }
                        else
                        {
                            File.WriteAllText(path, "x");
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (async)
                        {
                            await using var w = new StreamWriter(path);
                            await w.WriteAsync("x");
                        }
                        else
                        {
                            File.WriteAllText(path, "x");
                        }
                    }
                }
                """);

        [Fact]
        public Task SiteAfterAnEarlySynchronousExit_GetsThePlainAwaitUsing()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (!async)
                        {
                            File.WriteAllText(path, "x");
                            return;
                        }

                        using var [|w = new StreamWriter(path)|];
                        await w.WriteAsync("x");
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (!async)
                        {
                            File.WriteAllText(path, "x");
                            return;
                        }

                        await using var w = new StreamWriter(path);
                        await w.WriteAsync("x");
                    }
                }
                """);

        [Fact]
        public Task NotADualModeMethod_KeepsTheUnconditionalFix()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool append, string path)
                    {
                        if (append) await Task.Yield();
                        using var [|w = new StreamWriter(path, append)|];
                        await w.WriteAsync("x");
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool append, string path)
                    {
                        if (append) await Task.Yield();
                        await using var w = new StreamWriter(path, append);
                        await w.WriteAsync("x");
                    }
                }
                """);

        [Fact]
        public Task FlagOfAnEnclosingMethod_DoesNotMakeAnAsyncLambdaDualMode()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        Func<Task> later = async () =>
                        {
                            using var [|w = new StreamWriter(path)|];
                            await w.WriteAsync("x");
                        };
                        await later();
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        Func<Task> later = async () =>
                        {
                            await using var w = new StreamWriter(path);
                            await w.WriteAsync("x");
                        };
                        await later();
                    }
                }
                """);

        // ---------------------------------------------------------------- not reported, or reported with no fix

        [Fact]
        public Task SiteOnlyTheSynchronousModeRuns_IsNotReported()
            => Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        if (async)
                        {
                            await File.WriteAllTextAsync(path, "x");
                            return;
                        }

                        using var w = new StreamWriter(path);
                        w.Write("x");
                    }

                    async Task CloseCore(bool async, FileStream s)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        if (!async)
                        {
                            using (var w = new StreamWriter(s)) { w.Write("x"); }
                        }
                    }
                }
                """);

        [Theory]
        [InlineData("if (async) { await s.FlushAsync(); } else { s.Flush(); s.Dispose(); }")]
        [InlineData("if (async) await s.FlushAsync(); else s.Flush(); if (!async) s.Dispose();")]
        [InlineData("if (!async) { s.Flush(); s.Dispose(); return; } await s.FlushAsync();")]
        public Task DisposeCallOnlyTheSynchronousModeRuns_IsNotReported(string body)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task CloseCore(bool async, FileStream s) { " + body + " } }");

        [Fact]
        public Task ResourceThatIsAnExpression_IsReportedWithNoFixAndSaysWhy()
        {
            var source = Usings + """
                class C
                {
                    static FileStream Open(string p) => new FileStream(p, FileMode.Create);

                    async Task WriteCore(bool async, string path)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        using ({|#0:Open(path)|})
                        {
                        }
                    }
                }
                """;
            return VerifyFix(
                source,
                new[] { Diagnostic("FileStream", "use 'await using' when 'async' and keep 'Dispose()' for the synchronous mode (no automatic fix: the resource is an expression, not a local; declare it in a local first)") },
                source);
        }

        [Fact]
        public Task BodyThatAssignsTheResource_IsReportedWithNoFix()
        {
            var source = Usings + """
                class C
                {
                    async Task WriteCore(bool async, FileStream s, string other)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        using ({|#0:s|})
                        {
                            s = new FileStream(other, FileMode.Create);
                        }
                    }
                }
                """;
            return VerifyFix(
                source,
                new[] { Diagnostic("FileStream", "use 'await using' when 'async' and keep 'Dispose()' for the synchronous mode (no automatic fix: the body assigns the resource's variable)") },
                source);
        }

        [Fact]
        public Task UsingStatementInASwitchSection_GetsItsOwnBlock()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path, int kind)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        switch (kind)
                        {
                            case 1:
                                using (var [|w = new StreamWriter(File.OpenWrite(path))|]) { }
                                break;
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path, int kind)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        switch (kind)
                        {
                            case 1:
                                {
                                    var w = new StreamWriter(File.OpenWrite(path));
                                    try
                                    { }
                                    finally
                                    {
                                        if (async)
                                            await w.DisposeAsync();
                                        else
                                            w.Dispose();
                                    }
                                }
                                break;
                        }
                    }
                }
                """);

        [Fact]
        public Task UsingDeclarationFollowedByALocalFunction_IsReportedWithNoFix()
        {
            var source = Usings + """
                class C
                {
                    async Task WriteCore(bool async, string path)
                    {
                        Log();
                        using var {|#0:f = new FileStream(path, FileMode.Create)|};
                        if (async) await f.FlushAsync(); else f.Flush();

                        void Log() { }
                    }
                }
                """;
            return VerifyFix(
                source,
                new[] { Diagnostic("FileStream", "use 'await using' when 'async' and keep 'Dispose()' for the synchronous mode (no automatic fix: a local function is declared after it in the same block)") },
                source);
        }

        [Fact]
        public Task ExplicitlyImplementedDispose_IsReportedWithNoFix()
        {
            var source = Usings + """
                sealed class Sink : IDisposable, IAsyncDisposable
                {
                    void IDisposable.Dispose() { }
                    public ValueTask DisposeAsync() => default;
                }

                class C
                {
                    async Task WriteCore(bool async, Sink sink)
                    {
                        if (async) await Task.Delay(1); else Thread.Sleep(1);
                        using ({|#0:sink|}) { }
                    }
                }
                """;
            return VerifyFix(
                source,
                new[] { Diagnostic("Sink", "use 'await using' when 'async' and keep 'Dispose()' for the synchronous mode (no automatic fix: the type implements Dispose or DisposeAsync explicitly)") },
                source);
        }
    }
}
