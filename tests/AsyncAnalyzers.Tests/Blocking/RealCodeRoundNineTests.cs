using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Usings104 = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer>;
using Waits = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Readers, writers and streams declared in the compilation itself (a test suite's <c>TextWriter</c> that buffers lines
    /// for the test framework's output, a stream over an array): a synchronous call on one ends in its own overrides, so it
    /// blocks exactly when one of those overrides does.
    /// </summary>
    public class RealCodeRoundNineTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Text;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        // The shape of a test suite's log writer: it buffers characters and hands whole lines to the test framework's output.
        private const string OutputWriter = """
            public interface IOutput { void WriteLine(string line); }

            public class OutputWriter : TextWriter
            {
                private readonly StringBuilder buffer = new StringBuilder();
                private readonly IOutput output;
                public OutputWriter(IOutput output) { this.output = output; }
                public override Encoding Encoding => Encoding.UTF8;

                public void WriteLineNoTime(string value)
                {
                    try { base.WriteLine(value); }
                    catch (Exception ex) { Console.WriteLine(ex); }
                }

                public override void WriteLine(string value)
                {
                    lock (buffer) { base.WriteLine(DateTime.Now + " " + value); }
                }

                public override void Write(char value)
                {
                    lock (buffer)
                    {
                        if (value == '\n') { FlushBuffer(); } else { buffer.Append(value); }
                    }
                }

                protected override void Dispose(bool disposing) { FlushBuffer(); base.Dispose(disposing); }

                private void FlushBuffer()
                {
                    var text = buffer.ToString();
                    buffer.Clear();
                    output.WriteLine(text);
                }
            }

            """;

        // The same writer, but its characters go to a file.
        private const string FileWriter = """
            public class FileLogWriter : TextWriter
            {
                private readonly StreamWriter file = new StreamWriter("log.txt");
                public override Encoding Encoding => Encoding.UTF8;
                public void WriteLineNoTime(string value) => base.WriteLine(value);
                public override void Write(char value) => file.Write(value);
            }

            """;

        private static Task NoChain(string types, string members)
            => Chains.VerifyAnalyzerAsync(Usings + types + "\nclass C\n{\n" + members + "\n}\n");

        private static Task Chain(string types, string members, string callee, string chain)
        {
            var test = new Chains.Test { TestCode = Usings + types + "\nclass C\n{\n" + members + "\n}\n" };
            test.ExpectedDiagnostics.Add(Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments(callee, chain));
            return test.RunAsync();
        }

        private static Task NoCounterpart(string types, string members)
            => Counterparts.VerifyAnalyzerAsync(Usings + types + "\nclass C\n{\n" + members + "\n}\n");

        private static Task Counterpart(string types, string members)
        {
            var test = new Counterparts.Test { TestCode = Usings + types + "\nclass C\n{\n" + members + "\n}\n" };
            test.ExpectedDiagnostics.Add(Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- writers of the compilation: must not report

        [Fact]
        public Task HelperOfTheOutputWriterCallingItsBase_IsNotReportedAsAChain()
            => NoChain(OutputWriter, """
                static OutputWriter Writer = new OutputWriter(null!);
                static void Log(string message) => Writer.WriteLineNoTime(message);
                async Task RunAsync() { await Task.Yield(); Log("started"); }
                """);

        [Fact]
        public Task WriteLineOnTheOutputWriter_IsNotReported()
            => NoCounterpart(OutputWriter, """
                async Task RunAsync(OutputWriter writer) { await Task.Yield(); writer.WriteLine("started"); writer.Write('x'); writer.Flush(); }
                """);

        [Fact]
        public Task ThisWriteInsideAnAsyncMethodOfTheWriter_IsNotReported()
            => NoCounterpart(OutputWriter + """
                public class TimedWriter : OutputWriter
                {
                    public TimedWriter() : base(null!) { }
                    public async Task StampAsync() { await Task.Yield(); WriteLine("tick"); this.Write('\n'); }
                }
                """, "");

        [Fact]
        public Task WriterWithNoOverrides_IsNotReported()
            => NoCounterpart("public sealed class NullSink : TextWriter { public override Encoding Encoding => Encoding.UTF8; }\n", """
                async Task RunAsync(NullSink sink) { await Task.Yield(); sink.WriteLine("ignored"); }
                """);

        [Fact]
        public Task StreamOverAnArray_IsNotReported()
            => NoCounterpart("""
                public sealed class ArrayStream : Stream
                {
                    private readonly byte[] data; private int position;
                    public ArrayStream(byte[] data) { this.data = data; }
                    public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
                    public override long Length => data.Length; public override long Position { get => position; set => position = (int)value; }
                    public override int Read(byte[] buffer, int offset, int count) { var n = Math.Min(count, data.Length - position); Array.Copy(data, position, buffer, offset, n); position += n; return n; }
                    public override void Flush() { }
                    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                    public override void SetLength(long value) => throw new NotSupportedException();
                    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                }
                """, """
                async Task<int> RunAsync(ArrayStream s) { await Task.Yield(); var b = new byte[4]; return s.Read(b, 0, 4) + s.ReadByte(); }
                """);

        [Fact]
        public Task ReaderOverAString_IsNotReportedAsAChain()
            => NoChain("""
                public sealed class LineSource : TextReader
                {
                    private readonly string[] lines; private int next;
                    public LineSource(params string[] lines) { this.lines = lines; }
                    public override string ReadLine() => next < lines.Length ? lines[next++] : null;
                }
                """, """
                static string First(LineSource source) => source.ReadLine() ?? source.ReadToEnd();
                async Task<string> RunAsync(LineSource source) { await Task.Yield(); return First(source); }
                """);

        // ---------------------------------------------------------------- writers of the compilation: must report

        [Fact]
        public Task HelperOfAWriterThatWritesAFile_IsReportedAsAChain()
            => Chain(FileWriter, """
                static FileLogWriter Writer = new FileLogWriter();
                static void Log(string message) => Writer.WriteLineNoTime(message);
                async Task RunAsync() { await Task.Yield(); {|#0:Log("started")|}; }
                """,
                "Log",
                "Log -> WriteLineNoTime -> TextWriter.WriteLine");

        [Fact]
        public Task WriteLineOnAWriterThatWritesAFile_IsReported()
            => Counterpart(FileWriter, """
                async Task RunAsync(FileLogWriter writer) { await Task.Yield(); {|#0:writer.WriteLine("started")|}; }
                """);

        [Fact]
        public Task WriterWhoseFlushBlocks_IsReported()
            => Counterpart("""
                public sealed class SlowSink : TextWriter
                {
                    public override Encoding Encoding => Encoding.UTF8;
                    public override void Write(char value) { }
                    public override void Flush() => Thread.Sleep(100);
                }
                """, """
                async Task RunAsync(SlowSink sink) { await Task.Yield(); {|#0:sink.WriteLine("x")|}; }
                """);

        [Fact]
        public Task WriterWhoseWriteCallsAHelperThatWritesAFile_IsReported()
            => Counterpart("""
                public sealed class AppendingSink : TextWriter
                {
                    public override Encoding Encoding => Encoding.UTF8;
                    public override void Write(string value) => Append(value);
                    private static void Append(string value) => File.AppendAllText("out.txt", value);
                }
                """, """
                async Task RunAsync(AppendingSink sink) { await Task.Yield(); {|#0:sink.Write("x")|}; }
                """);

        [Fact]
        public Task StreamThatForwardsToAnInnerStream_IsReported()
            => Counterpart("""
                public sealed class CountingStream : Stream
                {
                    private readonly Stream inner; public long Count;
                    public CountingStream(Stream inner) { this.inner = inner; }
                    public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
                    public override long Length => inner.Length; public override long Position { get => inner.Position; set => inner.Position = value; }
                    public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Count += n; return n; }
                    public override void Flush() { }
                    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                    public override void SetLength(long value) => throw new NotSupportedException();
                    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                }
                """, """
                async Task<int> RunAsync(CountingStream s) { await Task.Yield(); var b = new byte[4]; return {|#0:s.Read(b, 0, 4)|}; }
                """);

        [Fact]
        public Task WriterDerivedFromStreamWriter_IsReported()
            => Counterpart("public sealed class LogFile : StreamWriter { public LogFile() : base(\"log.txt\") { } }\n", """
                async Task RunAsync(LogFile log) { await Task.Yield(); {|#0:log.WriteLine("x")|}; }
                """);

        [Fact]
        public Task AbstractWriterOfTheCompilation_IsReported()
            => Counterpart("public abstract class Sink : TextWriter { public override Encoding Encoding => Encoding.UTF8; }\n", """
                async Task RunAsync(Sink sink) { await Task.Yield(); {|#0:sink.WriteLine("x")|}; }
                """);

        // ---------------------------------------------------------------- parameters of private methods, from their callers

        // The part of System.IO.Pipelines the test needs (the reference assemblies do not include the package).
        private const string PipeStub = """
            namespace System.IO.Pipelines
            {
                public abstract class PipeWriter
                {
                    public abstract void Complete(Exception? exception = null);
                    public virtual Task CompleteAsync(Exception? exception = null) => Task.CompletedTask;
                }
                public abstract class PipeReader
                {
                    public virtual Task CopyToAsync(Stream destination) => Task.CompletedTask;
                }
                public sealed class Pipe
                {
                    public PipeReader Reader => null!;
                    public PipeWriter Writer => null!;
                }
            }

            """;

        [Fact]
        public Task PipeWriterHandedToAPrivateMethodByTheConstructorThatMadeThePipe_IsNotReported()
            => NoCounterpart(PipeStub, """
                private readonly Task done;
                public C(Stream target) { var pipe = new System.IO.Pipelines.Pipe(); done = CopyAsync(pipe.Reader, pipe.Writer, target); }
                private static async Task CopyAsync(System.IO.Pipelines.PipeReader reader, System.IO.Pipelines.PipeWriter writer, Stream target)
                {
                    try { await reader.CopyToAsync(target); }
                    catch (Exception ex) { writer.Complete(ex); throw; }
                }
                """);

        [Fact]
        public Task StreamParameterOfAPrivateMethodEveryCallerFillsWithMemory_IsNotReported()
            => NoCounterpart("", """
                private async Task<int> HeaderAsync(Stream s) { await Task.Yield(); s.Write(new byte[4], 0, 4); return (int)s.Length; }
                public Task<int> OneAsync() => HeaderAsync(new MemoryStream());
                public async Task<int> TwoAsync() { var m = new MemoryStream(new byte[8]); return await this.HeaderAsync(m); }
                """);

        [Fact]
        public Task StreamParameterOfALocalFunctionCalledWithMemory_IsNotReported()
            => NoCounterpart("", """
                public async Task<int> RunAsync()
                {
                    return await FillAsync(new MemoryStream()) + await FillAsync(new MemoryStream(new byte[2]));
                    static async Task<int> FillAsync(Stream s) { await Task.Yield(); s.Write(new byte[4], 0, 4); s.Flush(); return (int)s.Length; }
                }
                """);

        [Fact]
        public Task StreamParameterOfAPrivateMethodOneCallerFillsWithAFile_IsReported()
            => Counterpart("", """
                private async Task HeaderAsync(Stream s) { await Task.Yield(); {|#0:s.Write(new byte[4], 0, 4)|}; }
                public Task OneAsync() => HeaderAsync(new MemoryStream());
                public Task TwoAsync() => HeaderAsync(File.Create("out.bin"));
                """);

        [Fact]
        public Task StreamParameterOfAPublicMethodCalledWithMemory_IsReported()
            => Counterpart("", """
                public async Task HeaderAsync(Stream s) { await Task.Yield(); {|#0:s.Write(new byte[4], 0, 4)|}; }
                public Task OneAsync() => HeaderAsync(new MemoryStream());
                """);

        [Fact]
        public Task StreamParameterOfAPrivateMethodAlsoHandedOnAsADelegate_IsReported()
            => Counterpart("", """
                private async Task HeaderAsync(Stream s) { await Task.Yield(); {|#0:s.Write(new byte[4], 0, 4)|}; }
                public Task OneAsync() => HeaderAsync(new MemoryStream());
                public Func<Stream, Task> Writer => HeaderAsync;
                """);

        [Fact]
        public Task PipeWriterHandedToAPrivateMethodWithAStreamsWriter_IsReported()
            => Counterpart(PipeStub + "public static class Writers { public static System.IO.Pipelines.PipeWriter Over(Stream s) => null!; }\n", """
                private readonly Task done;
                public C(Stream target) { done = CompleteAsync(Writers.Over(target)); }
                private static async Task CompleteAsync(System.IO.Pipelines.PipeWriter writer) { await Task.Yield(); {|#0:writer.Complete()|}; }
                """);

        [Fact]
        public Task StreamParameterOfAPrivateMethodNobodyCalls_IsReported()
            => Counterpart("", """
                private async Task HeaderAsync(Stream s) { await Task.Yield(); {|#0:s.Write(new byte[4], 0, 4)|}; }
                """);

        [Fact]
        public Task StreamParameterOfAPrivateMethodCalledWithItsCallersParameter_IsReported()
            => Counterpart("", """
                private async Task HeaderAsync(Stream s) { await Task.Yield(); {|#0:s.Write(new byte[4], 0, 4)|}; }
                public Task OneAsync(Stream output) => HeaderAsync(output);
                """);

        // ---------------------------------------------------------------- ASYNC104: a resource only handed to sync-only APIs

        // A library of another project: its exporter writes into the stream it is given and has no async form.
        private const string Exporter = """
            public class Exporter
            {
                public void Export(Stream destination) { }
                public void Export(Stream destination, int options) { }
                public void Save(Stream destination) { }
                public System.Threading.Tasks.Task SaveAsync(Stream destination) => System.Threading.Tasks.Task.CompletedTask;
            }
            """;

        private static Task UsingCase(string body, bool reported)
            => WithLibrary(
                new Usings104.Test { TestCode = Usings + "class C\n{\n    async Task RunAsync(Exporter exporter, string path)\n    {\n        await Task.Yield();\n" + body + "\n    }\n    static void Fill(Stream s) { }\n}\n" },
                Exporter,
                asTestProject: false,
                editorconfig: null,
                reported ? Usings104.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null) : null);

        [Fact]
        public Task FileOnlyHandedToAnExportWithNoAsyncForm_IsNotReported()
            => UsingCase("using (var file = File.Create(path)) { exporter.Export(file); }", reported: false);

        [Fact]
        public Task FileDeclarationHandedToTwoSyncOnlyCallsAndItsNameRead_IsNotReported()
            => UsingCase("using var file = File.Create(path); exporter.Export(file, 1); Console.WriteLine(file.Name + file.Length); exporter.Export(file);", reported: false);

        [Fact]
        public Task FileHandedToAFrameworkSerializerWithNoAsyncForm_IsNotReported()
            => UsingCase("using (var file = File.Create(path)) { new System.Xml.Serialization.XmlSerializer(typeof(int)).Serialize(file, 1); }", reported: false);

        [Fact]
        public Task FileHandedToAMethodThatHasAnAsyncForm_IsReported()
            => UsingCase("using (var {|#0:file = File.Create(path)|}) { exporter.Save(file); }", reported: true);

        [Fact]
        public Task FileHandedToASyncOnlyApiAndAlsoWrittenDirectly_IsReported()
            => UsingCase("using (var {|#0:file = File.Create(path)|}) { exporter.Export(file); file.WriteByte(1); }", reported: true);

        [Fact]
        public Task FileHandedToAHelperOfTheCompilation_IsReported()
            => UsingCase("using (var {|#0:file = File.Create(path)|}) { Fill(file); exporter.Export(file); }", reported: true);

        [Fact]
        public Task FileWrappedInAWriter_IsReported()
            => UsingCase("using var {|#0:file = File.Create(path)|}; exporter.Export(file); var w = new StreamWriter(file); w.Write('x');", reported: true);

        [Fact]
        public Task FileWhosePositionIsSetBeforeTheExport_IsReported()
            => UsingCase("using var {|#0:file = File.Create(path)|}; file.Position = 10; exporter.Export(file);", reported: true);

        // ---------------------------------------------------------------- tests: a reader over a stream the library handed out

        private const string Leases = """
            public class Lease
            {
                public Stream AsStream() => new MemoryStream();
            }

            """;

        private static Task InTests(string body, string? editorconfig, bool reported)
            => WithLibrary(
                new Counterparts.Test
                {
                    TestCode = Usings + "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n"
                        + "public class ReaderTests\n{\n    [Xunit.Fact]\n    public async Task ReadsAsync()\n    {\n        await Task.Yield();\n        var lease = new Lease();\n" + body + "\n    }\n}\n"
                        + "public sealed class OwnReader : StreamReader { public OwnReader(Stream s) : base(s) { } }\n",
                },
                Leases,
                asTestProject: true,
                editorconfig,
                reported ? Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null) : null);

        [Fact]
        public Task ReaderOverTheLibrarysStream_IsNotReported()
            => InTests("using (var v = lease.AsStream()) using (var sr = new StreamReader(v)) { Console.WriteLine(sr.ReadToEnd()); }", null, reported: false);

        [Fact]
        public Task ReaderCreatedInlineOverTheLibrarysStream_IsNotReported()
            => InTests("using var sr = new StreamReader(lease.AsStream(), Encoding.UTF8); Console.WriteLine(sr.ReadLine());", null, reported: false);

        [Fact]
        public Task ReaderOverAFile_IsReported()
            => InTests("using var sr = new StreamReader(File.OpenRead(\"data.txt\")); Console.WriteLine({|#0:sr.ReadToEnd()|});", null, reported: true);

        [Fact]
        public Task ReaderOfTheTestProjectOverTheLibrarysStream_IsReported()
            => InTests("using var sr = new OwnReader(lease.AsStream()); Console.WriteLine({|#0:sr.ReadToEnd()|});", null, reported: true);

        [Fact]
        public Task ReaderOverTheLibrarysStreamWithOwnApisReported_IsReported()
            => InTests("using var sr = new StreamReader(lease.AsStream()); Console.WriteLine({|#0:sr.ReadToEnd()|});", "async_analyzers.report_own_sync_apis_in_tests = true", reported: true);

        // ---------------------------------------------------------------- tests: an explicit Dispose() of the library's object

        private const string FieldSets = """
            public sealed class FieldSet : IDisposable, IAsyncDisposable
            {
                public static FieldSet Create() => new FieldSet();
                public void Dispose() { }
                public ValueTask DisposeAsync() => new ValueTask(Task.Delay(1));
            }

            """;

        private static Task DisposeInTests(string body, string? editorconfig, bool reported)
            => WithLibrary(
                new Usings104.Test
                {
                    TestCode = Usings + "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n"
                        + "public class FieldSetTests\n{\n    [Xunit.Fact]\n    public async Task DisposesAsync()\n    {\n        await Task.Yield();\n" + body + "\n    }\n    static void Assert(object o) { }\n}\n"
                        + "public sealed class OwnResource : IAsyncDisposable, IDisposable { public void Dispose() { } public ValueTask DisposeAsync() => new ValueTask(Task.Delay(1)); }\n",
                },
                FieldSets,
                asTestProject: true,
                editorconfig,
                reported ? Usings104.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null) : null);

        [Fact]
        public Task ExplicitDisposeOfTheLibrarysObject_IsNotReported()
            => DisposeInTests("var set = FieldSet.Create(); set.Dispose(); Assert(set);", null, reported: false);

        [Fact]
        public Task DisposeTwiceThenDisposeAsyncOfTheLibrarysObject_IsNotReported()
            => DisposeInTests("var set = FieldSet.Create(); set.Dispose(); set.Dispose(); await set.DisposeAsync();", null, reported: false);

        [Fact]
        public Task UsingOfTheLibrarysObject_IsReported()
            => DisposeInTests("using var {|#0:set = FieldSet.Create()|}; Assert(set);", null, reported: true);

        [Fact]
        public Task ExplicitDisposeOfTheLibrarysObjectInAFinally_IsReported()
            => DisposeInTests("var sets = new[] { FieldSet.Create() }; try { Assert(sets); } finally { for (var i = 0; i < sets.Length; i++) { try { {|#0:sets[i]?.Dispose()|}; } catch { } } }", null, reported: true);

        [Fact]
        public Task ExplicitDisposeOfAFile_IsReported()
            => DisposeInTests("var file = File.Create(\"x.bin\"); file.WriteByte(1); {|#0:file.Dispose()|};", null, reported: true);

        [Fact]
        public Task ExplicitDisposeOfTheTestProjectsOwnResource_IsReported()
            => DisposeInTests("var own = new OwnResource(); {|#0:own.Dispose()|};", null, reported: true);

        [Fact]
        public Task ExplicitDisposeOfTheLibrarysObjectWithOwnApisReported_IsReported()
            => DisposeInTests("var set = FieldSet.Create(); {|#0:set.Dispose()|};", "async_analyzers.report_own_sync_apis_in_tests = true", reported: true);

        // ---------------------------------------------------------------- the synchronous twin's task-returning callback

        private const string Engine = """
            public sealed class Command { public Func<Stream, Task>? Handler { get; set; } }
            public sealed class Engine { public void Run(Command c) { } public Task RunAsync(Command c) => Task.CompletedTask; }

            """;

        [Fact]
        public Task CallbackMadeByTheSyncTwin_IsNotReported()
            => NoCounterpart(Engine, """
                public void Authenticate(Engine engine, Command command)
                {
                    command.Handler = stream => { stream.Write(new byte[1], 0, 1); stream.Flush(); return Task.CompletedTask; };
                    engine.Run(command);
                }
                public Task AuthenticateAsync(Engine engine, Command command)
                {
                    command.Handler = async stream => { await stream.WriteAsync(new byte[1], 0, 1); await stream.FlushAsync(); };
                    return engine.RunAsync(command);
                }
                """);

        [Fact]
        public Task CallbackMadeByTheSyncTwinWhoseTwinIsInTheBaseClass_IsNotReported()
            => Counterparts.VerifyAnalyzerAsync(Usings + Engine + """
                public class ClientBase { public virtual Task<int> SendAsync(Engine engine, Command command) => Task.FromResult(0); }
                public sealed class Client : ClientBase
                {
                    public int Send(Engine engine, Command command)
                    {
                        command.Handler = delegate (Stream stream) { stream.Write(new byte[1], 0, 1); return Task.FromResult(1); };
                        engine.Run(command);
                        return 1;
                    }
                }
                """);

        [Fact]
        public Task CallbackMadeByASyncMethodWithNoTwin_IsReported()
            => Counterpart(Engine, """
                public void Configure(Engine engine, Command command)
                {
                    command.Handler = stream => { {|#0:stream.Flush()|}; return Task.CompletedTask; };
                    engine.Run(command);
                }
                """);

        [Fact]
        public Task AsyncCallbackMadeByTheSyncTwin_IsReported()
            => Counterpart(Engine, """
                public void Authenticate(Engine engine, Command command)
                {
                    command.Handler = async stream => { await Task.Yield(); {|#0:stream.Flush()|}; };
                    engine.Run(command);
                }
                public Task AuthenticateAsync(Engine engine, Command command) => engine.RunAsync(command);
                """);

        [Fact]
        public Task CallbackNestedInAnotherLambdaOfTheSyncTwin_IsReported()
            => Counterpart(Engine, """
                public void Authenticate(Engine engine, Command command)
                {
                    Action setup = () => command.Handler = stream => { {|#0:stream.Flush()|}; return Task.CompletedTask; };
                    setup();
                    engine.Run(command);
                }
                public Task AuthenticateAsync(Engine engine, Command command) => engine.RunAsync(command);
                """);

        [Fact]
        public Task CallbackMadeByAMethodWhoseAsyncNamedTwinReturnsNoTask_IsReported()
            => Counterpart(Engine, """
                public void Authenticate(Engine engine, Command command)
                {
                    command.Handler = stream => { {|#0:stream.Flush()|}; return Task.CompletedTask; };
                    engine.Run(command);
                }
                public void AuthenticateAsync(Engine engine, Command command) => engine.Run(command);
                """);

        // ---------------------------------------------------------------- ASYNC103: teardown on the way to a throw

        [Fact]
        public Task DisconnectInACatchThatRethrows_IsNotReported()
            => NoCounterpart("", """
                async Task<Stream> ConnectAsync(System.Net.Sockets.Socket socket, System.Net.EndPoint ep)
                {
                    try { await socket.ConnectAsync(ep); return new System.Net.Sockets.NetworkStream(socket, true); }
                    catch { if (socket.Connected) socket.Disconnect(false); socket.Dispose(); throw; }
                }
                """);

        [Fact]
        public Task ReadBuildingTheExceptionThatIsThrown_IsNotReported()
            => NoCounterpart("", """
                async Task CheckAsync(string path, bool ok)
                {
                    await Task.Yield();
                    if (!ok) { var detail = File.ReadAllText(path); throw new InvalidOperationException(detail); }
                }
                """);

        [Fact]
        public Task DisconnectInACatchThatReturnsAFallback_IsReported()
            => Counterpart("", """
                async Task<Stream?> ConnectAsync(System.Net.Sockets.Socket socket, System.Net.EndPoint ep)
                {
                    try { await socket.ConnectAsync(ep); return new System.Net.Sockets.NetworkStream(socket, true); }
                    catch { {|#0:socket.Disconnect(false)|}; return null; }
                }
                """);

        [Fact]
        public Task DisconnectInTheBodyBeforeAThrowLater_IsReported()
            => Counterpart("", """
                async Task CloseAsync(System.Net.Sockets.Socket socket, bool ok)
                {
                    await Task.Yield();
                    {|#0:socket.Disconnect(false)|};
                    if (!ok) throw new InvalidOperationException();
                }
                """);

        [Fact]
        public Task DisconnectInAFinally_IsReported()
            => Counterpart("", """
                async Task UseAsync(System.Net.Sockets.Socket socket, System.Net.EndPoint ep)
                {
                    try { await socket.ConnectAsync(ep); }
                    finally { {|#0:socket.Disconnect(false)|}; }
                }
                """);

        // ---------------------------------------------------------------- a library's stream named for memory

        private const string MemoryBlocks = """
            public sealed class MemoryBlockStream : Stream
            {
                public override bool CanRead => true; public override bool CanSeek => true; public override bool CanWrite => true;
                public override long Length => 0; public override long Position { get; set; }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) { }
            }
            public sealed class BlockStream : Stream
            {
                public override bool CanRead => true; public override bool CanSeek => true; public override bool CanWrite => true;
                public override long Length => 0; public override long Position { get; set; }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) { }
            }

            """;

        private static Task WithLibrary(string members, bool reported)
            => WithLibrary(new Counterparts.Test { TestCode = Usings + "class C\n{\n" + members + "\n}\n" }, MemoryBlocks, asTestProject: false, editorconfig: null, Expected103(reported));

        /// <summary>
        /// Runs <paramref name="test"/> with a second project "Lib" holding <paramref name="library"/>, which the test's project
        /// references; with <paramref name="asTestProject"/> the test's project is named "Lib.Tests" (the project under test is
        /// then Lib).
        /// </summary>
        private static Task WithLibrary(AnalyzerTest<DefaultVerifier> test, string library, bool asTestProject, string? editorconfig, DiagnosticResult? expected)
        {
            test.TestState.AdditionalProjects["Lib"].Sources.Add(Usings + library);
            test.TestState.AdditionalProjectReferences.Add("Lib");
            if (asTestProject)
            {
                test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, "Lib.Tests"));
            }

            if (editorconfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorconfig + "\n"));
            }

            if (expected is { } diagnostic)
            {
                test.ExpectedDiagnostics.Add(diagnostic);
            }

            return test.RunAsync();
        }

        private static DiagnosticResult? Expected103(bool reported)
            => reported ? Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithMessage(null) : null;

        [Fact]
        public Task WriteToALibrarysMemoryBlockStream_IsNotReported()
            => WithLibrary("async Task CopyAsync(Stream data) { var s = new MemoryBlockStream(); var b = new byte[8]; int n; while ((n = await data.ReadAsync(b, 0, 8)) > 0) s.Write(b, 0, n); }", reported: false);

        [Fact]
        public Task WriteToAnUnmanagedMemoryStream_IsNotReported()
            => WithLibrary("async Task FillAsync(UnmanagedMemoryStream s) { await Task.Yield(); s.Write(new byte[8], 0, 8); s.Flush(); }", reported: false);

        [Fact]
        public Task WriteToALibrarysStreamNotNamedForMemory_IsReported()
            => WithLibrary("async Task FillAsync(BlockStream s) { await Task.Yield(); {|#0:s.Write(new byte[8], 0, 8)|}; }", reported: true);

        [Fact]
        public Task WriteToAMemoryNamedStreamOfTheCompilationOverAFile_IsReported()
            => Counterpart("""
                public sealed class MemoryFrontStream : Stream
                {
                    private readonly FileStream file = File.Create("x.bin");
                    public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
                    public override long Length => 0; public override long Position { get; set; }
                    public override int Read(byte[] buffer, int offset, int count) => 0;
                    public override void Flush() => file.Flush();
                    public override long Seek(long offset, SeekOrigin origin) => 0;
                    public override void SetLength(long value) { }
                    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);
                }
                """, """
                async Task FillAsync(MemoryFrontStream s) { await Task.Yield(); {|#0:s.Write(new byte[8], 0, 8)|}; }
                """);

        // ---------------------------------------------------------------- streams of the compilation handed down or wrapped

        // A stream that only feeds a signature, and a filtering wrapper that forwards to the stream it is given.
        private const string SignatureStreams = """
            public sealed class SignatureStream : Stream
            {
                private long count;
                public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
                public override long Length => count; public override long Position { get => count; set { } }
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) { this.count += count; }
            }
            public sealed class FilterStream : Stream
            {
                private readonly Stream inner;
                public FilterStream(Stream inner) { this.inner = inner; }
                public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
                public override long Length => 0; public override long Position { get => 0; set { } }
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override void Flush() => inner.Flush();
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
            }
            static class Headers
            {
                public static void WriteHeader(Stream stream, string header) { var b = System.Text.Encoding.ASCII.GetBytes(header); stream.Write(b, 0, b.Length); }
            }

            """;

        [Fact]
        public Task HelperWritingToAWrapperOverASignatureStream_IsNotReportedAsAChain()
            => NoChain(SignatureStreams, """
                async Task<long> VerifyAsync(string[] headers)
                {
                    await Task.Yield();
                    using (var signature = new SignatureStream())
                    using (var filtered = new FilterStream(signature))
                    {
                        foreach (var h in headers) Headers.WriteHeader(filtered, h);
                        return signature.Length;
                    }
                }
                """);

        [Fact]
        public Task TwoHelpersDeepWritingToAWrapperOverASignatureStream_IsNotReportedAsAChain()
            => NoChain(SignatureStreams, """
                static void WriteAll(string[] headers, Stream stream) { for (var i = 0; i < headers.Length; i++) { if (headers[i].Length == 0) continue; Headers.WriteHeader(stream, headers[i]); } }
                static long Verify(string[] headers)
                {
                    using (var signature = new SignatureStream())
                    {
                        using (var filtered = new FilterStream(signature))
                        {
                            WriteAll(headers, filtered);
                            Headers.WriteHeader(filtered, "last");
                            filtered.Flush();
                        }

                        return signature.Length;
                    }
                }
                async Task<long> VerifyAsync(string[] headers) { await Task.Yield(); return Verify(headers); }
                """);

        [Fact]
        public Task HelperFlushingAWrapperOverAFile_IsReportedAsAChain()
            => Chain(SignatureStreams, """
                static void Save(string path) { var filtered = new FilterStream(File.Create(path)); filtered.Flush(); }
                async Task SaveAsync(string path) { await Task.Yield(); {|#0:Save(path)|}; }
                """,
                "Save",
                "Save -> Flush -> Stream.Flush");

        [Fact]
        public Task HelperFlushingAWrapperWhoseTargetCanBeReplaced_IsReportedAsAChain()
            => Chain(SignatureStreams.Replace("private readonly Stream inner;", "private Stream inner; public void Retarget(Stream s) { inner = s; }"), """
                static void Sign() { var filtered = new FilterStream(new SignatureStream()); filtered.Flush(); }
                async Task SignAsync() { await Task.Yield(); {|#0:Sign()|}; }
                """,
                "Sign",
                "Sign -> Flush -> Stream.Flush");

        // A wrapper that keeps its target in a privately set auto-property and flushes with a token.
        private const string FilteringStream = """
            public interface ICancellableStream { void Write(byte[] buffer, int offset, int count, CancellationToken cancellationToken); }
            public sealed class FilteringStream : Stream
            {
                public FilteringStream(Stream source) { Source = source; }
                public Stream Source { get; private set; }
                public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
                public override long Length => 0; public override long Position { get => 0; set { } }
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override void Flush() => Flush(CancellationToken.None);
                public void Flush(CancellationToken cancellationToken)
                {
                    var pending = new byte[1];
                    if (Source is ICancellableStream cancellable) cancellable.Write(pending, 0, 1, cancellationToken);
                    else Source.Write(pending, 0, 1);
                }
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => Source.Write(buffer, offset, count);
            }

            """;

        [Fact]
        public Task FlushWithATokenOfAWrapperOverASignatureStream_IsNotReportedAsAChain()
            => NoChain(SignatureStreams + FilteringStream, """
                static long Sign() { using var signature = new SignatureStream(); using var filtered = new FilteringStream(signature); filtered.Flush(CancellationToken.None); return signature.Length; }
                async Task<long> SignAsync() { await Task.Yield(); return Sign(); }
                """);

        [Fact]
        public Task FlushWithATokenOfAWrapperWhoseTargetIsPubliclySettable_IsReportedAsAChain()
            => Chain(SignatureStreams + FilteringStream.Replace("public Stream Source { get; private set; }", "public Stream Source { get; set; }"), """
                static long Sign() { using var signature = new SignatureStream(); using var filtered = new FilteringStream(signature); filtered.Flush(CancellationToken.None); return signature.Length; }
                async Task<long> SignAsync() { await Task.Yield(); return {|#0:Sign()|}; }
                """,
                "Sign",
                "Sign -> Flush -> Stream.Write");

        [Fact]
        public Task HeadersWrittenTwoHelpersDeepIntoAWrapperOverASignatureStream_IsNotReportedAsAChain()
            => NoChain(SignatureStreams + FilteringStream, """
                static void WriteHeaderRelaxed(Stream stream, string header)
                {
                    var name = System.Text.Encoding.ASCII.GetBytes(header.ToLowerInvariant());
                    stream.Write(name, 0, name.Length);
                    stream.WriteByte((byte)':');
                }
                static void WriteHeaders(string[] fields, Stream stream)
                {
                    for (int i = 0; i < fields.Length; i++) { if (fields[i].Length == 0) continue; WriteHeaderRelaxed(stream, fields[i]); }
                }
                protected bool VerifySignature(string[] headers, string signature)
                {
                    using (var stream = new SignatureStream())
                    {
                        using (var filtered = new FilteringStream(stream))
                        {
                            WriteHeaders(headers, filtered);
                            WriteHeaderRelaxed(filtered, signature);
                            filtered.Flush();
                        }

                        return stream.Length > 0;
                    }
                }
                async Task<bool> VerifyAsync(string[] headers, bool doAsync) { if (doAsync) await Task.Yield(); return VerifySignature(headers, "b="); }
                """);

        private const string HeaderWriters = """
            static class HeaderWriters
            {
                internal static void WriteHeaderRelaxed(Stream stream, string header) { var b = System.Text.Encoding.ASCII.GetBytes(header); stream.Write(b, 0, b.Length); stream.WriteByte((byte)10); }
                internal static void WriteHeaders(string[] fields, Stream stream) { foreach (var f in fields) { if (f.Length == 0) continue; WriteHeaderRelaxed(stream, f); } }
                internal static readonly Stream Log = File.Create("log.bin");
                internal static void WriteHeadersAndLog(string[] fields, Stream stream) { foreach (var f in fields) { WriteHeaderRelaxed(stream, f); WriteHeaderRelaxed(Log, f); } }
            }

            """;

        [Fact]
        public Task MemoryHandedDownTwoVisibleHelpers_IsNotReportedAsAChain()
            => NoChain(HeaderWriters, """
                static long Measure(string[] headers) { var memory = new MemoryStream(); HeaderWriters.WriteHeaders(headers, memory); return memory.Length; }
                async Task<long> MeasureAsync(string[] headers) { await Task.Yield(); return Measure(headers); }
                """);

        [Fact]
        public Task MemoryHandedDownToAHelperThatAlsoWritesAFile_IsReportedAsAChain()
            => Chain(HeaderWriters, """
                static long Measure(string[] headers) { var memory = new MemoryStream(); HeaderWriters.WriteHeadersAndLog(headers, memory); return memory.Length; }
                async Task<long> MeasureAsync(string[] headers) { await Task.Yield(); return {|#0:Measure(headers)|}; }
                """,
                "Measure",
                "Measure -> WriteHeadersAndLog -> WriteHeaderRelaxed -> Stream.Write");

        [Fact]
        public Task FileHandedDownTwoVisibleHelpers_IsReportedAsAChain()
            => Chain(HeaderWriters, """
                static void Save(string[] headers, string path) { var file = File.Create(path); HeaderWriters.WriteHeaders(headers, file); }
                async Task SaveAsync(string[] headers) { await Task.Yield(); {|#0:Save(headers, "h.txt")|}; }
                """,
                "Save",
                "Save -> WriteHeaders -> WriteHeaderRelaxed -> Stream.Write");

        [Fact]
        public Task FlushOfAWrapperOverASignatureStream_IsNotReported()
            => NoCounterpart(SignatureStreams, """
                async Task VerifyAsync()
                {
                    await Task.Yield();
                    using var signature = new SignatureStream();
                    using var filtered = new FilterStream(signature);
                    filtered.Write(new byte[1], 0, 1);
                    filtered.Flush();
                }
                """);

        [Fact]
        public Task HelperWritingToAWrapperOverAFile_IsReportedAsAChain()
            => Chain(SignatureStreams, """
                async Task SaveAsync(string path)
                {
                    await Task.Yield();
                    var filtered = new FilterStream(File.Create(path));
                    {|#0:Headers.WriteHeader(filtered, "x")|};
                }
                """,
                "WriteHeader",
                "WriteHeader -> Stream.Write");

        [Fact]
        public Task FlushOfAWrapperOverAFile_IsReported()
            => Counterpart(SignatureStreams, """
                async Task SaveAsync(string path)
                {
                    await Task.Yield();
                    var filtered = new FilterStream(File.Create(path));
                    {|#0:filtered.Flush()|};
                }
                """);

        [Fact]
        public Task HelperWritingToASignatureStreamThatAlsoLogsToAFile_IsReportedAsAChain()
            => Chain(SignatureStreams.Replace("{ this.count += count; }", "{ this.count += count; File.AppendAllText(\"log.txt\", \"w\"); }"), """
                async Task VerifyAsync()
                {
                    await Task.Yield();
                    var signature = new SignatureStream();
                    {|#0:Headers.WriteHeader(signature, "x")|};
                }
                """,
                "WriteHeader",
                "WriteHeader -> Stream.Write");

        // ---------------------------------------------------------------- a private field that caches completed tasks

        private static Task NoWait(string members) => Waits.VerifyAnalyzerAsync(Usings + "class C\n{\n" + members + "\n}\n");

        private static Task Wait(string members)
        {
            var test = new Waits.Test { TestCode = Usings + "class C\n{\n" + members + "\n}\n" };
            test.ExpectedDiagnostics.Add(Waits.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task ResultOfAFieldThatCachesCompletedReads_IsNotReported()
            => NoWait("""
                private Task<int>? lastReadTask;
                int Read(byte[] b) => b.Length;
                public Task<int> ReadAsync(byte[] b)
                {
                    int n = Read(b);
                    if (lastReadTask is null || lastReadTask.Result != n)
                        lastReadTask = Task.FromResult(n);
                    return lastReadTask;
                }
                """);

        [Fact]
        public Task WaitOnAFieldInitializedAndResetWithCompletedTasks_IsNotReported()
            => NoWait("""
                private Task done = Task.CompletedTask;
                public void Reset() { done = null!; done = Task.FromResult(1); }
                public async Task RunAsync() { await Task.Yield(); done.Wait(); }
                """);

        [Fact]
        public Task ResultOfAFieldAlsoGivenARunningTask_IsReported()
            => Wait("""
                private Task<int>? last;
                public void Start() => last = Task.Run(() => 1);
                public async Task<int> GetAsync() { await Task.Yield(); last ??= Task.FromResult(0); return {|#0:last.Result|}; }
                """);

        [Fact]
        public Task ResultOfAnInternalFieldOfCompletedTasks_IsReported()
            => Wait("""
                internal Task<int> last = Task.FromResult(0);
                public async Task<int> GetAsync() { await Task.Yield(); return {|#0:last.Result|}; }
                """);

        [Fact]
        public Task ResultOfAFieldAlsoExchangedByRef_IsReported()
            => Wait("""
                private Task<int> last = Task.FromResult(0);
                public void Swap(Task<int> t) => Interlocked.Exchange(ref last, t);
                public async Task<int> GetAsync() { await Task.Yield(); return {|#0:last.Result|}; }
                """);

        // ---------------------------------------------------------------- ASYNC104: flushed asynchronously before the end

        private static Task UsingOnly(string body, bool reported)
        {
            var test = new Usings104.Test { TestCode = Usings + "class C\n{\n    static Task WriteToAsync(Stream s) => Task.CompletedTask;\n    async Task SaveAsync(string path, CancellationToken ct)\n    {\n" + body + "\n    }\n}\n" };
            if (reported)
            {
                test.ExpectedDiagnostics.Add(Usings104.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null));
            }

            return test.RunAsync();
        }

        [Fact]
        public Task FileFlushedAsynchronouslyAtTheEnd_IsNotReported()
            => UsingOnly("using (var stream = File.Open(path, FileMode.Create, FileAccess.Write)) { await WriteToAsync(stream); await stream.FlushAsync(ct); }", reported: false);

        [Fact]
        public Task FileDeclarationFlushedAsynchronouslyWithConfigureAwaitAtTheEnd_IsNotReported()
            => UsingOnly("using var stream = File.Create(path); await WriteToAsync(stream); await stream.FlushAsync(ct).ConfigureAwait(false); Console.WriteLine(path);", reported: false);

        [Fact]
        public Task FileWrittenAfterItsAsyncFlush_IsReported()
            => UsingOnly("using (var {|#0:stream = File.Create(path)|}) { await stream.FlushAsync(ct); stream.WriteByte(1); }", reported: true);

        [Fact]
        public Task FileFlushedAsynchronouslyOnlyOnOneBranch_IsReported()
            => UsingOnly("using (var {|#0:stream = File.Create(path)|}) { await WriteToAsync(stream); if (path.Length > 3) { await stream.FlushAsync(ct); } }", reported: true);

        // ---------------------------------------------------------------- more routes by which a stream is memory

        // Another library's generator that makes a stream over the stream it is handed.
        private const string Generators = """
            public sealed class Compressor { public Stream Open(Stream output) => output; }
            public sealed class Archive { public Stream Open(string path) => File.OpenRead(path); }

            """;

        private static Task WithGenerators(string members, bool reported)
            => WithLibrary(new Counterparts.Test { TestCode = Usings + "class C\n{\n" + members + "\n}\n" }, Generators, asTestProject: false, editorconfig: null, Expected103(reported));

        [Fact]
        public Task StreamALibraryMakesOverMemory_IsNotReported()
            => WithGenerators("async Task<Stream> PackAsync(Stream content, Compressor c) { var memory = new MemoryStream(); using (var packed = c.Open(memory)) { var b = new byte[8]; int n; while ((n = await content.ReadAsync(b, 0, 8)) > 0) packed.Write(b, 0, n); packed.Flush(); } return memory; }", reported: false);

        [Fact]
        public Task StreamAwaitedFromAHelperThatReturnsMemory_IsNotReported()
            => WithGenerators("""
                static async Task<Stream> BufferAsync(Stream content) { var memory = new MemoryStream(); await content.CopyToAsync(memory); memory.Position = 0; return memory; }
                async Task<int> SizeAsync(Stream content) { using (var buffered = await BufferAsync(content).ConfigureAwait(false)) { return buffered.Read(new byte[8], 0, 8); } }
                """, reported: false);

        [Fact]
        public Task StreamThatIsMemoryOrNothing_IsNotReported()
            => WithGenerators("async Task CopyAsync(Stream source, bool copy) { Stream? content = copy ? new MemoryStream() : null; var b = new byte[8]; int n; while ((n = await source.ReadAsync(b, 0, 8)) > 0) content?.Write(b, 0, n); }", reported: false);

        [Fact]
        public Task HashOfAMemoryStream_IsNotReported()
            => WithGenerators("async Task<byte[]> HashAsync(Stream source) { var copy = new MemoryStream(); await source.CopyToAsync(copy); copy.Position = 0; using var md5 = System.Security.Cryptography.MD5.Create(); return md5.ComputeHash(copy); }", reported: false);

        [Fact]
        public Task StreamALibraryMakesOverAFile_IsReported()
            => WithGenerators("async Task PackAsync(Compressor c, string path) { await Task.Yield(); using (var packed = c.Open(File.Create(path))) { {|#0:packed.Write(new byte[8], 0, 8)|}; } }", reported: true);

        [Fact]
        public Task StreamALibraryOpensFromAPath_IsReported()
            => WithGenerators("async Task<int> ReadAsync(Archive a) { await Task.Yield(); using var s = a.Open(\"x.zip\"); return {|#0:s.Read(new byte[8], 0, 8)|}; }", reported: true);

        [Fact]
        public Task StreamAwaitedFromAHelperThatMayReturnAFile_IsReported()
            => WithGenerators("""
                static async Task<Stream> OpenAsync(string path, bool cache) { await Task.Yield(); if (cache) return new MemoryStream(); return File.OpenRead(path); }
                async Task<int> SizeAsync(string path) { using (var s = await OpenAsync(path, true)) { return {|#0:s.Read(new byte[8], 0, 8)|}; } }
                """, reported: true);

        [Fact]
        public Task StreamThatIsMemoryOrAFile_IsReported()
            => WithGenerators("async Task CopyAsync(bool copy, string path) { await Task.Yield(); Stream content = copy ? new MemoryStream() : File.Create(path); {|#0:content.Write(new byte[8], 0, 8)|}; }", reported: true);

        [Fact]
        public Task HashOfAFile_IsReported()
            => WithGenerators("async Task<byte[]> HashAsync(string path) { await Task.Yield(); using var md5 = System.Security.Cryptography.MD5.Create(); using var file = File.OpenRead(path); return {|#0:md5.ComputeHash(file)|}; }", reported: true);

        // ---------------------------------------------------------------- tests: streams the library's objects hold

        private const string Wrappers = """
            public sealed class LineStream : IDisposable
            {
                public LineStream(Stream inner) { Stream = inner; }
                public Stream Stream { get; }
                public Task<Stream> GetStreamAsync() => Task.FromResult<Stream>(new MemoryStream());
                public void Dispose() { }
            }

            """;

        private static Task WrappersInTests(string body, bool reported)
            => WithLibrary(
                new Counterparts.Test
                {
                    TestCode = Usings + "namespace Xunit { public sealed class FactAttribute : Attribute { } }\n"
                        + "public class LineStreamTests\n{\n    [Xunit.Fact]\n    public async Task ReadsAsync()\n    {\n        await Task.Yield();\n" + body + "\n    }\n}\n",
                },
                Wrappers,
                asTestProject: true,
                editorconfig: null,
                Expected103(reported));

        [Fact]
        public Task WriteToTheStreamTheLibrarysObjectHolds_IsNotReported()
            => WrappersInTests("using (var lines = new LineStream(new MemoryStream())) { var data = new byte[4]; lines.Stream.Write(data, 0, data.Length); lines.Stream.Position = 0; }", reported: false);

        [Fact]
        public Task ReaderOverAStreamTheLibrarysTaskHandsOut_IsNotReported()
            => WrappersInTests("var lines = new LineStream(new MemoryStream()); using (var reader = new StreamReader(await lines.GetStreamAsync().ConfigureAwait(false))) { Console.WriteLine(reader.ReadToEnd()); }", reported: false);

        [Fact]
        public Task WriteToAFileBesideTheLibrarysObject_IsReported()
            => WrappersInTests("using (var lines = new LineStream(new MemoryStream())) using (var file = File.Create(\"x\")) { {|#0:file.Write(new byte[4], 0, 4)|}; }", reported: true);

        [Fact]
        public Task ReaderOverAFileOpenedAfterAnAwait_IsReported()
            => WrappersInTests("var lines = new LineStream(new MemoryStream()); using (var reader = new StreamReader(await Task.FromResult(File.OpenRead(\"x\")))) { Console.WriteLine({|#0:reader.ReadToEnd()|}); }", reported: true);
    }
}
