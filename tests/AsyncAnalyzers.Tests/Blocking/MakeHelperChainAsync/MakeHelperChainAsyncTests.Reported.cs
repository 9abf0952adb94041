using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class MakeHelperChainAsyncTests
    {
        [Fact]
        public Task DirectHelper_IsReportedAtTheCallSite()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync() { {|#0:Pause()|}; await Task.Yield(); }
                    void Pause() { Thread.Sleep(100); }
                }
                """, Diagnostic(0, "Pause", "Pause -> Thread.Sleep"));
        }

        [Fact]
        public Task HelperWhoseNamesakeTwinIsOnAnotherType_IsReported()
        {
            // D.OpenAsync is no counterpart of C.Open: ASYNC103 does not cover the call, so ASYNC105 does.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync() { {|#0:Open()|}; await Task.Yield(); }
                    void Open() { Thread.Sleep(100); }
                }
                class D { public Task OpenAsync() => Task.CompletedTask; }
                """, Diagnostic(0, "Open", "Open -> Thread.Sleep"));
        }

        [Theory]
        [InlineData(2, "Step -> Pause1 -> Thread.Sleep")]
        [InlineData(3, "Step -> Pause1 -> Pause2 -> Thread.Sleep")]
        [InlineData(4, "Step -> Pause1 -> Pause2 -> Pause3 -> Thread.Sleep")]
        public Task ChainsOfAnyDepth_ShowTheWholeChain(int depth, string chain)
        {
            var helpers = "void Step() { Pause1(); }\n";
            for (var i = 1; i < depth; i++)
            {
                helpers += i == depth - 1
                    ? $"void Pause{i}() {{ Thread.Sleep(1); }}\n"
                    : $"void Pause{i}() {{ Pause{i + 1}(); }}\n";
            }

            return Verify.VerifyAnalyzerAsync(
                Usings + "class C {\nasync Task RunAsync() { {|#0:Step()|}; await Task.Yield(); }\n" + helpers + "}",
                Diagnostic(0, "Step", chain));
        }

        [Fact]
        public Task LongChain_IsShortenedInTheMessage()
        {
            var helpers = "";
            for (var i = 0; i < 10; i++)
            {
                helpers += $"static void H{i}() {{ H{i + 1}(); }}\n";
            }

            helpers += "static void H10() { Thread.Sleep(1); }\n";
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C {\nasync Task RunAsync() { {|#0:H0()|}; await Task.Yield(); }\n" + helpers + "}",
                Diagnostic(0, "H0", "H0 -> H1 -> H2 -> H3 -> H4 -> H5 -> ... -> Thread.Sleep"));
        }

        [Fact]
        public Task Cycles_AreResolved_AndTheShortestChainWins()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync(int n) { {|#0:Ping(n)|}; {|#1:Pong(n)|}; await Task.Yield(); }
                    void Ping(int n) { if (n > 0) Pong(n - 1); }
                    void Pong(int n) { if (n > 0) Ping(n - 1); else Thread.Sleep(5); }
                }
                """,
                Diagnostic(0, "Ping", "Ping -> Pong -> Thread.Sleep"),
                Diagnostic(1, "Pong", "Pong -> Thread.Sleep"));
        }

        [Fact]
        public Task PropertyGetter_IsAHelperToo()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    public string Value { get { Thread.Sleep(10); return "x"; } set { } }
                    public string Other => Load();
                    string Load() { Thread.Sleep(10); return "y"; }
                }
                class C
                {
                    async Task<string> RunAsync(Settings s)
                    {
                        await Task.Yield();
                        s.Value = "set";
                        return {|#0:s.Value|} + {|#1:s.Other|};
                    }
                }
                """,
                Diagnostic(0, "Value", "Value -> Thread.Sleep"),
                Diagnostic(1, "Other", "Other -> Load -> Thread.Sleep"));
        }

        [Fact]
        public Task OverloadsAndGenericMethods_AreTellApart()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync()
                    {
                        Log("fine");
                        {|#0:Log(1)|};
                        {|#1:Wait<int>(1)|};
                        {|#2:Wait("s")|};
                        await Task.Yield();
                    }
                    void Log(string message) { }
                    void Log(int delay) { Thread.Sleep(delay); }
                    T Wait<T>(T value) { Thread.Sleep(1); return value; }
                }
                """,
                Diagnostic(0, "Log", "Log -> Thread.Sleep"),
                Diagnostic(1, "Wait", "Wait -> Thread.Sleep"),
                Diagnostic(2, "Wait", "Wait -> Thread.Sleep"));
        }

        [Fact]
        public Task PartialClassesAndOtherFiles_AreFollowed()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "partial class C { async Task RunAsync() { {|#0:Helper()|}; await Task.Yield(); } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "partial class C { void Helper() { Util.Nap(); } }"));
            test.TestState.Sources.Add(("D.cs", Usings + "static class Util { public static void Nap() { Thread.Sleep(3); } }"));
            test.ExpectedDiagnostics.Add(Diagnostic(0, "Helper", "Helper -> Nap -> Thread.Sleep"));
            return test.RunAsync();
        }

        [Fact]
        public Task PartialMethods_UseTheImplementation()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                partial class C
                {
                    partial void OnSaving();
                    async Task SaveAsync() { {|#0:OnSaving()|}; await Task.Yield(); }
                }
                partial class C
                {
                    partial void OnSaving() { Thread.Sleep(1); }
                }
                """, Diagnostic(0, "OnSaving", "OnSaving -> Thread.Sleep"));
        }

        [Fact]
        public Task HelperWithSyncAndAsyncCallers_IsReportedOnlyOnTheAsyncPath()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    void Sync() { Pause(); }
                    async Task Async() { {|#0:Pause()|}; await Task.Yield(); }
                    Task TaskReturning() { {|#1:Pause()|}; return Task.CompletedTask; }
                    void Lambdas()
                    {
                        Func<Task> f = async () => {|#2:Pause()|};
                        Action a = () => Pause();
                    }
                    void Pause() => Thread.Sleep(1);
                }
                """,
                Diagnostic(0, "Pause", "Pause -> Thread.Sleep"),
                Diagnostic(1, "Pause", "Pause -> Thread.Sleep"),
                Diagnostic(2, "Pause", "Pause -> Thread.Sleep"));
        }

        [Fact]
        public Task ExtensionMethodsAndLocalFunctions_AreHelpers()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                static class Ext { public static void Nap(this string s) => Thread.Sleep(1); }
                class C
                {
                    async Task RunAsync(string s)
                    {
                        {|#0:s.Nap()|};
                        {|#1:Local()|};
                        await Task.Yield();
                        void Local() { Thread.Sleep(1); }
                    }
                }
                """,
                Diagnostic(0, "Nap", "Nap -> Thread.Sleep"),
                Diagnostic(1, "Local", "Local -> Thread.Sleep"));
        }

        [Fact]
        public Task InlineLambdas_BlockInTheHelper_AndAtTheCallSite()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync(List<int> items)
                    {
                        {|#0:Total(items)|};
                        var lengths = items.Select(i => {|#1:Slow(i)|}).ToList();
                        await Task.Yield();
                    }
                    int Total(List<int> items) => items.Sum(i => Slow(i));
                    int Slow(int i) { Thread.Sleep(i); return i; }
                    IEnumerable<int> Deferred(List<int> items) => items.Select(i => Slow(i));
                }
                """,
                Diagnostic(0, "Total", "Total -> Slow -> Thread.Sleep"),
                Diagnostic(1, "Slow", "Slow -> Thread.Sleep"));
        }

        [Fact]
        public Task SyncIoInHelpers_IsFollowed_AndTheTwinAwaitsTheAsyncCounterpart()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                using System.IO;
                class Settings
                {
                    public async Task<int> StartAsync(string path)
                    {
                        var text = [|LoadSettings(path)|];
                        await Task.Yield();
                        return text.Length;
                    }

                    string LoadSettings(string path)
                    {
                        var text = File.ReadAllText(path);
                        return text.Trim();
                    }
                }
                """, Usings + """
                using System.IO;
                class Settings
                {
                    public async Task<int> StartAsync(string path)
                    {
                        var text = await LoadSettingsAsync(path);
                        await Task.Yield();
                        return text.Length;
                    }

                    string LoadSettings(string path)
                    {
                        var text = File.ReadAllText(path);
                        return text.Trim();
                    }

                    async Task<string> LoadSettingsAsync(string path)
                    {
                        var text = await File.ReadAllTextAsync(path);
                        return text.Trim();
                    }
                }
                """);
        }

        [Fact]
        public Task SyncDisposeInHelpers_IsFollowed_AndTheTwinUsesAwaitUsing()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                using System.IO;
                class Report
                {
                    async Task SaveAsync(string path, byte[] data)
                    {
                        [|Write(path, data)|];
                        await Task.Yield();
                    }

                    void Write(string path, byte[] data)
                    {
                        // One file per report.
                        using var stream = new FileStream(path, FileMode.Create);
                        stream.Write(data, 0, data.Length);
                    }
                }
                """, Usings + """
                using System.IO;
                class Report
                {
                    async Task SaveAsync(string path, byte[] data)
                    {
                        await WriteAsync(path, data);
                        await Task.Yield();
                    }

                    void Write(string path, byte[] data)
                    {
                        // One file per report.
                        using var stream = new FileStream(path, FileMode.Create);
                        stream.Write(data, 0, data.Length);
                    }

                    async Task WriteAsync(string path, byte[] data)
                    {
                        // One file per report.
                        await using var stream = new FileStream(path, FileMode.Create);
                        await stream.WriteAsync(data, 0, data.Length);
                    }
                }
                """);
        }

        [Fact]
        public Task SyncIoChain_IsNamedInTheMessage()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                using System.IO;
                class Settings
                {
                    async Task StartAsync(CancellationToken token) { {|#0:Load()|}; await Task.Delay(1, token); }
                    void Load() { Parse(); }
                    void Parse() { using var reader = new StreamReader("settings.json"); reader.ReadToEnd(); }
                    void InMemory() { using var reader = new StringReader("x"); reader.ReadToEnd(); }
                }
                """, Diagnostic(0, "Load", "Load -> Parse -> StreamReader.ReadToEnd"));
        }
    }
}
