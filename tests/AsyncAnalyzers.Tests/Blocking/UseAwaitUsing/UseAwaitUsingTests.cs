using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public class UseAwaitUsingTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static DiagnosticResult Diagnostic(string type, string replacement = "await using")
            => Verify.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithArguments(type, "use '" + replacement + "'");

        // ---------------------------------------------------------------- reported

        [Theory]
        [InlineData("async Task M(string p) { using (var {|#0:s = File.OpenWrite(p)|}) { s.WriteByte(1); } }")]
        [InlineData("async Task M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); }")]
        [InlineData("async Task<int> M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); return 1; }")]
        [InlineData("async ValueTask M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); }")]
        [InlineData("async ValueTask<int> M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); return 1; }")]
        [InlineData("void M(string p) { Func<Task> f = async () => { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); }; }")]
        [InlineData("void M(string p) { async Task Local() { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); } }")]
        [InlineData("async System.Collections.Generic.IAsyncEnumerable<int> M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); yield return 1; await Task.Yield(); }")]
        [InlineData("Task M(string p) { using var {|#0:s = File.OpenWrite(p)|}; s.WriteByte(1); return Task.CompletedTask; }")]
        [InlineData("async Task M(FileStream s) { using ({|#0:s|}) { } }")]
        public Task FileStream_OnAsyncPath_IsReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }", Diagnostic("FileStream"));
        }

        [Theory]
        [InlineData("async Task M(Stream s) { using var {|#0:w = new StreamWriter(s)|}; }", "StreamWriter")]
        [InlineData("async Task M(Stream s) { using var {|#0:w = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Fastest)|}; }", "GZipStream")]
        [InlineData("async Task M(Stream s) { using var {|#0:w = new System.Text.Json.Utf8JsonWriter(s)|}; }", "Utf8JsonWriter")]
        [InlineData("async Task M(Stream s) { using var {|#0:b = new BufferedStream(s)|}; }", "BufferedStream")]
        [InlineData("async Task M(Stream s) { using var {|#0:z = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Compress)|}; }", "GZipStream")]
        [InlineData("async Task M(string p) { using var {|#0:f = new FileStream(p, FileMode.Create, FileAccess.Write)|}; f.WriteByte(1); }", "FileStream")]
        public Task FrameworkTypesWithTheirOwnDisposeAsync_AreReported(string member, string type)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }", Diagnostic(type));
        }

        [Fact]
        public Task DisposeCall_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(string p) { var stream = File.OpenWrite(p); await Task.Yield(); {|#0:stream.Dispose()|}; } }",
                Diagnostic("FileStream", "await stream.DisposeAsync()"));
        }

        [Fact]
        public Task DisposeCallOnAReceiverWrittenOverSeveralLines_IsNamedOnOneLineInTheMessage()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class Holder { public FileStream Stream = null!; }\nclass C\n{\n    async Task M(Holder holder)\n    {\n        await Task.Yield();\n        {|#0:holder\n            .Stream\n            .Dispose()|};\n    }\n}\n",
                Diagnostic("FileStream", "await holder.Stream.DisposeAsync()"));
        }

        [Fact]
        public Task UserTypeThatOverridesDisposeAsync_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Uploader : IDisposable, IAsyncDisposable
                {
                    public void Dispose() { }
                    public ValueTask DisposeAsync() => default;
                }
                class C { async Task M() { using var {|#0:u = new Uploader()|}; await Task.Yield(); } }
                """,
                Diagnostic("Uploader"));
        }

        [Fact]
        public Task InterfaceThatIsBothDisposableAndAsyncDisposable_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                interface IConnection : IDisposable, IAsyncDisposable { }
                class C { async Task M(IConnection connection) { await Task.Yield(); {|#0:connection.Dispose()|}; } }
                """,
                Diagnostic("IConnection", "await connection.DisposeAsync()"));
        }

        [Fact]
        public Task StreamSubclassThatOverridesDisposeAsync_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class UploadStream : MemoryStreamLike
                {
                    public override ValueTask DisposeAsync() => default;
                }
                abstract class MemoryStreamLike : Stream
                {
                    public override bool CanRead => false;
                    public override bool CanSeek => false;
                    public override bool CanWrite => true;
                    public override long Length => 0;
                    public override long Position { get; set; }
                    public override void Flush() { }
                    public override int Read(byte[] buffer, int offset, int count) => 0;
                    public override long Seek(long offset, SeekOrigin origin) => 0;
                    public override void SetLength(long value) { }
                    public override void Write(byte[] buffer, int offset, int count) { }
                }
                class C { async Task M() { using (var {|#0:upload = new UploadStream()|}) { upload.WriteByte(1); } } }
                """,
                Diagnostic("UploadStream"));
        }

        // ---------------------------------------------------------------- not reported

        [Theory]
        [InlineData("void M(string p) { using var s = File.OpenWrite(p); }")]
        [InlineData("async Task M(string p) { await using var s = File.OpenWrite(p); }")]
        [InlineData("async Task M(string p) { await using (var s = File.OpenWrite(p)) { } }")]
        [InlineData("async Task M() { using var s = new MemoryStream(); }")]
        [InlineData("async Task M() { using var w = new StringWriter(); }")]
        [InlineData("async Task M() { using var r = new StringReader(\"x\"); }")]
        [InlineData("async Task M(Stream s) { using var r = new StreamReader(s); }")]
        [InlineData("async Task M() { using var t = new Timer(_ => { }); }")]
        [InlineData("async Task M(CancellationToken ct) { using var r = ct.Register(() => { }); await Task.Delay(1, ct); }")]
        [InlineData("async Task M(System.Net.Http.HttpClient c) { using (c) { } }")]
        [InlineData("async Task M(CancellationTokenSource cts) { using (cts) { } }")]
        [InlineData("async Task M(string p) { using var s = File.OpenRead(p); using (var t = File.OpenRead(p)) { } using (File.OpenRead(p)) { } }")]
        [InlineData("async Task M(string p) { using var s = new FileStream(p, FileMode.Open, FileAccess.Read); using var t = File.Open(p, FileMode.Open, FileAccess.Read, FileShare.Read); }")]
        [InlineData("async Task M(Stream s) { using var z = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress); }")]
        [InlineData("async Task M(string p) { await Task.Run(() => { using var s = File.OpenWrite(p); }); }")]
        [InlineData("async Task M(string p) { Action a = () => { using var s = File.OpenWrite(p); }; }")]
        [InlineData("async Task M<T>(T x) where T : IDisposable, IAsyncDisposable { using (x) { } }")]
        public Task NotAsyncPathOrNoOwnDisposeAsync_IsNotReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");
        }

        [Fact]
        public Task TypesThatInheritTheDefaultDisposeAsync_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class PlainStream : Stream
                {
                    public override bool CanRead => false;
                    public override bool CanSeek => false;
                    public override bool CanWrite => true;
                    public override long Length => 0;
                    public override long Position { get; set; }
                    public override void Flush() { }
                    public override int Read(byte[] buffer, int offset, int count) => 0;
                    public override long Seek(long offset, SeekOrigin origin) => 0;
                    public override void SetLength(long value) { }
                    public override void Write(byte[] buffer, int offset, int count) { }
                }
                class PlainWriter : TextWriter { public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8; }
                class C
                {
                    async Task M(System.Data.Common.DbConnection connection, System.Data.Common.DbCommand command)
                    {
                        using var s = new PlainStream();
                        using var w = new PlainWriter();
                        using (connection) { }
                        using var reader = command.ExecuteReader();
                        command.Dispose();
                        await Task.Yield();
                    }
                }
                """);
        }

        [Fact]
        public Task InsideLock_AndSelfDispose_AreNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Owner : IDisposable, IAsyncDisposable
                {
                    readonly object gate = new object();
                    FileStream? file;
                    public void Dispose() { file?.Dispose(); }
                    public ValueTask DisposeAsync() { Dispose(); return default; }
                    async Task CloseAsync(FileStream f)
                    {
                        lock (gate) { f.Dispose(); }
                        this.Dispose();
                        await Task.Yield();
                    }
                }
                """);
        }

        [Fact]
        public Task MicrosoftDataSqlite_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                namespace Microsoft.Data.Sqlite
                {
                    public class SqliteConnection : IDisposable, IAsyncDisposable
                    {
                        public void Dispose() { }
                        public ValueTask DisposeAsync() => default;
                    }
                }
                class C { async Task M() { using var c = new Microsoft.Data.Sqlite.SqliteConnection(); await Task.Yield(); } }
                """);
        }

        [Fact]
        public Task IncompleteCode_DoesNotCrash()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(string p) { using (Undefined u = new Undefined()) { } using var x = ; using ({|#0:File.OpenWrite()|}) { } x.Dispose(); Undefined.Dispose(); ",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };

            // A call still being typed binds to its only candidate already, and is reported like a finished one.
            test.ExpectedDiagnostics.Add(Diagnostic("FileStream"));
            return test.RunAsync();
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Usings + "class C { async Task M(string p) { using var s = File.OpenWrite(p); } }");
        }

        [Fact]
        public Task ExplicitlyImplementedDisposeAsync_IsReportedButDisposeCallIsNotFixed()
        {
            var source = Usings + """
                class Session : IDisposable, IAsyncDisposable
                {
                    public void Dispose() { }
                    ValueTask IAsyncDisposable.DisposeAsync() => default;
                }
                class C { async Task M(Session s) { await Task.Yield(); [|s.Dispose()|]; } }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_UsingDeclaration()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(string path)
                    {
                        // the output file
                        using var {|#0:stream = File.OpenWrite(path)|};
                        await stream.WriteAsync(new byte[1]);
                    }
                }
                """.Replace("{|#0:", "[|").Replace("|};", "|];"),
                Usings + """
                class C
                {
                    async Task M(string path)
                    {
                        // the output file
                        await using var stream = File.OpenWrite(path);
                        await stream.WriteAsync(new byte[1]);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_UsingStatement()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Stream s) { using (var [|w = new StreamWriter(s)|]) { await w.WriteAsync(\"x\"); } } }",
                Usings + "class C { async Task M(Stream s) { await using (var w = new StreamWriter(s)) { await w.WriteAsync(\"x\"); } } }");
        }

        [Fact]
        public Task Fix_UsingStatementWithExpression()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(FileStream s) { using ([|s|]) { await s.FlushAsync(); } } }",
                Usings + "class C { async Task M(FileStream s) { await using (s) { await s.FlushAsync(); } } }");
        }

        [Fact]
        public Task Fix_DisposeCall_KeepsConfigureAwaitFalse()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(FileStream s) { await s.FlushAsync().ConfigureAwait(false); [|s.Dispose()|]; } }",
                Usings + "class C { async Task M(FileStream s) { await s.FlushAsync().ConfigureAwait(false); await s.DisposeAsync().ConfigureAwait(false); } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task WriteAsync(string path)
                    {
                        using var [|writer = new StreamWriter(path)|];
                        return writer.WriteAsync("report");
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task WriteAsync(string path)
                    {
                        await using var writer = new StreamWriter(path);
                        await writer.WriteAsync("report");
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_NotOfferedForConditionalDispose()
        {
            var source = Usings + "class C { async Task M(FileStream? s) { await Task.Yield(); [|s?.Dispose()|]; } }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NotOfferedWhenTheOwnerCannotBecomeAsync()
        {
            var source = Usings + """
                class C
                {
                    Task M(string p)
                    {
                        Span<int> buffer = stackalloc int[4];
                        using var [|s = File.OpenWrite(p)|];
                        s.WriteByte(1);
                        return Task.CompletedTask;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task FixAll_MixedShapesInOneTaskMethod()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    Task<long> ExportAsync(string path, Stream source)
                    {
                        using var [|target = File.Create(path)|];
                        using (var [|writer = new StreamWriter(target)|])
                        {
                            writer.Write("header");
                        }

                        var copy = File.OpenWrite(path + ".bak");
                        source.CopyTo(copy);
                        [|copy.Dispose()|];
                        return Task.FromResult(target.Length);
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<long> ExportAsync(string path, Stream source)
                    {
                        await using var target = File.Create(path);
                        await using (var writer = new StreamWriter(target))
                        {
                            writer.Write("header");
                        }

                        var copy = File.OpenWrite(path + ".bak");
                        source.CopyTo(copy);
                        await copy.DisposeAsync();
                        return target.Length;
                    }
                }
                """);
        }

        [Fact]
        public async Task Fix_KeepsBehaviour()
        {
            const string Original = """
                using System;
                using System.IO;
                using System.Threading.Tasks;
                public static class Program
                {
                    public static async Task Main()
                    {
                        var path = Path.GetTempFileName();
                        using (var writer = new StreamWriter(path))
                        {
                            await writer.WriteAsync("report");
                        }
                        var copy = File.OpenRead(path);
                        Console.WriteLine(copy.Length);
                        copy.Dispose();
                        Console.WriteLine(File.ReadAllText(path));
                        File.Delete(path);
                    }
                }
                """;
            var fixedSource = Original.Replace("using (var writer", "await using (var writer").Replace("copy.Dispose();", "await copy.DisposeAsync();");
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Original, fixedSource);
            Assert.Equal("6\nreport\n", outcome.Output.Replace("\r\n", "\n"));
        }
    }
}
