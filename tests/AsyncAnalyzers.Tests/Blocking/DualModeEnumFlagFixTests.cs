using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Xunit;
using Counterpart = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;
using Disposal = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// The flag of a dual-mode function when it is a two-valued enum (<c>io == IO.Asynchronous</c>), or when the function only
    /// hands its flag on to a dual-mode method (<c>await ReadCore(s, io)</c>): the fixes keep both modes with the flag's own
    /// test, a call that passes the synchronous member runs the callee synchronously, and a site only the synchronous mode
    /// runs is not reported.
    /// </summary>
    public class DualModeEnumFlagFixTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string Mode = "\nenum IO { Synchronous, Asynchronous }\n";

        [Fact]
        public Task CounterpartCallInAnEnumDualModeMethod_KeepsBothModes()
            => Counterpart.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(IO io, Stream s, byte[] b)
                    {
                        if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush();
                        [|s.Write(b, 0, b.Length)|];
                    }
                }
                """ + Mode,
                Usings + """
                class C
                {
                    async Task WriteCore(IO io, Stream s, byte[] b)
                    {
                        if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush();
                        if (io == IO.Asynchronous)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length);
                    }
                }
                """ + Mode);

        [Fact]
        public Task FlagTestedAgainstTheSynchronousMember_IsWrittenWithTheAsynchronousOne()
            => Counterpart.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task WriteCore(IO io, Stream s, byte[] b)
                    {
                        if (io == IO.Synchronous) s.Flush(); else await s.FlushAsync();
                        [|s.Write(b, 0, b.Length)|];
                    }
                }
                """ + Mode,
                Usings + """
                class C
                {
                    async Task WriteCore(IO io, Stream s, byte[] b)
                    {
                        if (io == IO.Synchronous) s.Flush(); else await s.FlushAsync();
                        if (io == IO.Asynchronous)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length);
                    }
                }
                """ + Mode);

        [Fact]
        public Task CounterpartCallInAFunctionThatHandsItsFlagOn_KeepsBothModes()
            => Counterpart.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task Save(bool async, Stream s, byte[] b)
                    {
                        [|s.Write(b, 0, b.Length)|];
                        await FlushCore(async, s);
                    }

                    async Task FlushCore(bool async, Stream s) { if (async) await s.FlushAsync(); else s.Flush(); }
                }
                """,
                Usings + """
                class C
                {
                    async Task Save(bool async, Stream s, byte[] b)
                    {
                        if (async)
                            await s.WriteAsync(b, 0, b.Length);
                        else
                            s.Write(b, 0, b.Length);
                        await FlushCore(async, s);
                    }

                    async Task FlushCore(bool async, Stream s) { if (async) await s.FlushAsync(); else s.Flush(); }
                }
                """);

        [Fact]
        public Task UsingInAFunctionThatHandsAnEnumFlagOnTwoLevels_KeepsBothModes()
            => Disposal.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task Save(IO io, string path)
                    {
                        using var [|f = new FileStream(path, FileMode.Create)|];
                        await Flush(f, io);
                    }

                    Task Flush(Stream s, IO io) => FlushCore(s, io);
                    async Task FlushCore(Stream s, IO io) { if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush(); }
                }
                """ + Mode,
                Usings + """
                class C
                {
                    async Task Save(IO io, string path)
                    {
                        var f = new FileStream(path, FileMode.Create);
                        try
                        {
                            await Flush(f, io);
                        }
                        finally
                        {
                            if (io == IO.Asynchronous)
                                await f.DisposeAsync();
                            else
                                f.Dispose();
                        }
                    }

                    Task Flush(Stream s, IO io) => FlushCore(s, io);
                    async Task FlushCore(Stream s, IO io) { if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush(); }
                }
                """ + Mode);

        [Fact]
        public Task UsingOnlyTheSynchronousModeRuns_IsNotReported()
            => Disposal.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task Save(IO io, string path)
                    {
                        if (io != IO.Asynchronous)
                        {
                            using var f = new FileStream(path, FileMode.Create);
                            f.Flush();
                            return;
                        }

                        await using var g = new FileStream(path, FileMode.Create);
                        await g.FlushAsync();
                    }
                }
                """ + Mode);

        [Theory]
        [InlineData("WriteCore(s, IO.Synchronous)")]
        [InlineData("Write(s, IO.Synchronous)")]
        public Task CallPassingTheSynchronousMember_IsKnownComplete(string call)
            => Waits.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    Task Write(Stream s, IO io) => WriteCore(s, io);
                    async Task WriteCore(Stream s, IO io) { if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush(); }
                    async Task Use(Stream s) { CALL.GetAwaiter().GetResult(); await Task.Yield(); }
                }
                """.Replace("CALL", call) + Mode);

        // ---------------------------------------------------------------- still reported, or no two-mode fix

        [Theory]
        [InlineData("WriteCore(s, IO.Asynchronous)")]
        [InlineData("Write(s, IO.Asynchronous)")]
        [InlineData("Other(s, Kind.A)")]
        public Task CallPassingTheAsynchronousMemberOrAnotherEnum_IsReported(string call)
        {
            var test = new Waits.Test
            {
                TestCode = Usings + """
                    class C
                    {
                        Task Write(Stream s, IO io) => WriteCore(s, io);
                        async Task WriteCore(Stream s, IO io) { if (io == IO.Asynchronous) await s.FlushAsync(); else s.Flush(); }
                        async Task Other(Stream s, Kind k) { if (k == Kind.B) await s.FlushAsync(); else s.Flush(); }
                        async Task Use(Stream s) { {|#0:CALL.GetAwaiter().GetResult()|}; await Task.Yield(); }
                    }
                    enum Kind { A, B, C }
                    """.Replace("CALL", call) + Mode,
            };
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task FlagHandedOnToAMethodThatIsNotDualMode_GetsThePlainFix()
            => Counterpart.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task Save(bool async, Stream s, byte[] b)
                    {
                        [|s.Write(b, 0, b.Length)|];
                        await Log(async, s);
                    }

                    async Task Log(bool verbose, Stream s) { if (verbose) await Task.Yield(); }
                }
                """,
                Usings + """
                class C
                {
                    async Task Save(bool async, Stream s, byte[] b)
                    {
                        await s.WriteAsync(b, 0, b.Length);
                        await Log(async, s);
                    }

                    async Task Log(bool verbose, Stream s) { if (verbose) await Task.Yield(); }
                }
                """);
    }
}
