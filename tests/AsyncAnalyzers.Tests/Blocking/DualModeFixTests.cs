using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC103's fix inside a dual-mode function (one implementation behind a synchronous and an asynchronous API): a
    /// blocking call that the flag's split missed keeps both modes, <c>if (async) await XAsync(); else X();</c>, instead of an
    /// unconditional await that would change what the synchronous API does.
    /// </summary>
    public class DualModeFixTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        [Fact]
        public Task MissedCallStatementInADualModeMethod_KeepsBothModes()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s, byte[] b)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        // the payload
                        [|s.Write(b, 0, b.Length)|]; // trailing note
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s, byte[] b)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        // the payload
                        if (async)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length); // trailing note
                    }
                }
                """);

        [Fact]
        public Task MissedCallWhoseValueIsUsed_KeepsBothModesInAConditional()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task<int> ReadCore(bool async, Stream s, byte[] b, CancellationToken ct)
                    {
                        if (async) await s.FlushAsync(ct); else s.Flush();
                        var n = [|s.Read(b, 0, 1)|] + 1;
                        return n;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> ReadCore(bool async, Stream s, byte[] b, CancellationToken ct)
                    {
                        if (async) await s.FlushAsync(ct); else s.Flush();
                        var n = (async ? await s.ReadAsync(b, 0, 1, ct) : s.Read(b, 0, 1)) + 1;
                        return n;
                    }
                }
                """);

        [Fact]
        public Task FlagThatSelectsTheSynchronousMode_IsNegated()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool sync, Stream s, byte[] b)
                    {
                        if (sync) s.Flush(); else await s.FlushAsync();
                        [|s.Write(b, 0, b.Length)|];
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool sync, Stream s, byte[] b)
                    {
                        if (sync) s.Flush(); else await s.FlushAsync();
                        if (!sync)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length);
                    }
                }
                """);

        [Fact]
        public Task EarlySynchronousExit_GivesTheFlagItsMeaning()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(Stream s, byte[] b, bool async)
                    {
                        [|s.Write(b, 0, b.Length)|];
                        if (!async) { s.Flush(); return; }
                        await s.FlushAsync();
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(Stream s, byte[] b, bool async)
                    {
                        if (async)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length);
                        if (!async) { s.Flush(); return; }
                        await s.FlushAsync();
                    }
                }
                """);

        [Fact]
        public Task BoolParameterThatIsNoModeFlag_GetsThePlainFix()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task Save(bool verbose, Stream s, byte[] b)
                    {
                        if (verbose) Console.WriteLine("saving"); else await Task.Yield();
                        [|s.Write(b, 0, b.Length)|];
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task Save(bool verbose, Stream s, byte[] b)
                    {
                        if (verbose) Console.WriteLine("saving"); else await Task.Yield();
                        await s.WriteAsync(b, 0, b.Length);
                    }
                }
                """);

        [Fact]
        public Task FlagOfTheEnclosingMethodInsideALambda_GetsThePlainFix()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s, byte[] b, Func<Func<Task>, Task> run)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        await run(async () => { await Task.Yield(); [|s.Write(b, 0, b.Length)|]; });
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteCore(bool async, Stream s, byte[] b, Func<Func<Task>, Task> run)
                    {
                        if (async) await s.FlushAsync(); else s.Flush();
                        await run(async () => { await Task.Yield(); await s.WriteAsync(b, 0, b.Length); });
                    }
                }
                """);

        [Fact]
        public Task MissedCallInADualModeLocalFunction_KeepsBothModes()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<string> Run(TextReader r, bool async)
                    {
                        return Local(async);

                        async Task<string> Local(bool async)
                        {
                            if (async) await Task.Yield(); else Thread.Sleep(0);
                            if (async) await r.ReadLineAsync(); else r.ReadLine();
                            return [|r.ReadToEnd()|];
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    Task<string> Run(TextReader r, bool async)
                    {
                        return Local(async);

                        async Task<string> Local(bool async)
                        {
                            if (async) await Task.Yield(); else Thread.Sleep(0);
                            if (async) await r.ReadLineAsync(); else r.ReadLine();
                            return (async ? await r.ReadToEndAsync() : r.ReadToEnd());
                        }
                    }
                }
                """);

        [Fact]
        public Task MissedCallInALocalFunctionReadingItsMethodsFlag_KeepsBothModes()
            => Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<string> Run(TextReader r, bool async)
                    {
                        return Local();

                        async Task<string> Local()
                        {
                            if (async) await r.ReadLineAsync(); else r.ReadLine();
                            return $"rest: {[|r.ReadToEnd()|]}";
                        }
                    }
                }
                """,
                Usings + """
                class C
                {
                    Task<string> Run(TextReader r, bool async)
                    {
                        return Local();

                        async Task<string> Local()
                        {
                            if (async) await r.ReadLineAsync(); else r.ReadLine();
                            return $"rest: {(async ? await r.ReadToEndAsync() : r.ReadToEnd())}";
                        }
                    }
                }
                """);
    }
}
