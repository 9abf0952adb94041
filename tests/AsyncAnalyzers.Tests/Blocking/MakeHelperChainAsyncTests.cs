using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public class MakeHelperChainAsyncTests
    {
        private const string Usings = "using System;\nusing System.Linq;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Diagnostic(int location, string callee, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(location).WithArguments(callee, chain);

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
        public Task Fix_IsNotOfferedInsideAnInlineLambda()
        {
            var source = Usings + """
                class C
                {
                    async Task RunAsync(List<int> items)
                    {
                        var lengths = items.Select(i => [|Slow(i)|]).ToList();
                        await Task.Yield();
                    }
                    int Slow(int i) { Thread.Sleep(i); return i; }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
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

        // ---------------------------------------------------------------- fix: async twins

        [Fact]
        public Task Fix_AddsTwinsAlongTheChain_AndAwaitsAtTheCallSite()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    public void Sync() => Step(1);

                    async Task RunAsync()
                    {
                        [|Step(2)|];
                        await Task.Yield();
                    }

                    /// <summary>Does a step.</summary>
                    void Step(int n)
                    {
                        Console.WriteLine(n);
                        Pause(n * 10);
                    }

                    static void Pause(int ms) => Thread.Sleep(ms);
                }
                """, Usings + """
                class C
                {
                    public void Sync() => Step(1);

                    async Task RunAsync()
                    {
                        await StepAsync(2);
                        await Task.Yield();
                    }

                    /// <summary>Does a step.</summary>
                    void Step(int n)
                    {
                        Console.WriteLine(n);
                        Pause(n * 10);
                    }

                    async Task StepAsync(int n)
                    {
                        Console.WriteLine(n);
                        await PauseAsync(n * 10);
                    }

                    static void Pause(int ms) => Thread.Sleep(ms);

                    static async Task PauseAsync(int ms) => await Task.Delay(ms);
                }
                """);
        }

        [Fact]
        public Task Fix_ValueReturningHelpers_BecomeGenericTasks_AndTheCallerBecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    Task<int> RunAsync()
                    {
                        var x = [|Compute(2)|] + 1;
                        return Task.FromResult(x);
                    }

                    int Compute(int n)
                    {
                        Thread.Sleep(n);
                        return n * 2;
                    }
                }
                """, Usings + """
                class C
                {
                    async Task<int> RunAsync()
                    {
                        var x = await ComputeAsync(2) + 1;
                        return x;
                    }

                    int Compute(int n)
                    {
                        Thread.Sleep(n);
                        return n * 2;
                    }

                    async Task<int> ComputeAsync(int n)
                    {
                        await Task.Delay(n);
                        return n * 2;
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ForwardsTheHelpersCancellationToken()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    async Task RunAsync(CancellationToken token)
                    {
                        [|Wait(token)|];
                        await Task.Yield();
                    }

                    void Wait(CancellationToken cancellationToken) => Thread.Sleep(100);
                }
                """, Usings + """
                class C
                {
                    async Task RunAsync(CancellationToken token)
                    {
                        await WaitAsync(token);
                        await Task.Yield();
                    }

                    void Wait(CancellationToken cancellationToken) => Thread.Sleep(100);

                    async Task WaitAsync(CancellationToken cancellationToken) => await Task.Delay(100, cancellationToken);
                }
                """);
        }

        [Fact]
        public Task Fix_BlockingWaitsInHelpers_BecomeAwaits()
        {
            return Verify.VerifyCodeFixAsync(Usings + """
                class C
                {
                    async Task<int> RunAsync(Task<string> text)
                    {
                        await Task.Yield();
                        return [|Length(text)|];
                    }

                    int Length(Task<string> text) => text.Result.Length;
                }
                """, Usings + """
                class C
                {
                    async Task<int> RunAsync(Task<string> text)
                    {
                        await Task.Yield();
                        return await LengthAsync(text);
                    }

                    int Length(Task<string> text) => text.Result.Length;

                    async Task<int> LengthAsync(Task<string> text) => (await text).Length;
                }
                """);
        }

        [Fact]
        public Task HelperSummaries_DoNotDependOnTheCaller()
        {
            // The helper waits on whatever task it is given: what one caller passes does not change its summary.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync() { {|#0:Read(Task.FromResult(1))|}; await Task.Yield(); }
                    int Read(Task<int> t) => t.Result;
                }
                """, Diagnostic(0, "Read", "Read -> Task<int>.Result"));
        }

        [Fact]
        public Task KnownCompleteTasksInHelpers_DoNotBlock()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    async Task RunAsync(Task<int> t) { await t; Read(); Guarded(t); }
                    int Read() => Task.FromResult(1).Result;
                    int Guarded(Task<int> t) => t.IsCompleted ? t.Result : 0;
                }
                """);
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

        [Fact]
        public Task FixInPlace_ConvertsTheChain_AndUpdatesEveryAsyncCaller()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    Task OtherAsync() { [|Step()|]; return Task.CompletedTask; }
                    void Step() => Pause();
                    void Pause() => Thread.Sleep(1);
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task RunAsync() { await StepAsync(); await Task.Yield(); }
                    async Task OtherAsync() { await StepAsync(); }
                    async Task StepAsync() => await PauseAsync();
                    async Task PauseAsync() => await Task.Delay(1);
                }
                """,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
                CodeActionIndex = 1,
                NumberOfIncrementalIterations = 1,
                NumberOfFixAllIterations = 1,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixInPlace_KeepsHelpersThatSyncCodeStillUses()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    void Sync() => Pause();
                    void Step() => Pause();
                    void Pause() => Thread.Sleep(1);
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task RunAsync() { await StepAsync(); await Task.Yield(); }
                    void Sync() => Pause();
                    async Task StepAsync() => await PauseAsync();
                    void Pause() => Thread.Sleep(1);

                    async Task PauseAsync() => await Task.Delay(1);
                }
                """,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
                CodeActionIndex = 1,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixInPlace_IsNotOfferedForPublicApi()
        {
            // Callers outside the solution may use it: only the twin variant is offered.
            var source = Usings + """
                public class C
                {
                    public async Task RunAsync() { [|Step()|]; await Task.Yield(); }
                    public void Step() => Thread.Sleep(1);
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer.InPlaceKey,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_AcrossProjects()
        {
            // Each project's helpers are summarized in their own compilation; Fix All in the solution fixes both.
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "public class A\n{\n    public async Task RunAsync() { [|Step()|]; await Task.Yield(); }\n\n    void Step() => Thread.Sleep(1);\n}\n"));
            test.TestState.AdditionalProjects["App"].Sources.Add(("B.cs", Usings + "class B\n{\n    async Task RunAsync(A a) { [|Pause()|]; await a.RunAsync(); }\n\n    static void Pause() => Thread.Sleep(2);\n}\n"));
            test.TestState.AdditionalProjects["App"].AdditionalProjectReferences.Add("TestProject");
            test.FixedState.Sources.Add(("A.cs", Usings + "public class A\n{\n    public async Task RunAsync() { await StepAsync(); await Task.Yield(); }\n\n    void Step() => Thread.Sleep(1);\n\n    async Task StepAsync() => await Task.Delay(1);\n}\n"));
            test.FixedState.AdditionalProjects["App"].Sources.Add(("B.cs", Usings + "class B\n{\n    async Task RunAsync(A a) { await PauseAsync(); await a.RunAsync(); }\n\n    static void Pause() => Thread.Sleep(2);\n\n    static async Task PauseAsync() => await Task.Delay(2);\n}\n"));
            test.FixedState.AdditionalProjects["App"].AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_IsNotOfferedWhenATwinNameIsTaken()
        {
            var source = Usings + """
                class C
                {
                    async Task RunAsync() { [|Pause()|]; await Task.Yield(); }
                    void Pause() => Thread.Sleep(1);
                    void PauseAsync(int unrelated) { }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_IsNotOfferedForRefParametersOrHelpersWithLocks()
        {
            var source = Usings + """
                class C
                {
                    readonly object gate = new object();
                    async Task RunAsync(int x) { [|Bump(ref x)|]; [|Guarded()|]; await Task.Yield(); }
                    void Bump(ref int x) { Thread.Sleep(1); x++; }
                    void Guarded() { lock (gate) { Thread.Sleep(1); } }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task FixAll_SharesTwinsBetweenCallSitesAcrossDocuments()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", Usings + "partial class C { async Task A() { [|Step()|]; await Task.Yield(); } async Task B() { [|Step()|]; await Task.Yield(); } }"));
            test.TestState.Sources.Add(("B.cs", Usings + "partial class C\n{\n    void Step() => Util.Nap();\n}\n"));
            test.TestState.Sources.Add(("D.cs", Usings + "static class Util\n{\n    public static void Nap() => Thread.Sleep(3);\n}\n"));
            test.FixedState.Sources.Add(("A.cs", Usings + "partial class C { async Task A() { await StepAsync(); await Task.Yield(); } async Task B() { await StepAsync(); await Task.Yield(); } }"));
            test.FixedState.Sources.Add(("B.cs", Usings + "partial class C\n{\n    void Step() => Util.Nap();\n\n    async Task StepAsync() => await Util.NapAsync();\n}\n"));
            test.FixedState.Sources.Add(("D.cs", Usings + "static class Util\n{\n    public static void Nap() => Thread.Sleep(3);\n\n    public static async Task NapAsync() => await Task.Delay(3);\n}\n"));
            return test.RunAsync();
        }

        [Fact]
        public async Task Fix_KeepsBehaviour_WhenRun()
        {
            var original = Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        var total = Sum(3);
                        await Task.Yield();
                        Console.Write("end;");
                        return total;
                    }

                    static int Sum(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += Item(i);
                        }

                        return total;
                    }

                    static int Item(int i)
                    {
                        Thread.Sleep(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }
                }
                """;
            var fixedSource = Usings + """
                public static class Program
                {
                    public static async Task<int> Main()
                    {
                        Console.Write("start;");
                        var total = await SumAsync(3);
                        await Task.Yield();
                        Console.Write("end;");
                        return total;
                    }

                    static int Sum(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += Item(i);
                        }

                        return total;
                    }

                    static async Task<int> SumAsync(int n)
                    {
                        var total = 0;
                        for (var i = 1; i <= n; i++)
                        {
                            total += await ItemAsync(i);
                        }

                        return total;
                    }

                    static int Item(int i)
                    {
                        Thread.Sleep(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }

                    static async Task<int> ItemAsync(int i)
                    {
                        await Task.Delay(1);
                        Console.Write($"item{i};");
                        return i * i;
                    }
                }
                """;

            await Verify.VerifyCodeFixAsync(original.Replace("var total = Sum(3);", "var total = [|Sum(3)|];"), fixedSource);
            var outcome = await AsyncAnalyzers.Tests.Verifiers.ExecutionVerifier.AssertSameBehaviourAsync(original, fixedSource);
            Assert.Equal("start;item1;item2;item3;end;<returned 14>", outcome.ToString());
        }
    }
}
