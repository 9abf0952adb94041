using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public class MakeHelperChainAsyncTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Diagnostic(int location, string callee, string chain)
            => Verify.Diagnostic(DiagnosticIds.BlockingThroughHelper).WithLocation(location).WithArguments(callee, chain);

        // ---------------------------------------------------------------- reported

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

        // ---------------------------------------------------------------- not reported

        [Fact]
        public Task HelpersThatDoNotBlock_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync(int n)
                    {
                        Compute(n);
                        Yield();
                        Recurse(n);
                        Offload();
                        Store();
                        await Task.Yield();
                    }
                    int Compute(int n) => n * 2;
                    void Yield() { Thread.Sleep(0); Thread.Sleep(TimeSpan.Zero); }
                    void Recurse(int n) { if (n > 0) Recurse(n - 1); }
                    void Offload() { Task.Run(() => Thread.Sleep(10)); }
                    Action stored;
                    void Store() { stored = () => Thread.Sleep(10); void Never() => Thread.Sleep(1); }
                }
                """);
        }

        [Fact]
        public Task SyncCallers_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    C() { Pause(); }
                    void Run() { Pause(); }
                    int Value { get { Pause(); return 1; } }
                    void Pause() { Thread.Sleep(1); }
                }
                """);
        }

        [Fact]
        public Task AsyncAndTaskReturningCallees_AreLeftToTheirOwnRules()
        {
            // The sleep inside them is on an async path already and ASYNC102 reports it there.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync() { await SleepAsync(); await SleepTask(); }
                    async Task SleepAsync() { Thread.Sleep(1); await Task.Yield(); }
                    Task SleepTask() { Thread.Sleep(1); return Task.CompletedTask; }
                }
                """);
        }

        [Fact]
        public Task AbstractInterfaceAndMetadataCallees_AreNotAnalyzed()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                interface IPause { void Pause(); }
                abstract class Base { public abstract void Pause(); }
                class C
                {
                    async Task RunAsync(IPause p, Base b, List<int> list)
                    {
                        p.Pause();
                        b.Pause();
                        list.Sort();
                        Console.WriteLine(list.Count);
                        await Task.Yield();
                    }
                }
                """);
        }

        [Fact]
        public Task PropertySetter_IsNotAGetterCall()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    int value;
                    int Value { get { Thread.Sleep(1); return value; } set { this.value = value; } }
                    async Task RunAsync() { Value = 3; await Task.Yield(); }
                }
                """);
        }
    }
}
