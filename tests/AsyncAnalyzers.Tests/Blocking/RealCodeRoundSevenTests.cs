using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on repositories the rules were never tuned on (a JSON library's async reader and writer): a writing
    /// helper handed an in-memory writer deep inside a chain, code that runs only on the way to a throw, and a completion
    /// test wrapped in a helper of the compilation.
    /// </summary>
    public class RealCodeRoundSevenTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        // The writing helper: every blocking site is a write to its own parameter, and it calls a helper that blocks nowhere.
        private const string Escaper = """
            static class Escaper
            {
                public static void Escape(TextWriter writer, string s)
                {
                    if (FirstSpecial(s) < 0) { writer.Write(s); return; }
                    foreach (var c in s) { writer.Write('\\'); writer.Write(c); }
                }
                static int FirstSpecial(string s) { for (var i = 0; i < s.Length; i++) if (s[i] == '"') return i; return -1; }
            }
            """;

        private static Task NoChain(string members)
            => Chains.VerifyAnalyzerAsync(Usings + Escaper + "\nclass C\n{\n" + members + "\n}\n");

        private static Task Chain(string members, string callee, string chain)
        {
            var test = new Chains.Test { TestCode = Usings + Escaper + "\nclass C\n{\n" + members + "\n}\n" };
            test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments(callee, chain));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- ASYNC105: in-memory writers handed down a chain

        [Fact]
        public Task StringWriterLocalHandedToTheWritingHelper_IsNotReported()
            => NoChain("""
                static string Quote(string s) { using (StringWriter w = new StringWriter()) { Escaper.Escape(w, s); return w.ToString(); } }
                static string Describe(string s) => "value " + Quote(s);
                async Task RunAsync(string s) { await Task.Yield(); Console.WriteLine(Describe(s)); }
                """);

        [Fact]
        public Task StringWriterByRefParameterHandedToTheWritingHelper_IsNotReported()
            => NoChain("""
                static void Append(StringBuilder sb, ref StringWriter? writer, string s) { writer ??= new StringWriter(sb); Escaper.Escape(writer, s); }
                static string Path(string[] parts) { var sb = new StringBuilder(); StringWriter? w = null; foreach (var p in parts) Append(sb, ref w, p); return sb.ToString(); }
                async Task RunAsync(string[] parts) { await Task.Yield(); Console.WriteLine(Path(parts)); }
                """);

        [Fact]
        public Task WriterOverAMemoryStreamHandedToTheWritingHelper_IsNotReported()
            => NoChain("""
                static byte[] Encode(string s) { var m = new MemoryStream(); using (var w = new StreamWriter(m)) { Escaper.Escape(w, s); } return m.ToArray(); }
                static int Size(string s) => Encode(s).Length;
                async Task<int> RunAsync(string s) { await Task.Yield(); return Size(s); }
                """);

        [Fact]
        public Task FileWriterHandedToTheWritingHelper_IsReported()
            => Chain(
                """
                static readonly StreamWriter Log = new StreamWriter("log.txt");
                static void Save(string s) => Escaper.Escape(Log, s);
                static void Store(string s) => Save(s);
                async Task RunAsync(string s) { await Task.Yield(); {|#0:Store(s)|}; }
                """,
                "Store",
                "Store -> Save -> Escape -> TextWriter.Write");

        [Fact]
        public Task WriterParameterHandedOnToTheWritingHelper_IsReported()
            => Chain(
                """
                static void Emit(TextWriter output, string s) => Escaper.Escape(output, s);
                static void Render(TextWriter output, string s) => Emit(output, s);
                async Task RunAsync(TextWriter output, string s) { await Task.Yield(); {|#0:Render(output, s)|}; }
                """,
                "Render",
                "Render -> Emit -> Escape -> TextWriter.Write");

        [Fact]
        public Task InMemoryWriterToAHelperThatAlsoReadsAFile_IsReported()
            => Chain(
                """
                static void EscapeFile(TextWriter writer, string path) { var text = File.ReadAllText(path); writer.Write(text); }
                static string Quote(string path) { var w = new StringWriter(); EscapeFile(w, path); return w.ToString(); }
                static string Describe(string path) => Quote(path);
                async Task RunAsync(string p) { await Task.Yield(); Console.WriteLine({|#0:Describe(p)|}); }
                """,
                "Describe",
                "Describe -> Quote -> EscapeFile -> File.ReadAllText");

        // ---------------------------------------------------------------- ASYNC105: code that leads straight to a throw

        private const string Thrower = """
            static Exception Unexpected(char c) => new FormatException("unexpected " + c + " in " + File.ReadAllText("context.txt"));
            """;

        [Fact]
        public Task ExceptionBuiltRightBeforeItIsThrown_IsNotReported()
            => NoChain(Thrower + """
                int pos;
                void Comma(char c)
                {
                    pos++;
                    if (c != ',')
                    {
                        var ex = Unexpected(c);
                        pos--;
                        throw ex;
                    }
                }
                async Task ReadAsync(char c) { await Task.Yield(); Comma(c); }
                """);

        [Fact]
        public Task StatementsBeforeAThrowInALoopBody_AreNotReported()
            => NoChain(Thrower + """
                void Check(string s) { foreach (var c in s) { if (c == '\0') { Console.WriteLine(Unexpected(c).Message); throw new InvalidOperationException(); } } }
                async Task ReadAsync(string s) { await Task.Yield(); Check(s); }
                """);

        [Fact]
        public Task ExceptionBuiltThenReturnedInsteadOfThrown_IsReported()
            => Chain(
                Thrower + """
                bool lenient;
                void Comma(char c)
                {
                    if (c != ',')
                    {
                        var ex = Unexpected(c);
                        if (lenient) { Console.WriteLine(ex.Message); return; }
                        throw ex;
                    }
                }
                async Task ReadAsync(char c) { await Task.Yield(); {|#0:Comma(c)|}; }
                """,
                "Comma",
                "Comma -> Unexpected -> File.ReadAllText");

        [Fact]
        public Task ExceptionBuiltAndLoggedWithoutThrowing_IsReported()
            => Chain(
                Thrower + """
                void Comma(char c) { if (c != ',') { var ex = Unexpected(c); Console.WriteLine(ex.Message); } }
                async Task ReadAsync(char c) { await Task.Yield(); {|#0:Comma(c)|}; }
                """,
                "Comma",
                "Comma -> Unexpected -> File.ReadAllText");

        [Fact]
        public Task ThrowInsideATryThatSwallowsIt_IsReported()
            => Chain(
                Thrower + """
                void Comma(char c) { if (c != ',') { var ex = Unexpected(c); try { throw ex; } catch (FormatException) { } } }
                async Task ReadAsync(char c) { await Task.Yield(); {|#0:Comma(c)|}; }
                """,
                "Comma",
                "Comma -> Unexpected -> File.ReadAllText");

        // ---------------------------------------------------------------- ASYNC101: a completion test inside a helper

        private static Task NoWait(string helpers, string body)
            => Waits.VerifyAnalyzerAsync(Usings + helpers + "\nclass C\n{\n    async Task<bool> M(Task<bool> task)\n    {\n        await Task.Yield();\n" + body + "\n        return false;\n    }\n}\n");

        private static Task Wait(string helpers, string body)
        {
            var test = new Waits.Test { TestCode = Usings + helpers + "\nclass C\n{\n    async Task<bool> M(Task<bool> task)\n    {\n        await Task.Yield();\n" + body + "\n        return false;\n    }\n}\n" };
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;")]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) { return task.Status == TaskStatus.RanToCompletion; }")]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) => task.IsCompleted && !task.IsFaulted;")]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) => Done(task); static bool Done(Task t) => t.IsCompleted;")]
        public Task ResultGuardedByACompletionHelper_IsNotReported(string helper)
            => NoWait("static class TaskExtensions { " + helper + " }", "        if (task.IsCompletedSuccessfully()) { return task.Result; }");

        [Fact]
        public Task ResultAfterAnEarlyExitThroughACompletionHelper_IsNotReported()
            => NoWait(
                "static class Tasks { public static bool Finished(Task task, int unused) => task.IsCompleted; }",
                "        if (!Tasks.Finished(task, 0)) { return false; }\n        return task.Result;");

        [Theory]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) => true;")]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) => !task.IsCompleted;")]
        [InlineData("public static bool IsCompletedSuccessfully(this Task task) { Console.WriteLine(); return task.IsCompleted; }")]
        public Task ResultGuardedByAHelperThatDoesNotTestCompletion_IsReported(string helper)
            => Wait("static class TaskExtensions { " + helper + " }", "        if (task.IsCompletedSuccessfully()) { return {|#0:task.Result|}; }");

        [Fact]
        public Task ResultGuardedByAVirtualHelper_IsReported()
            => Wait(
                "class Probe { public static Probe Instance = new Probe(); public virtual bool Done(Task task) => task.IsCompleted; }",
                "        if (Probe.Instance.Done(task)) { return {|#0:task.Result|}; }");

        [Fact]
        public Task ResultWhenTheHelperSaysNotComplete_IsReported()
            => Wait(
                "static class TaskExtensions { public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion; }",
                "        if (!task.IsCompletedSuccessfully()) { return {|#0:task.Result|}; }");

        [Fact]
        public Task ResultGuardedByAHelperAskedAboutAnotherTask_IsReported()
            => Wait(
                "static class TaskExtensions { public static bool IsCompletedSuccessfully(this Task task) => task.IsCompleted; }",
                "        var other = Task.CompletedTask;\n        if (other.IsCompletedSuccessfully()) { return {|#0:task.Result|}; }");
    }
}
