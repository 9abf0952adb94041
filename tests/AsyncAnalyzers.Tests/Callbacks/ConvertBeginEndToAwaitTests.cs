using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertBeginEndToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertBeginEndToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public class ConvertBeginEndToAwaitTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Net;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>An APM-only type: Begin/End and no Task-returning counterpart.</summary>
        private const string Legacy = """

            public sealed class Legacy
            {
                public IAsyncResult BeginCompute(int x, AsyncCallback? callback, object? state)
                {
                    var source = new TaskCompletionSource<int>(state);
                    Task.Run(() => { source.SetResult(x * 2); callback?.Invoke(source.Task); });
                    return source.Task;
                }

                public int EndCompute(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
            }
            """;

        private static async Task VerifyFixAndBehaviourAsync(string source, string fixedSource)
        {
            await Verify.VerifyCodeFixAsync(source, fixedSource, ConvertBeginEndToAwaitFixer.AwaitKey);
            await ExecutionVerifier.AssertSameBehaviourAsync(CallbackTestSources.WithoutMarkup(source), fixedSource);
        }

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("void M(Stream s, byte[] b) { s.{|#0:BeginRead(b, 0, b.Length, ar => s.EndRead(ar), null)|}; }", "BeginRead", "EndRead")]
        [InlineData("void M(Stream s, byte[] b) { s.{|#0:BeginWrite(b, 0, b.Length, delegate (IAsyncResult ar) { s.EndWrite(ar); }, s)|}; }", "BeginWrite", "EndWrite")]
        [InlineData("void M(Stream s, byte[] b) { s.{|#0:BeginRead(b, 0, b.Length, OnRead, s)|}; } void OnRead(IAsyncResult ar) { }", "BeginRead", "EndRead")]
        [InlineData("void M() { Dns.{|#0:BeginGetHostAddresses(\"localhost\", ar => Dns.EndGetHostAddresses(ar), null)|}; }", "BeginGetHostAddresses", "EndGetHostAddresses")]
        [InlineData("async Task M(FileStream s, byte[] b) { await Task.Yield(); s.{|#0:BeginRead(b, 0, 1, ar => { if (s.EndRead(ar) > 0) Console.WriteLine(); }, null)|}; }", "BeginRead", "EndRead")]
        public Task BeginWithCallback_IsReported(string member, string begin, string end)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic(DiagnosticIds.ApmCallback).WithLocation(0).WithArguments(begin, end));
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("int M(Stream s, byte[] b) { var ar = s.BeginRead(b, 0, 1, null, null); return s.EndRead(ar); }")]
        [InlineData("void M(Stream s, byte[] b) { s.BeginRead(b, 0, 1, ar => Console.WriteLine(ar.IsCompleted), null); }")]
        [InlineData("void M(Stream s, byte[] b, AsyncCallback callback) { s.BeginRead(b, 0, 1, callback, null); }")]
        [InlineData("async Task<int> M(Stream s, byte[] b) => await s.ReadAsync(b, 0, b.Length);")]
        [InlineData("void M(Action<int> a) { BeginWork(1, () => { }); } void BeginWork(int x, Action done) { }")]
        [InlineData("void M() { BeginOnly(ar => { }, null); } IAsyncResult BeginOnly(AsyncCallback c, object s) => Task.CompletedTask;")]
        [InlineData("Task<int> M(Stream s, byte[] b) => Task.Factory.FromAsync(s.BeginRead, s.EndRead, b, 0, b.Length, null);")]
        [InlineData("IAsyncResult M(Stream s, byte[] b) => s.BeginRead(b, 0, 1, null, null);")]
        [InlineData("void M(Stream s, byte[] b) { s.BeginWrite(b, 0, 1, null, null).AsyncWaitHandle.WaitOne(); }")]
        [InlineData("void M(Stream s, byte[] b) { s.BeginRead(b, 0, 1, ar => { }, null); }")]
        [InlineData("string M() => nameof(Stream.BeginRead);")]
        [InlineData("async Task M(Stream s, byte[] b) { await s.WriteAsync(b, 0, b.Length); }")]
        [InlineData("IAsyncResult M(Func<int, int> f) => f.BeginInvoke(1, null, null);")]
        [InlineData("void M(Stream s, byte[] b) { AsyncCallback cb = ar => s.EndRead(ar); }")]
        [InlineData("void M(Stream s) { s.Flush(); }")]
        [InlineData("Task M(Stream s, byte[] b) => Task.Factory.FromAsync(s.BeginWrite, s.EndWrite, b, 0, b.Length, null);")]
        [InlineData("void M(Stream s, byte[] b) { var ar = s.BeginRead(b, 0, 1, null, null); ar.AsyncWaitHandle.WaitOne(); s.EndRead(ar); }")]
        [InlineData("void M(Action<IAsyncResult> a) { a(null!); }")]
        public Task NotAnApmCallback_IsNotReported(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Usings + "class C { void M(Stream s, byte[] b) { s.BeginRead(b, 0, 1, ar => s.EndRead(ar), null); } }");
        }

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_StreamBeginRead_BecomesAwaitReadAsync()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        var stream = new MemoryStream(new byte[] { 1, 2, 3, 4 });
                        ReadAll(stream, new byte[8]);
                        await Done.Task;
                        Console.Write("end");
                    }

                    static void ReadAll(Stream stream, byte[] buffer)
                    {
                        stream.[|BeginRead(buffer, 0, buffer.Length, ar =>
                        {
                            var read = stream.EndRead(ar);
                            Console.Write("read " + read + ";");
                            Done.SetResult();
                        }, null)|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        var stream = new MemoryStream(new byte[] { 1, 2, 3, 4 });
                        ReadAll(stream, new byte[8]);
                        await Done.Task;
                        Console.Write("end");
                    }

                    static async Task ReadAll(Stream stream, byte[] buffer)
                    {
                        var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                        Console.Write("read " + read + ";");
                        Done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_VoidEnd_BecomesAwaitWriteAsync()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        var stream = new MemoryStream();
                        Save(stream, new byte[] { 1, 2, 3 });
                        await Done.Task;
                        Console.Write(stream.Length);
                    }

                    static void Save(Stream stream, byte[] data)
                    {
                        stream.[|BeginWrite(data, 0, data.Length, ar => { stream.EndWrite(ar); Done.SetResult(); }, null)|];
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        var stream = new MemoryStream();
                        Save(stream, new byte[] { 1, 2, 3 });
                        await Done.Task;
                        Console.Write(stream.Length);
                    }

                    static async Task Save(Stream stream, byte[] data)
                    {
                        await stream.WriteAsync(data, 0, data.Length); Done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_NoTaskCounterpart_UsesFromAsync()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute(new Legacy());
                        await Done.Task;
                    }

                    static void Compute(Legacy legacy)
                    {
                        legacy.[|BeginCompute(21, ar =>
                        {
                            Console.Write(legacy.EndCompute(ar));
                            Done.SetResult();
                        }, null)|];
                    }
                }
                """ + Legacy,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute(new Legacy());
                        await Done.Task;
                    }

                    static async Task Compute(Legacy legacy)
                    {
                        Console.Write(await Task.Factory.FromAsync<int, int>(legacy.BeginCompute, legacy.EndCompute, 21, null));
                        Done.SetResult();
                    }
                }
                """ + Legacy);
        }

        [Fact]
        public Task Fix_MethodGroupCallbackWithStreamAsState_IsInlinedAndRemoved()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();
                    static readonly byte[] Buffer = new byte[8];

                    public static async Task Main()
                    {
                        Read(new MemoryStream(new byte[] { 7, 8, 9 }));
                        await Done.Task;
                    }

                    static void Read(Stream stream)
                    {
                        stream.[|BeginRead(Buffer, 0, Buffer.Length, OnRead, stream)|];
                    }

                    static void OnRead(IAsyncResult ar)
                    {
                        var read = ((Stream)ar.AsyncState!).EndRead(ar);
                        Console.Write("read " + read + " from " + ar.AsyncState!.GetType().Name);
                        Done.SetResult();
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();
                    static readonly byte[] Buffer = new byte[8];

                    public static async Task Main()
                    {
                        Read(new MemoryStream(new byte[] { 7, 8, 9 }));
                        await Done.Task;
                    }

                    static async Task Read(Stream stream)
                    {
                        var read = await stream.ReadAsync(Buffer, 0, Buffer.Length);
                        Console.Write("read " + read + " from " + stream!.GetType().Name);
                        Done.SetResult();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_EventHandler_StaysAsyncVoid()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Form
                {
                    readonly Stream stream = Stream.Null;
                    readonly byte[] buffer = new byte[16];

                    void OnClick(object sender, EventArgs e)
                    {
                        stream.[|BeginRead(buffer, 0, buffer.Length, ar => Console.WriteLine(stream.EndRead(ar)), null)|];
                    }
                }
                """,
                Usings + """
                class Form
                {
                    readonly Stream stream = Stream.Null;
                    readonly byte[] buffer = new byte[16];

                    async void OnClick(object sender, EventArgs e)
                    {
                        Console.WriteLine(await stream.ReadAsync(buffer, 0, buffer.Length));
                    }
                }
                """,
                ConvertBeginEndToAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task FixAll_SeveralMethods()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    void A(Stream s, byte[] b) { s.[|BeginRead(b, 0, 4, ar => Console.WriteLine(s.EndRead(ar)), null)|]; }

                    void B(Stream s, byte[] b) { s.[|BeginWrite(b, 0, 4, ar => s.EndWrite(ar), null)|]; }
                }
                """,
                Usings + """
                class C
                {
                    async Task A(Stream s, byte[] b) { Console.WriteLine(await s.ReadAsync(b, 0, 4)); }

                    async Task B(Stream s, byte[] b) { await s.WriteAsync(b, 0, 4); }
                }
                """,
                ConvertBeginEndToAwaitFixer.AwaitKey);
        }

        // ---------------------------------------------------------------- reported without a fix

        [Theory]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => s.EndRead(ar), null)|]; Console.WriteLine(); }")]
        [InlineData("Task M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => s.EndRead(ar), null)|]; return Task.CompletedTask; }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => { Console.WriteLine(); s.EndRead(ar); }, null)|]; }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => { s.EndRead(ar); Console.WriteLine(ar.AsyncState); }, Guid.NewGuid())|]; }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, OnRead, s)|]; s.[|BeginRead(b, 0, 1, OnRead, s)|]; } void OnRead(IAsyncResult ar) { ((Stream)ar.AsyncState!).EndRead(ar); }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, OnRead, s)|]; } public void OnRead(IAsyncResult ar) { ((Stream)ar.AsyncState!).EndRead(ar); }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, OnRead, null)|]; } void OnRead(IAsyncResult ar) { b.ToString(); ((Stream)ar.AsyncState!).EndRead(ar); } byte[] b = new byte[1];")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, OnRead, b)|]; } void OnRead(IAsyncResult ar) { ((Stream)ar.AsyncState!).EndRead(ar); }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => s.EndRead(ar), Guid.NewGuid())|]; }")]
        [InlineData("void M(Func<Stream> f, byte[] b) { f().[|BeginRead(b, 0, 1, ar => f().EndRead(ar), null)|]; }")]
        [InlineData("void M(Stream s, Stream other, byte[] b) { s.[|BeginRead(b, 0, 1, ar => other.EndRead(ar), null)|]; }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, OnRead, s)|]; } void OnRead(IAsyncResult ar) { }")]
        [InlineData("void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, 1, ar => { try { s.EndRead(ar); } catch (IOException) { } }, null)|]; }")]
        [InlineData("void M(Stream s, byte[] b) { Action a = () => s.[|BeginRead(b, 0, 1, ar => s.EndRead(ar), null)|]; }")]
        [InlineData("void M(Stream s, byte[] b) { var n = 0; s.[|BeginRead(b, 0, 1, ar => { var n = s.EndRead(ar); }, null)|]; }")]
        public Task ShapeWithoutSafeRewrite_IsReportedWithoutFix(string member)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyCodeFixAsync(source, source, ConvertBeginEndToAwaitFixer.AwaitKey);
        }
    }
}
