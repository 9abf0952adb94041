using System.Threading.Tasks;
using Xunit;
using AwaitUsing = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer>;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on Quartz.NET, RabbitMQ's .NET client and SSH.NET (session 19), as minimal code of our own.
    /// </summary>
    public class RealCodeRoundElevenTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        // ---------------------------------------------------------------- a resource created by the using and never used

        private static string Files(string statements) => Usings + """
            public sealed class Connection : IDisposable, IAsyncDisposable
            {
                public void Open() { }
                public Task CloseAsync() => Task.CompletedTask;
                public void Dispose() { }
                public async ValueTask DisposeAsync() { await Task.Yield(); }
            }
            static class ConnectionExtensions
            {
                public static Task CloseAsync(this Connection connection, TimeSpan timeout) => connection.CloseAsync();
            }
            class Files
            {
                FileStream log = File.Create("log");
                static void Note(string text) { }
                static FileStream OpenLog() => File.Open("log", FileMode.Append);
                async Task PrepareAsync(string path)
                {
                    await Task.Yield();
            """ + statements + """

                }
            }
            """;

        [Theory]
        // The body cannot name an expression resource: nothing was written through it, as in File.Create(path).Dispose().
        [InlineData("using (File.Create(path)) { }")]
        [InlineData("using (File.Create(path)) { Note(\"created\"); }")]
        [InlineData("using (new FileStream(path, FileMode.Create)) { }")]
        [InlineData("using (new FileInfo(path).Create()) { Note(path); }")]
        [InlineData("using (new Connection()) { }")]
        // A declared resource that nothing uses after its creation.
        [InlineData("using (var created = File.Create(path)) { }")]
        [InlineData("using (var created = File.Create(path)) { Note(created.Name); }")]
        [InlineData("using var created = File.Create(path); Note(path);")]
        [InlineData("using var connection = new Connection();")]
        public Task ResourceNothingWasWrittenThrough_IsNotReported(string statements)
            => AwaitUsing.VerifyAnalyzerAsync(Files(statements));

        [Theory]
        // Where it came from is unknown: it may hold buffered data.
        [InlineData("using ({|#0:OpenLog()|}) { }", "FileStream")]
        [InlineData("using ({|#0:log|}) { }", "FileStream")]
        // A fresh wrapper disposes, and flushes, what it is handed.
        [InlineData("using ({|#0:new StreamWriter(log)|}) { }", "StreamWriter")]
        [InlineData("using ({|#0:new BufferedStream(log)|}) { Note(path); }", "BufferedStream")]
        // Any other object may be reached from the scope's code without its name (an ambient scope): only an empty scope counts.
        [InlineData("using ({|#0:new Connection()|}) { Note(path); }", "Connection")]
        [InlineData("using var {|#0:connection = new Connection()|}; Note(path);", "Connection")]
        // A declared resource that is used.
        [InlineData("using (var {|#0:created = File.Create(path)|}) { created.WriteByte(1); }", "FileStream")]
        [InlineData("using var {|#0:created = File.Create(path)|}; created.WriteByte(1);", "FileStream")]
        [InlineData("using (var {|#0:created = File.Create(path)|}) { Func<int> later = () => created.ReadByte(); }", "FileStream")]
        [InlineData("using (var {|#0:opened = OpenLog()|}) { }", "FileStream")]
        // Reached through a property: written through.
        [InlineData("using (var {|#0:w = new StreamWriter(path)|}) { w.BaseStream.WriteByte(1); }", "StreamWriter")]
        public Task ResourceThatMayHoldData_IsReported(string statements, string type)
            => AwaitUsing.VerifyAnalyzerAsync(
                Files(statements),
                AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments(type, "use 'await using'"));

        // ---------------------------------------------------------------- closed asynchronously before its using ends

        [Theory]
        [InlineData("using (var c = new Connection()) { c.Open(); await c.CloseAsync(); }")]
        [InlineData("using var c = new Connection(); c.Open(); await c.CloseAsync().ConfigureAwait(false);")]
        // CloseAsync as an extension method of the resource's type.
        [InlineData("using (var c = new Connection()) { c.Open(); await c.CloseAsync(TimeSpan.FromSeconds(1)); }")]
        // A finally runs on every way out of its try, returns included.
        [InlineData("using (var c = new Connection()) { c.Open(); try { if (path == null) return; Note(path); } finally { await c.CloseAsync(); } }")]
        public Task ResourceClosedAsynchronouslyAtTheEnd_IsNotReported(string statements)
            => AwaitUsing.VerifyAnalyzerAsync(Files(statements));

        [Theory]
        // Used again after the close, closed on one branch only, or another object closed.
        [InlineData("using (var {|#0:c = new Connection()|}) { await c.CloseAsync(); c.Open(); }")]
        [InlineData("using (var {|#0:c = new Connection()|}) { c.Open(); if (path == null) { await c.CloseAsync(); } }")]
        [InlineData("using (var {|#0:c = new Connection()|}) { c.Open(); try { Note(path); } finally { await c.CloseAsync(); c.Open(); } }")]
        [InlineData("var other = new Connection(); using (var {|#0:c = new Connection()|}) { c.Open(); await other.CloseAsync(); }")]
        public Task ResourceNotClosedAtTheEnd_IsReported(string statements)
            => AwaitUsing.VerifyAnalyzerAsync(Files(statements), AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments("Connection", "use 'await using'"));

        [Fact]
        public Task ConditionalDispose_AdviceKeepsTheNullTest()
            => AwaitUsing.VerifyAnalyzerAsync(
                Files("var c = path == null ? null : new Connection(); c?.Open(); {|#0:c?.Dispose()|};"),
                AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments("Connection", "use 'if (c != null) await c.DisposeAsync()'"));

        [Fact]
        public Task ConditionalDisposeOfAComputedReceiver_AdviceEvaluatesItOnce()
            => AwaitUsing.VerifyAnalyzerAsync(
                Files("{|#0:Take(path)?.Dispose()|};") .Replace("class Files\n{", "class Files\n{\n    static Connection Take(string p) => p == null ? null : new Connection();"),
                AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments("Connection", "use 'if (Take(path) is { } disposable) await disposable.DisposeAsync()'"));

        [Fact]
        public Task ConditionalDisposeOfANullableStruct_AdviceDisposesItsValue()
            => AwaitUsing.VerifyAnalyzerAsync(
                Files("Lease? lease = path == null ? null : new Lease(); {|#0:lease?.Dispose()|};")
                    + "public struct Lease : IDisposable, IAsyncDisposable { public void Dispose() { } public ValueTask DisposeAsync() => default; }\n",
                AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments("Lease", "use 'if (lease is { } disposable) await disposable.DisposeAsync()'"));

        [Theory]
        // Created and disposed in one expression, but handed another resource: disposing the wrapper flushes what it wraps.
        [InlineData("{|#0:new StreamWriter(log).Dispose()|};")]
        [InlineData("{|#0:new BufferedStream(OpenLog()).Dispose()|};")]
        public Task WrapperDisposedAsSoonAsCreated_IsReported(string statements)
            => AwaitUsing.VerifyAnalyzerAsync(Files(statements), AwaitUsing.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null));

        [Theory]
        [InlineData("void Touch(string path) { using (File.Create(path)) { } }")]
        [InlineData("void Touch(string path) { using var created = File.Create(path); }")]
        public Task HelperThatCreatesAnEmptyFile_IsNotReported(string helper)
            => Chains.VerifyAnalyzerAsync(Files("Touch(path); } " + helper + " void Unused() {"));

        [Theory]
        [InlineData("void Touch(string path) { using (var created = File.Create(path)) { created.WriteByte(1); } }", "Touch -> using FileStream")]
        [InlineData("void Touch(string path) { using (new StreamWriter(log)) { } }", "Touch -> using StreamWriter")]
        public Task HelperThatWritesAFile_IsReported(string helper, string chain)
            => Chains.VerifyAnalyzerAsync(
                Files("{|#0:Touch(path)|}; } " + helper + " void Unused() {"),
                Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Touch", chain));

        // ---------------------------------------------------------------- a per-target split made with #if

        private static string Targets(string body) => Usings + """
            static class Wire
            {
                public static void Send(Stream s, byte[] data) => s.Write(data, 0, data.Length);
            #if MODERN
                public static Task SendAsync(Stream s, byte[] data) => s.WriteAsync(data, 0, data.Length);
            #endif
            }
            class Exchange
            {
                static void Log(string text) { }
                async Task<int> StartAsync(Stream stream, byte[] buffer, Task<int> pending)
                {
                    await Task.Yield();
            """ + "\n" + body + """

                    return 0;
                }
            }
            """;

        [Theory]
        // The inactive branch (this compilation does not define MODERN) awaits the async form the active one blocks on.
        [InlineData("#if MODERN\n        await stream.WriteAsync(buffer, 0, 4);\n#else\n        stream.Write(buffer, 0, 4);\n#endif")]
        [InlineData("#if !MODERN\n        stream.Write(buffer, 0, 4);\n#else\n        await stream.WriteAsync(buffer.AsMemory(0, 4));\n#endif")]
        [InlineData("#if MODERN\n        await stream.WriteAsync(buffer, 0, 4).ConfigureAwait(false);\n#elif LEGACY\n        Log(\"legacy\");\n#else\n        Log(\"sync\");\n        stream.Write(buffer, 0, 4);\n#endif")]
        public Task BlockingCallWhoseOtherTargetsAwait_IsNotReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Targets(body));

        [Theory]
        // The other branch does something else, or awaits another operation; the call is outside the split; no other branch.
        [InlineData("#if MODERN\n        Log(\"modern\");\n#else\n        {|#0:stream.Write(buffer, 0, 4)|};\n#endif")]
        [InlineData("#if MODERN\n        await stream.FlushAsync();\n#else\n        {|#0:stream.Write(buffer, 0, 4)|};\n#endif")]
        [InlineData("#if MODERN\n        await stream.WriteAsync(buffer, 0, 4);\n#else\n        Log(\"sync\");\n#endif\n        {|#0:stream.Write(buffer, 0, 4)|};")]
        [InlineData("#if !MODERN\n        {|#0:stream.Write(buffer, 0, 4)|};\n#endif")]
        // A comment in the other branch is no code.
        [InlineData("#if MODERN\n        // await stream.WriteAsync(buffer, 0, 4);\n#else\n        {|#0:stream.Write(buffer, 0, 4)|};\n#endif")]
        public Task BlockingCallWithNoAwaitingTwinBranch_IsReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Targets(body), Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));

        [Fact]
        public Task HelperCalledWhereOtherTargetsAwaitItsTwin_IsNotReported()
            => Chains.VerifyAnalyzerAsync(Targets("#if MODERN\n        await Wire.SendAsync(stream, buffer);\n#else\n        Wire.Send(stream, buffer);\n#endif"));

        [Fact]
        public Task HelperCalledWhereOtherTargetsDoSomethingElse_IsReported()
            => Chains.VerifyAnalyzerAsync(
                Targets("#if MODERN\n        Log(\"modern\");\n#else\n        {|#0:Wire.Send(stream, buffer)|};\n#endif"),
                Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithMessage(null));

        [Theory]
        [InlineData("#if MODERN\n        var n = await pending;\n#else\n        var n = pending.Result;\n#endif")]
        public Task WaitWhereOtherTargetsAwait_IsNotReported(string body)
            => Waits.VerifyAnalyzerAsync(Targets(body));

        [Theory]
        [InlineData("#if MODERN\n        var n = pending.Id;\n#else\n        var n = {|#0:pending.Result|};\n#endif")]
        public Task WaitWhereOtherTargetsDoNotAwait_IsReported(string body)
            => Waits.VerifyAnalyzerAsync(Targets(body), Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
    }
}
