using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Callbacks.ConvertBeginEndToAwaitAnalyzer,
    AsyncAnalyzers.CodeFixes.Callbacks.ConvertBeginEndToAwaitFixer>;

namespace AsyncAnalyzers.Tests.Callbacks
{
    public partial class ConvertBeginEndToAwaitTests
    {
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
        public Task Fix_StaticPairWithStaticTwin_AwaitsTheTwin()
        {
            return VerifyFixAndBehaviourAsync(
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute();
                        await Done.Task;
                    }

                    static void Compute()
                    {
                        StaticLegacy.[|BeginCompute(21, ar =>
                        {
                            Console.Write(StaticLegacy.EndCompute(ar));
                            Done.SetResult();
                        }, null)|];
                    }
                }
                """ + StaticTypes,
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute();
                        await Done.Task;
                    }

                    static async Task Compute()
                    {
                        Console.Write(await StaticLegacy.ComputeAsync(21));
                        Done.SetResult();
                    }
                }
                """ + StaticTypes);
        }

        [Fact]
        public Task Fix_StaticPairWithoutTwin_UsesFromAsync()
        {
            return VerifyFixAndBehaviourAsync(
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute();
                        await Done.Task;
                    }

                    static void Compute()
                    {
                        StaticOnly.[|BeginCompute(21, ar =>
                        {
                            Console.Write(StaticOnly.EndCompute(ar));
                            Done.SetResult();
                        }, null)|];
                    }
                }
                """ + StaticTypes,
                "#nullable enable\n" + Usings + """
                public static class Program
                {
                    static readonly TaskCompletionSource Done = new TaskCompletionSource();

                    public static async Task Main()
                    {
                        Compute();
                        await Done.Task;
                    }

                    static async Task Compute()
                    {
                        Console.Write(await Task.Factory.FromAsync<int, int>(StaticOnly.BeginCompute, StaticOnly.EndCompute, 21, null));
                        Done.SetResult();
                    }
                }
                """ + StaticTypes);
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
        public Task PrivateVoidMethod_IsReportedAndFixed_BaselineOfTheContractCases()
        {
            var source = Usings + "class C { void M(Stream s, byte[] b) { s.[|BeginRead(b, 0, b.Length, ar => s.EndRead(ar), null)|]; } }";
            var fixedSource = Usings + "class C { async Task M(Stream s, byte[] b) { await s.ReadAsync(b, 0, b.Length); } }";
            return Verify.VerifyCodeFixAsync(source, fixedSource, ConvertBeginEndToAwaitFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_AdapterWithTaskMethod_ReturnsTheTaskMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var read = await ReadAsync(new MemoryStream(new byte[] { 1, 2, 3 }), new byte[8]);
                        Console.Write("read " + read);
                    }

                    static Task<int> ReadAsync(Stream stream, byte[] buffer)
                    {
                        var source = new TaskCompletionSource<int>();
                        stream.[|BeginRead(buffer, 0, buffer.Length, ar =>
                        {
                            try
                            {
                                source.SetResult(stream.EndRead(ar));
                            }
                            catch (Exception e)
                            {
                                source.SetException(e);
                            }
                        }, null)|];
                        return source.Task;
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var read = await ReadAsync(new MemoryStream(new byte[] { 1, 2, 3 }), new byte[8]);
                        Console.Write("read " + read);
                    }

                    static Task<int> ReadAsync(Stream stream, byte[] buffer)
                    {
                        return stream.ReadAsync(buffer, 0, buffer.Length);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_AdapterWithoutTaskMethod_ReturnsFromAsync()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await ComputeAsync(new Legacy(), 21));
                    }

                    static Task<int> ComputeAsync(Legacy legacy, int x)
                    {
                        var source = new TaskCompletionSource<int>();
                        legacy.[|BeginCompute(x, ar =>
                        {
                            try { source.TrySetResult(legacy.EndCompute(ar)); }
                            catch (Exception e) { source.TrySetException(e); }
                        }, null)|];
                        return source.Task;
                    }
                }
                """ + Legacy,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        Console.Write(await ComputeAsync(new Legacy(), 21));
                    }

                    static Task<int> ComputeAsync(Legacy legacy, int x)
                    {
                        return Task.Factory.FromAsync<int, int>(legacy.BeginCompute, legacy.EndCompute, x, null);
                    }
                }
                """ + Legacy);
        }

        [Fact]
        public Task Fix_AdapterWithVoidEnd_ReturnsTheTaskMethod()
        {
            return VerifyFixAndBehaviourAsync(
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var stream = new MemoryStream();
                        await WriteAsync(stream, new byte[] { 1, 2 });
                        Console.Write("length " + stream.Length);
                    }

                    static Task WriteAsync(Stream stream, byte[] data)
                    {
                        var source = new TaskCompletionSource<bool>();
                        stream.[|BeginWrite(data, 0, data.Length, ar =>
                        {
                            try
                            {
                                stream.EndWrite(ar);
                                source.SetResult(true);
                            }
                            catch (Exception e)
                            {
                                source.SetException(e);
                            }
                        }, null)|];
                        return source.Task;
                    }
                }
                """,
                Usings + """
                public static class Program
                {
                    public static async Task Main()
                    {
                        var stream = new MemoryStream();
                        await WriteAsync(stream, new byte[] { 1, 2 });
                        Console.Write("length " + stream.Length);
                    }

                    static Task WriteAsync(Stream stream, byte[] data)
                    {
                        return stream.WriteAsync(data, 0, data.Length);
                    }
                }
                """);
        }
    }
}
