using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC107: blocking work a helper does only the first time it runs (lazy initialization, preparation it keeps) is
    /// reported once, where it is guarded, instead of at every async call site (ASYNC105).
    /// </summary>
    public class MakeFirstCallWorkAsyncTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult FirstCall(int location, string helper, string callers, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeFirstCallWorkAsync).WithLocation(location)
                .WithArguments(helper, "the first time it runs", callers, chain, " or before the async path starts");

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult AfterEachReset(int location, string helper, string callers, string when, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeFirstCallWorkAsync).WithLocation(location).WithArguments(helper, when, callers, chain, string.Empty);

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Chain(int location, string callee, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(location).WithArguments(callee, chain);

        // ---- reported once, where the work is guarded ----

        [Fact]
        public Task LazyGetter_IsReportedOnceAtTheWork_NotAtEachCallSite()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                }
                class C
                {
                    async Task A(Settings s) { Console.WriteLine(s.Text); await Task.Yield(); }
                    async Task B(Settings s) { Console.WriteLine(s.Text.Length); await Task.Yield(); }
                }
                """, FirstCall(0, "Text", "the async paths of 'C.A' and 1 more call site reach it", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task FlagSetInTheGuardedBranch_AndTheResultUsedAfter_IsFirstCallWork()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    public int Bind()
                    {
                        if (!bound)
                        {
                            size = {|#0:Measure()|};
                            bound = true;
                        }
                        return size;
                    }
                    private int Measure() { Thread.Sleep(5); return 4; }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return p.Bind(); }
                }
                """, FirstCall(0, "Bind", "the async path of 'C.RunAsync' reaches it", "Bind -> Measure -> Thread.Sleep"));
        }

        [Fact]
        public Task EarlyReturnOfTheKeptValue_ThenTheWork_IsFirstCallWork()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Catalog
                {
                    private string[] names;
                    public string[] Names()
                    {
                        if (names != null)
                            return names;
                        var lines = {|#0:File.ReadAllLines("names.txt")|};
                        names = lines;
                        return names;
                    }
                }
                class C
                {
                    async Task RunAsync(Catalog c) { await Task.Yield(); Console.WriteLine(c.Names().Length); }
                }
                """, FirstCall(0, "Names", "the async path of 'C.RunAsync' reaches it", "Names -> File.ReadAllLines"));
        }

        [Fact]
        public Task UnsetTestJoinedByAnd_IsFirstCallWork()
        {
            // 'data == null && enabled': the branch still runs only while 'data' is unset.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Registry
                {
                    private readonly bool enabled = true;
                    private string data;
                    public string Data()
                    {
                        if (data == null && enabled)
                        {
                            data = {|#0:File.ReadAllText("registry.txt")|};
                        }
                        return data ?? "";
                    }
                }
                class C
                {
                    async Task RunAsync(Registry r) { await Task.Yield(); Console.WriteLine(r.Data()); }
                }
                """, FirstCall(0, "Data", "the async path of 'C.RunAsync' reaches it", "Data -> File.ReadAllText"));
        }

        [Fact]
        public Task StaticLazyField_AndAChainThroughAnotherHelper_AreReportedOnce()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                static class Config
                {
                    private static string value;
                    public static string Value() => value ?? (value = {|#0:File.ReadAllText("config.txt")|});
                }
                class C
                {
                    string Describe() => "config: " + Config.Value();
                    async Task A() { await Task.Yield(); Console.WriteLine(Describe()); }
                    async Task B() { await Task.Yield(); Console.WriteLine(Config.Value()); }
                    void Sync() => Console.WriteLine(Config.Value());
                }
                """, FirstCall(0, "Value", "the async paths of 'C.A' and 1 more call site reach it", "Value -> File.ReadAllText"));
        }

        [Fact]
        public Task LambdaCaller_IsNamedByItsMethod()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                }
                class C
                {
                    void Start(Settings s) => Task.Run(async () => { await Task.Yield(); Console.WriteLine(s.Text); });
                }
                """, FirstCall(0, "Text", "the async path of the lambda in 'C.Start' reaches it", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task HelperThatAlsoBlocksOnEveryCall_StaysReportedAtTheCallSite()
        {
            // The chain that blocks every time wins: the call site is where the fix goes.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Store
                {
                    private string cached;
                    public string Read()
                    {
                        cached ??= File.ReadAllText("a.txt");
                        Thread.Sleep(10);
                        return cached;
                    }
                }
                class C
                {
                    async Task RunAsync(Store s) { await Task.Yield(); Console.WriteLine({|#0:s.Read()|}); }
                }
                """, Chain(0, "Read", "Read -> Thread.Sleep"));
        }

        [Fact]
        public Task ChainFix_WritesTheArraySliceOfTheHelpersCall()
        {
            // ASYNC105's rewrite of a helper asks ASYNC103's fixer for the call inside it, with no analyzer property to
            // carry the slice: the fixer works it out from the symbols.
            return Verify.VerifyCodeFixAsync(Usings + """
                using System.Net.Sockets;
                class C
                {
                    async Task RunAsync(Socket socket, byte[] buffer)
                    {
                        await Task.Yield();
                        [|Send(socket, buffer)|];
                    }

                    void Send(Socket socket, byte[] buffer)
                    {
                        socket.Send(buffer, 0, 4, SocketFlags.None);
                    }
                }
                """, Usings + """
                using System.Net.Sockets;
                class C
                {
                    async Task RunAsync(Socket socket, byte[] buffer)
                    {
                        await Task.Yield();
                        await SendAsync(socket, buffer);
                    }

                    void Send(Socket socket, byte[] buffer)
                    {
                        socket.Send(buffer, 0, 4, SocketFlags.None);
                    }

                    async Task SendAsync(Socket socket, byte[] buffer)
                    {
                        await socket.SendAsync(buffer.AsMemory(0, 4), SocketFlags.None);
                    }
                }
                """);
        }

        // ---- not first-call work: reported at the call site as before (ASYNC105), never as ASYNC107 ----

        [Fact]
        public Task TeardownGuardedByAFlag_IsNotFirstCallWork()
        {
            // Nothing after the guarded branch uses what it did: a disposal is not a value kept for later calls.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Journal
                {
                    private bool closed;
                    public void Close()
                    {
                        if (!closed)
                        {
                            Thread.Sleep(10);
                            closed = true;
                        }
                    }
                }
                class C
                {
                    async Task RunAsync(Journal j) { await Task.Yield(); {|#0:j.Close()|}; }
                }
                """, Chain(0, "Close", "Close -> Thread.Sleep"));
        }

        [Fact]
        public Task GuardThatCanPassAgain_IsNotFirstCallWork()
        {
            // '|| reload' runs the branch again on any later call.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Get(bool reload)
                    {
                        if (text == null || reload)
                        {
                            Thread.Sleep(10);
                            text = "x";
                        }
                        return text;
                    }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine({|#0:s.Get(true)|}); }
                }
                """, Chain(0, "Get", "Get -> Thread.Sleep"));
        }

        [Fact]
        public Task GuardOnAParameterOrALocal_IsNotFirstCallWork()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Loader
                {
                    public string Load(string cache)
                    {
                        if (cache == null)
                        {
                            Thread.Sleep(10);
                            cache = "x";
                        }
                        return cache;
                    }
                }
                class C
                {
                    async Task RunAsync(Loader l) { await Task.Yield(); Console.WriteLine({|#0:l.Load(null)|}); }
                }
                """, Chain(0, "Load", "Load -> Thread.Sleep"));
        }

        [Fact]
        public Task BranchThatNeverSetsTheField_IsNotFirstCallWork()
        {
            // Every call while 'data' is null blocks again.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Source
                {
                    private string data;
                    public string Peek()
                    {
                        if (data == null)
                        {
                            Thread.Sleep(10);
                        }
                        return data;
                    }
                }
                class C
                {
                    async Task RunAsync(Source s) { await Task.Yield(); Console.WriteLine({|#0:s.Peek()|}); }
                }
                """, Chain(0, "Peek", "Peek -> Thread.Sleep"));
        }

        [Fact]
        public Task BranchThatResetsTheField_IsNotFirstCallWork()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Pump
                {
                    private bool idle;
                    private int count;
                    public int Step()
                    {
                        if (!idle)
                        {
                            Thread.Sleep(10);
                            count++;
                            idle = false;
                        }
                        return count;
                    }
                }
                class C
                {
                    async Task RunAsync(Pump p) { await Task.Yield(); Console.WriteLine({|#0:p.Step()|}); }
                }
                """, Chain(0, "Step", "Step -> Thread.Sleep"));
        }

        [Fact]
        public Task FieldOfAnotherObject_IsNotFirstCallWork()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Node { public string Data; }
                class Reader
                {
                    public string Read(Node node)
                    {
                        if (node.Data == null)
                            node.Data = File.ReadAllText("n.txt");
                        return node.Data;
                    }
                }
                class C
                {
                    async Task RunAsync(Reader r, Node n) { await Task.Yield(); Console.WriteLine({|#0:r.Read(n)|}); }
                }
                """, Chain(0, "Read", "Read -> File.ReadAllText"));
        }

        [Fact]
        public Task FlagClearedAfterEachUse_IsWorkDoneOncePerUse_ReportedAtTheWork()
        {
            // Write() clears 'bound' once it has used what Bind() prepared: Bind() does the work again on the first call
            // after each Write(), and a second Bind() before it does nothing. Which call site that is depends on the order
            // calls run in, so the work is reported once, naming the member that resets it.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    public int Bind()
                    {
                        if (!bound)
                        {
                            {|#0:Thread.Sleep(5)|};
                            size = 4;
                            bound = true;
                        }
                        return size;
                    }
                    public void Write()
                    {
                        try { Console.WriteLine(size); }
                        finally { bound = false; }
                    }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); var n = p.Bind(); p.Write(); return n + p.Bind(); }
                }
                """, AfterEachReset(0, "Bind", "the async paths of 'C.RunAsync' and 1 more call site reach it",
                    "each time it runs with 'bound' unset (the first time, and after 'Write' resets it)", "Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task KeptValueResetByTwoMembers_NamesBoth()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                    public void Reload() { text = null; }
                    public string Override { set { text = value; } }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.Text); }
                }
                """, AfterEachReset(0, "Text", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'text' unset (the first time, and after 'Reload' or the 'Override' setter resets it)", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task FlagClearedByTheHelperItself_IsWorkOnEveryCall()
        {
            // Bind() clears 'bound' on its own way out: every call does the work, so each call site is reported.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    public int Bind()
                    {
                        if (!bound)
                        {
                            Thread.Sleep(5);
                            size = 4;
                            bound = true;
                        }
                        var result = size;
                        bound = false;
                        return result;
                    }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return {|#0:p.Bind()|}; }
                }
                """, Chain(0, "Bind", "Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task LazyValueClearedBeforeTheTestInTheSameMember_IsWorkOnEveryCall()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Fresh()
                    {
                        text = null;
                        if (text != null) return text;
                        text = File.ReadAllText("settings.json");
                        return text;
                    }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine({|#0:s.Fresh()|}); }
                }
                """, Chain(0, "Fresh", "Fresh -> File.ReadAllText"));
        }

        [Fact]
        public Task KeptValueOtherTypesCanWrite_IsNotFirstCallWork()
        {
            // An internal field may be cleared from anywhere in the assembly.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    internal string text;
                    public string Text => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine({|#0:s.Text|}); }
                }
                """, Chain(0, "Text", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task KeptValueClearedOnlyByDisposeOrAConstructor_IsFirstCallWork()
        {
            // The object's first and last states: between them, the value once loaded stays loaded.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings : IDisposable
                {
                    private string text;
                    public Settings() { text = null; }
                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                    public void Dispose() { text = null; }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.Text); }
                }
                """, FirstCall(0, "Text", "the async path of 'C.RunAsync' reaches it", "Text -> File.ReadAllText"));
        }

        // The review of the first version: each of these can set the value back, so the work runs again on the first call
        // after it. The work is reported once, naming the member that resets it, and no call site is reported.
        [Theory]
        // Cleared from a parameter, a cast null, a tuple, a lambda a constructor registers, an instance constructor of a static value.
        [InlineData("private string text; public void Set(string keep) { text = keep; }", "'Set'")]
        [InlineData("private string text; public void Clear() { text = (string)null; }", "'Clear'")]
        [InlineData("private string text; private int n; public void Clear() { (text, n) = (null, 0); }", "'Clear'")]
        [InlineData("private string text; public Settings(Action<Action> subscribe) { subscribe(() => text = null); }", "a callback in a 'Settings' constructor")]
        [InlineData("private static string text; public Settings() { text = null; }", "a 'Settings' constructor")]
        [InlineData("private string text; public void Pick(System.Collections.Generic.Dictionary<int, string> d) { d.TryGetValue(1, out text!); }", "'Pick'")]
        [InlineData("private static string text; ~Settings() { text = null; }", "the 'Settings' finalizer")]
        public Task KeptValueThatCanBeClearedAgain_IsReportedAtTheWork_NamingTheReset(string members, string resetter)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "#nullable enable annotations\nclass Settings\n{\n    " + members + """

                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.Text); }
                }
                """, AfterEachReset(0, "Text", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'text' unset (the first time, and after " + resetter + " resets it)", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task PrivateProtectedFlagResetInADerivedType_NamesTheDerivedMember()
        {
            // 'private protected': only this type and the types derived from it in the compilation can write the flag.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private protected bool bound;
                    private int size;
                    public int Bind()
                    {
                        if (!bound)
                        {
                            {|#0:Thread.Sleep(5)|};
                            size = 4;
                            bound = true;
                        }
                        return size;
                    }
                }
                sealed class TypedParameter : Parameter
                {
                    public void Write() { bound = false; }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return p.Bind(); }
                }
                """, AfterEachReset(0, "Bind", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'bound' unset (the first time, and after 'TypedParameter.Write' resets it)", "Bind -> Thread.Sleep"));
        }

        [Theory]
        // A derived type in another assembly could clear a protected flag; an internal one, any type of the assembly.
        [InlineData("protected")]
        [InlineData("protected internal")]
        [InlineData("internal")]
        public Task FlagWritableOutsideTheTypeAndItsDerivedTypes_StaysAtTheCallSite(string access)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "public class Parameter\n{\n    " + access + """
                 bool bound;
                    private int size;
                    public int Bind()
                    {
                        if (!bound)
                        {
                            Thread.Sleep(5);
                            size = 4;
                            bound = true;
                        }
                        return size;
                    }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return {|#0:p.Bind()|}; }
                }
                """, Chain(0, "Bind", "Bind -> Thread.Sleep"));
        }

        // The review of the second version: a reset on the path of the call makes every call do the work.
        [Theory]
        // The helper calls a member that resets the value, after the work.
        [InlineData("public int Bind() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } var r = size; Unbind(); return r; } private void Unbind() { bound = false; }", "p.Bind()", "Bind", "Bind -> Thread.Sleep")]
        // The work resets the value itself after setting it.
        [InlineData("public int Bind() { if (!bound) { bound = true; Thread.Sleep(5); size = 4; bound = false; } return size; }", "p.Bind()", "Bind", "Bind -> Thread.Sleep")]
        // A member resets the value, then calls the helper: a forced refresh.
        [InlineData("public int Bind() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } return size; } public int Rebind() { bound = false; return Bind(); }", "p.Rebind()", "Rebind", "Rebind -> Bind -> Thread.Sleep")]
        // The same, under a test of a parameter rather than of the value.
        [InlineData("public int Bind() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } return size; } public int Bind(bool force) { if (force) bound = false; return Bind(); }", "p.Bind(true)", "Bind", "Bind -> Bind -> Thread.Sleep")]
        public Task ResetOnThePathOfTheCall_IsWorkOnEveryCall(string members, string call, string callee, string chain)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class Parameter\n{\n    private bool bound;\n    private int size;\n    " + members + """

                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return {|#0:
                """ + call + "|}; }\n}\n", Chain(0, callee, chain));
        }

        [Fact]
        public Task AsyncFunctionThatResetsTheValueItself_IsReportedAtItsCall()
        {
            // Every run of ExecuteAsync binds again: its call of Bind() blocks each time.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    public int Bind() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } return size; }
                    public async Task<int> ExecuteAsync() { await Task.Yield(); var n = {|#0:Bind()|}; bound = false; return n; }
                }
                """, Chain(0, "Bind", "Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task OverrideThatResetsThenCallsTheBase_IsWorkOnEveryCall()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private protected bool bound;
                    private int size;
                    public virtual int Bind() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } return size; }
                }
                sealed class FreshParameter : Parameter
                {
                    public override int Bind() { bound = false; return base.Bind(); }
                }
                class C
                {
                    async Task<int> RunAsync(FreshParameter p) { await Task.Yield(); return {|#0:p.Bind()|}; }
                }
                """, Chain(0, "Bind", "Bind -> Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task RevalidationOfAStaleValue_AndAResetOnFailure_AreNotEveryCall()
        {
            // Bind() drops a binding in the wrong format (a test of the value itself) and clears it when the work fails:
            // neither runs on every call. The reset after each use is in Write().
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    private int format;
                    public int Bind(int required)
                    {
                        if (bound && format != required)
                            Unbind();
                        if (!bound)
                        {
                            try { {|#0:Thread.Sleep(5)|}; size = 4; format = required; }
                            catch (Exception) { Unbind(); throw; }
                            bound = true;
                        }
                        return size;
                    }
                    public void Write() { try { Console.WriteLine(size); } finally { Unbind(); } }
                    private void Unbind() { bound = false; }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return p.Bind(1); }
                }
                """, AfterEachReset(0, "Bind", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'bound' unset (the first time, and after 'Unbind' resets it)", "Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task CallbackThatTheWorkRegisters_IsNamedAsAReset()
        {
            // A file watcher clears the cache: the work runs again after each change.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public event Action Changed;
                    public string Text
                    {
                        get
                        {
                            if (text == null)
                            {
                                text = {|#0:File.ReadAllText("settings.json")|};
                                Changed += () => text = null;
                            }
                            return text;
                        }
                    }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.Text); }
                }
                """, AfterEachReset(0, "Text", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'text' unset (the first time, and after a callback in the 'Text' getter resets it)", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task ThreeOrMoreResetters_AreCounted()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= {|#0:File.ReadAllText("settings.json")|};
                    public void A() { text = null; }
                    public void B() { text = null; }
                    public void D() { text = null; }
                    public void E() { text = null; }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.Text); }
                }
                """, AfterEachReset(0, "Text", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'text' unset (the first time, and after 'A', 'B' or 2 more members reset it)", "Text -> File.ReadAllText"));
        }

        // The review of the third version.
        [Theory]
        // The work stores a local, or a conditional: a store, not a reset.
        [InlineData("if (text == null) { var loaded = File.ReadAllText(\"a\"); text = loaded; } return text;")]
        [InlineData("if (text == null) { text = ready ? File.ReadAllText(\"a\") : \"\"; } return text;")]
        [InlineData("if (text != null) return text; var lines = File.ReadAllText(\"a\"); text = lines; return text;")]
        public Task WorkThatStoresALocal_IsFirstCallWork_AlsoFromTheSameType(string body)
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    private bool ready;
                    public string GetText()
                    {
                """ + body.Replace("File.ReadAllText(\"a\")", "{|#0:File.ReadAllText(\"a\")|}") + """

                    }
                    public async Task RunAsync() { await Task.Yield(); Console.WriteLine(GetText()); }
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine(s.GetText()); }
                }
                """, FirstCall(0, "GetText", "the async paths of 'Settings.RunAsync' and 1 more call site reach it", "GetText -> File.ReadAllText"));
        }

        [Theory]
        // A reset in a catch of the work, or under a re-validation test, called from the same type and through a wrapper.
        [InlineData("if (!bound) { try { {|#0:Thread.Sleep(5)|}; size = 4; } catch (Exception) { bound = false; throw; } bound = true; } return size;", "public void Write() { bound = false; }")]
        [InlineData("if (bound && size != 4) bound = false; if (!bound) { {|#0:Thread.Sleep(5)|}; size = 4; bound = true; } return size;", "public void Write() { bound = false; }")]
        public Task ResetOffThePath_CalledFromTheSameType_IsStillOncePerCycle(string body, string others)
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private bool bound;
                    private int size;
                    public int Bind()
                    {
                """ + body + """

                    }
                    public int Size() => Bind();
                """ + others + """

                    public async Task<int> ExecuteAsync() { await Task.Yield(); return Bind(); }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return p.Size(); }
                }
                """, Verify.Diagnostic(DiagnosticIds.MakeFirstCallWorkAsync).WithLocation(0).WithMessage(null));
        }

        [Fact]
        public Task ResetBeforeTheWorkSetsTheValue_ThroughALocalFunctionAndASetter_IsStillOncePerCycle()
        {
            // Inside the work, truncating the value goes through its setter, which clears the binding; the work sets the
            // flag after that, so the call does not undo it. Write() clears it after each use.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Parameter
                {
                    private protected bool bound;
                    private string value = "";
                    private int size;
                    public string Value { get => value; set { this.value = value; Unbind(); } }
                    public int Bind()
                    {
                        if (!bound)
                        {
                            if (size > 0)
                                Truncate();
                            {|#0:Thread.Sleep(5)|};
                            size = value.Length;
                            bound = true;
                        }
                        return size;

                        void Truncate() { Value = value.Substring(0, size); }
                    }
                    public void Write() { try { Console.WriteLine(size); } finally { Unbind(); } }
                    private protected void Unbind() { bound = false; }
                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return p.Bind(); }
                }
                """, AfterEachReset(0, "Bind", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'bound' unset (the first time, and after 'Unbind' resets it)", "Bind -> Thread.Sleep"));
        }

        [Fact]
        public Task StaticValue_ACallOfTheSameNameOnAnotherObject_IsNoReset()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                static class Settings
                {
                    private static string text;
                    public static string Text => text ??= {|#0:File.ReadAllText("s")|};
                    public static void Clear() { text = null; }
                }
                class C
                {
                    private readonly System.Collections.Generic.List<string> seen = new();
                    async Task RunAsync() { await Task.Yield(); seen.Clear(); Console.WriteLine(Settings.Text); }
                }
                """, AfterEachReset(0, "Text", "the async path of 'C.RunAsync' reaches it",
                    "each time it runs with 'text' unset (the first time, and after 'Clear' resets it)", "Text -> File.ReadAllText"));
        }

        [Theory]
        // A call of a resetting member inside the work, after the early return, two calls deep, through a property setter,
        // and a forced reload under a plain presence test.
        [InlineData("public int Get() { if (!bound) { bound = true; Thread.Sleep(5); size = 4; Unbind(); } return size; }", "p.Get()", "Get", "Get -> Thread.Sleep")]
        [InlineData("public int Get() { if (cache != null) return size; cache = \"x\"; Thread.Sleep(5); var r = size; Invalidate(); return r; }", "p.Get()", "Get", "Get -> Thread.Sleep")]
        [InlineData("public int Get() { if (!bound) { Thread.Sleep(5); size = 4; bound = true; } var r = size; Cleanup(); return r; } private void Cleanup() { Unbind(); }", "p.Get()", "Get", "Get -> Thread.Sleep")]
        [InlineData("public int Get() { if (cache == null) { Thread.Sleep(5); cache = \"x\"; } return size; } public string Override { set { cache = value; } } public int Reload() { Override = null; return Get(); }", "p.Reload()", "Reload", "Reload -> Get -> Thread.Sleep")]
        [InlineData("public int Get() { if (cache == null) { Thread.Sleep(5); cache = \"x\"; } return size; } public int Reopen() { if (cache != null) { cache = null; } return Get(); }", "p.Reopen()", "Reopen", "Reopen -> Get -> Thread.Sleep")]
        public Task ResetOnThePathThroughCallsAndSetters_IsWorkOnEveryCall(string members, string call, string callee, string chain)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class Parameter\n{\n    private bool bound;\n    private int size;\n    private string cache;\n    private void Unbind() { bound = false; }\n    private void Invalidate() { cache = null; }\n    " + members + """

                }
                class C
                {
                    async Task<int> RunAsync(Parameter p) { await Task.Yield(); return {|#0:
                """ + call + "|}; }\n}\n", Chain(0, callee, chain));
        }

        [Fact]
        public Task ObjectCreatedForTheCall_IsNotFirstCallWorkThere()
        {
            // Each call reads a new object: its first read is every read of these call sites.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    async Task A() { await Task.Yield(); var s = new Settings(); Console.WriteLine({|#0:s.Text|}); }
                    async Task B() { await Task.Yield(); Console.WriteLine({|#1:new Settings().Text|}); }
                }
                """, Chain(0, "Text", "Text -> File.ReadAllText"), Chain(1, "Text", "Text -> File.ReadAllText"));
        }

        [Fact]
        public Task KeptInAStruct_IsNotFirstCallWork()
        {
            // A struct is copied, and every copy starts unset.
            return Verify.VerifyAnalyzerAsync(Usings + """
                struct Settings
                {
                    private string text;
                    public string Text() => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    async Task RunAsync(Settings s) { await Task.Yield(); Console.WriteLine({|#0:s.Text()|}); }
                }
                """, Chain(0, "Text", "Text -> File.ReadAllText"));
        }

        [Theory]
        // Set on some paths only.
        [InlineData("if (text != null) return text; var d = File.ReadAllText(\"t\"); if (d.Length > 100) text = d; return d;", "File.ReadAllText")]
        // A kept value that fails the test ('Length: > 0') sends every call to the work.
        [InlineData("if (text is { Length: > 0 }) return text; text = File.ReadAllText(\"t\"); return text;", "File.ReadAllText")]
        // A flag set from a result that may be false.
        [InlineData("if (!ok) { ok = Connect(); count++; } return count;", "Connect -> Thread.Sleep")]
        public Task GuardNotSetForGood_IsNotFirstCallWork(string body, string leaf)
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Source
                {
                    private string text;
                    private bool ok;
                    private int count;
                    private bool Connect() { Thread.Sleep(5); return count > 0; }
                    public object Get()
                    {
                """ + body + """

                    }
                }
                class C
                {
                    async Task RunAsync(Source s) { await Task.Yield(); Console.WriteLine({|#0:s.Get()|}); }
                }
                """, Chain(0, "Get", "Get -> " + leaf));
        }

        [Fact]
        public Task HarmlessArgument_DoesNotHideFirstCallWorkOfTheSameHelper()
        {
            // The stream is in memory, but the table is still read from disk on the first call: the call stays reported.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Decoder
                {
                    private string table;
                    public int Decode(Stream s, byte[] b)
                    {
                        var t = table ??= File.ReadAllText("t");
                        return s.Read(b, 0, t.Length);
                    }
                }
                class C
                {
                    async Task RunAsync(Decoder d, byte[] data) { await Task.Yield(); Console.WriteLine({|#0:d.Decode(new MemoryStream(data), new byte[4])|}); }
                }
                """, Chain(0, "Decode", "Decode -> Stream.Read"));
        }

        [Fact]
        public Task EarlyReturnOfAConstant_IsNotFirstCallWork()
        {
            // 'if (ready) return 0;' returns nothing kept: the work after it is not a cached value.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Gate
                {
                    private bool ready;
                    public int Open()
                    {
                        if (ready)
                            return 0;
                        Thread.Sleep(10);
                        ready = true;
                        return 1;
                    }
                }
                class C
                {
                    async Task RunAsync(Gate g) { await Task.Yield(); Console.WriteLine({|#0:g.Open()|}); }
                }
                """, Chain(0, "Open", "Open -> Thread.Sleep"));
        }

        [Fact]
        public Task FirstCallWork_CalledOnlyFromSynchronousCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    void Run(Settings s) => Console.WriteLine(s.Text);
                    int Count(Settings s) { Console.WriteLine(s.Text); return s.Text.Length; }
                }
                """);
        }

        [Fact]
        public Task FirstCallWork_ReachedOnlyFromADeliberateSite_IsNotReported()
        {
            // The async call site says its blocking is intended: there is no async path left to report.
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    async Task RunAsync(Settings s)
                    {
                        await Task.Yield();
                #pragma warning disable VSTHRD103
                        Console.WriteLine(s.Text);
                #pragma warning restore VSTHRD103
                    }
                }
                """);
        }

        [Fact]
        public Task FirstCallWork_OnAFailurePath_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Settings
                {
                    private string text;
                    public string Text => text ??= File.ReadAllText("settings.json");
                }
                class C
                {
                    async Task RunAsync(Settings s, bool ok)
                    {
                        await Task.Yield();
                        if (!ok)
                            throw new InvalidOperationException(s.Text);
                    }
                }
                """);
        }
    }
}
