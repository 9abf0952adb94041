using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class UseAsyncCounterpartTests
    {
        [Theory]
        [InlineData("async Task<System.Collections.Generic.IEnumerable<int>> M(Rows r) { await Task.Yield(); return r.Read(); }")]
        [InlineData("async Task M(Rows r) { var rows = r.Read(); await Task.Yield(); Keep(rows); } static void Keep(object o) { }")]
        [InlineData("async Task M(Rows r) { await foreach (var x in r.ReadAsync()) { } }")]
        [InlineData("async Task M(Probe p) { await p.ExpectNextAsync(1); p.Request(2); }")]
        [InlineData("async Task M(Other o) { var b = o.Build(); await Task.Yield(); } public class Other { public Other Build() => this; public Task<int> BuildAsync() => Task.FromResult(1); }")]
        [InlineData("async Task M() { var c = Config.Load(); await Task.Yield(); } public class Config { public static Config Load() => new Config(); public static Task LoadAsync() => Task.CompletedTask; }")]
        [InlineData("async Task M(Shape s) { var t = s.Scale(2); await Task.Yield(); } public class Shape { public Other Scale(int k) => new Other(); public Task ScaleAsync(int k) => Task.CompletedTask; } public class Other { }")]
        public Task OtherShapesThatAreNoTwin_AreNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }" + Probe);

        [Fact]
        public Task TwinThatCallsTheCaller_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Encoder
                {
                    public void Encode(Stream s) { }
                    public Task EncodeAsync(Stream s) => EncodeCoreAsync(s);
                    private async Task EncodeCoreAsync(Stream s) { await Task.Yield(); Encode(s); }
                }
                """);

        [Fact]
        public Task TwinThatReachesTheCallerThroughHelpers_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Encoder
                {
                    public void Encode(Stream s) { }
                    public Task EncodeAsync(Stream s) => Task.Run(() => Seekable(s));
                    private Task Seekable(Stream s) => Buffered(s);
                    private async Task Buffered(Stream s) { using var copy = new MemoryStream(); Encode(copy); await copy.CopyToAsync(s); }
                }
                """);

        [Fact]
        public Task TwinThatCallsAnAbstractStepTheCallerOverrides_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public abstract class Encoder
                {
                    public void Encode(Stream s) { }
                    public Task EncodeAsync(Stream s) => EncodeCoreAsync(s);
                    protected abstract Task EncodeCoreAsync(Stream s);
                }
                public sealed class PngEncoder : Encoder
                {
                    protected override async Task EncodeCoreAsync(Stream s) { await Task.Yield(); Encode(s); }
                }
                """);

        [Fact]
        public Task TwinThatOnlyWrapsTheSyncMethod_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Converter
                {
                    public int Read(Stream s) => s.ReadByte();
                    public ValueTask<int> ReadAsync(Stream s) => new(Read(s));
                }
                class C { async Task<int> M(Converter c, Stream s) { var b = c.Read(s); await Task.Yield(); return b; } }
                """);

        [Fact]
        public Task TwinThatCallsTheSyncMethodThenCompletes_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Request
                {
                    public void Cancel() { Thread.Sleep(1); }
                    public Task CancelAsync() { Cancel(); return Task.CompletedTask; }
                }
                class C { async Task M(Request r) { r.Cancel(); await Task.Yield(); } }
                """);

        [Fact]
        public Task TwinThatReachesTheSyncMethodThroughAHelper_IsNoCounterpart()
            => Verify.VerifyAnalyzerAsync(Usings + """
                public class Writer
                {
                    public void Write(Stream s, byte b) => s.WriteByte(b);
                    public Task WriteAsync(Stream s, byte b) => Complete(s, b);
                    private Task Complete(Stream s, byte b) { Write(s, b); return Task.CompletedTask; }
                }
                class C { async Task M(Writer w, Stream s) { w.Write(s, 1); await Task.Yield(); } }
                """);

        [Fact]
        public Task InsideLock_IsNotReported()
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task M(string p, object gate) { await Task.Yield(); lock (gate) { File.ReadAllText(p); } } }");

        [Fact]
        public Task EnumerableToListOnAList_WithAQueryableToListAsyncInScope_IsNotReported()
        {
            // The extension's name matches, but it extends IQueryable<T>: nothing to call on a List<T>.
            return Verify.VerifyAnalyzerAsync(Usings + """
                using System.Collections.Generic;
                using Microsoft.EntityFrameworkCore;
                namespace Microsoft.EntityFrameworkCore
                {
                    public static class EntityFrameworkQueryableExtensions
                    {
                        public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(source.ToList());
                    }
                }
                class C { async Task M(List<int> orders, int[] numbers) { var list = orders.Where(o => o > 1).ToList(); var copy = numbers.ToList(); await Task.Yield(); } }
                """);
        }

        [Theory]
        [InlineData("void M(string p) { File.ReadAllText(p); }")]
        [InlineData("C(string p) { File.ReadAllText(p); }")]
        [InlineData("async Task M(string p) { await Task.Run(() => File.ReadAllText(p)); }")]
        [InlineData("async Task M(string p) { Func<string> f = () => File.ReadAllText(p); }")]
        [InlineData("async Task M(string p) { System.Linq.Expressions.Expression<Func<string>> e = () => File.ReadAllText(p); }")]
        [InlineData("async Task M() { var n = nameof(File.ReadAllText); }")]
        [InlineData("async Task M(string p) { await File.ReadAllTextAsync(p); }")]
        [InlineData("async Task M(string p) { File.Exists(p); Path.Combine(p, p); }")]
        public Task NotAnAsyncPathOrNoCounterpart_IsNotReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");
        }

        [Theory]
        [InlineData("async Task M(MemoryStream s, byte[] b) { s.Write(b, 0, 1); s.Read(b, 0, 1); s.Flush(); s.CopyTo(Stream.Null); }")]
        [InlineData("async Task M(string text) { var r = new StringReader(text); r.ReadToEnd(); r.ReadLine(); }")]
        [InlineData("async Task M() { var w = new StringWriter(); w.Write(\"x\"); w.WriteLine(1); w.Flush(); }")]
        [InlineData("async Task M() { Console.WriteLine(\"x\"); Console.Out.Write(\"x\"); Console.Error.WriteLine(\"x\"); Console.Out.Flush(); }")]
        [InlineData("async Task M(SemaphoreSlim s) { if (s.Wait(0)) { s.Release(); } if (s.Wait(TimeSpan.Zero)) { s.Release(); } }")]
        [InlineData("async Task M(Task t, Task<int> r, ValueTask<int> v) { t.Wait(); t.Wait(100); var x = r.GetAwaiter().GetResult(); Task.WaitAll(t); v.GetAwaiter().GetResult(); }")]
        [InlineData("async Task M() { Thread.Sleep(10); }")]
        [InlineData("async Task M(FileStream s) { s.Dispose(); }")]
        [InlineData("async Task M(string xml) { using var r = System.Xml.XmlReader.Create(new StringReader(xml)); r.Read(); r.ReadOuterXml(); }")]
        [InlineData("async Task M(System.Collections.Generic.List<int> items) { var l = items.ToList(); var a = items.ToArray(); }")]
        [InlineData("async Task M(System.Net.Mail.SmtpClient c, System.Net.Mail.MailMessage m) { c.Send(m); }")]
        [InlineData("async Task M(System.Threading.Channels.ChannelWriter<int> w) { w.TryWrite(1); }")]
        [InlineData("async Task M(Task t) { t.Wait(TimeSpan.FromSeconds(1)); }")]
        [InlineData("async Task M(System.Data.Common.DbDataReader r) { var v = r.GetFieldValue<int>(0); var n = r.IsDBNull(1); }")]
        [InlineData("async Task M(CancellationTokenSource cts) { cts.Cancel(); cts.Cancel(true); await Task.Yield(); }")]
        public Task BuiltInExclusions_AreNotReported(string member)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "class C { " + member + " }");
        }

        [Fact]
        public Task CallInsideLock_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class C
                {
                    readonly object gate = new object();
                    async Task M(string p)
                    {
                        lock (gate) { File.ReadAllText(p); }
                        await Task.Yield();
                    }
                }
                """);
        }

        [Fact]
        public Task CounterpartThatIsTheEnclosingMethod_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Loader
                {
                    public string Load() => "x";
                    public async Task<string> LoadAsync() { await Task.Yield(); return Load(); }
                    public Task<string> LoadValueAsync() => Task.FromResult({|#0:Load2()|});
                    public string Load2() => "y";
                    public async Task<string> Load2Async() { await Task.Yield(); return "y"; }
                }
                """,
                Diagnostic("Loader.Load2", "Load2Async()", "'Loader.LoadValueAsync'"));
        }

        [Fact]
        public Task OverrideOfTheCounterpart_DoesNotCallItself()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class BufferedSink : Stream
                {
                    public override void Flush() { }
                    public override Task FlushAsync(CancellationToken cancellationToken) { Flush(); return Task.CompletedTask; }
                    public override bool CanRead => false;
                    public override bool CanSeek => false;
                    public override bool CanWrite => true;
                    public override long Length => 0;
                    public override long Position { get; set; }
                    public override int Read(byte[] buffer, int offset, int count) => 0;
                    public override long Seek(long offset, SeekOrigin origin) => 0;
                    public override void SetLength(long value) { }
                    public override void Write(byte[] buffer, int offset, int count) { }
                }
                """);
        }

        [Theory]
        [InlineData("class Svc { public int Count() => 1; public Task<long> CountAsync() => Task.FromResult(1L); }", "s.Count()")]
        [InlineData("class Svc { public void Save(string a) { } public Task SaveAsync(string a, bool overwrite) => Task.CompletedTask; }", "s.Save(\"x\")")]
        [InlineData("class Svc { public void Save(string a) { } public Task SaveAsync(int a) => Task.CompletedTask; }", "s.Save(\"x\")")]
        [InlineData("class Svc { public void Save() { } [Obsolete] public Task SaveAsync() => Task.CompletedTask; }", "s.Save()")]
        [InlineData("class Svc { public void Save() { } private Task SaveAsync() => Task.CompletedTask; }", "s.Save()")]
        [InlineData("class Svc { public void Save() { } public static Task SaveAsync() => Task.CompletedTask; }", "s.Save()")]
        [InlineData("class Svc { public void Save() { } public Task SaveAsync(CancellationToken a, CancellationToken b) => Task.CompletedTask; }", "s.Save()")]
        [InlineData("class Svc { public void Save() { } public Task<int> SaveAsync() => Task.FromResult(1); }", "s.Save()")]
        [InlineData("class Svc { public int Read() => 1; public Task ReadAsync() => Task.CompletedTask; }", "s.Read()")]
        public Task CandidatesThatDoNotMatch_AreNotReported(string type, string call)
        {
            return Verify.VerifyAnalyzerAsync(Usings + type + "\nclass C { async Task M(Svc s) { " + call + "; } }");
        }

        [Fact]
        public Task ExtensionCounterpartNotInScope_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                namespace Data { public class Repository { public void Flush() { } } }
                namespace Data.Async { public static class RepositoryExtensions { public static Task FlushAsync(this Data.Repository r) => Task.CompletedTask; } }
                class C { async Task M(Data.Repository repository) { repository.Flush(); } }
                """);
        }

        [Theory]
        [InlineData("Xunit")]
        [InlineData("NUnit.Framework")]
        [InlineData("Microsoft.VisualStudio.TestTools.UnitTesting")]
        public Task TestFrameworkAssertions_AreNotReported(string ns)
        {
            return Verify.VerifyAnalyzerAsync(Usings + "namespace " + ns + """
                 { public static class Assert { public static void Contains(string a, string b) { } public static Task ContainsAsync(string a, string b) => Task.CompletedTask; } }
                class C { async Task M() { 
                """ + ns + """
                .Assert.Contains("a", "b"); await Task.Yield(); } }
                """);
        }

        [Fact]
        public Task EfCoreAddAndAddRange_AreNotReported_ButSaveChangesIs()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbContext
                    {
                        public void Add(object entity) { }
                        public Task<object> AddAsync(object entity, CancellationToken cancellationToken = default) => Task.FromResult(entity);
                        public void AddRange(params object[] entities) { }
                        public Task AddRangeAsync(params object[] entities) => Task.CompletedTask;
                    }
                    public class DbSet<T>
                    {
                        public void Add(T entity) { }
                        public Task<T> AddAsync(T entity, CancellationToken cancellationToken = default) => Task.FromResult(entity);
                    }
                }
                class ShopContext : Microsoft.EntityFrameworkCore.DbContext
                {
                    public Microsoft.EntityFrameworkCore.DbSet<string> Orders { get; } = new();
                    public int SaveChanges() => 0;
                    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
                }
                class C { async Task M(ShopContext db) { db.Add("a"); db.AddRange("a", "b"); db.Orders.Add("o"); {|#0:db.SaveChanges()|}; await Task.Yield(); } }
                """,
                Diagnostic("ShopContext.SaveChanges", "db.SaveChangesAsync()"));
        }

        [Fact]
        public Task MicrosoftDataSqlite_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                namespace Microsoft.Data.Sqlite
                {
                    public class SqliteConnection
                    {
                        public void Open() { }
                        public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
                    }
                }
                class C { async Task M(Microsoft.Data.Sqlite.SqliteConnection c) { c.Open(); await Task.Yield(); } }
                """);
        }

        [Theory]
        [InlineData("System.IO.File.ReadAllText")]
        [InlineData("M:System.IO.File.ReadAllText(System.String)")]
        [InlineData("System.IO.File.ReadAllText(System.String)")]
        [InlineData("  Some.Other.Method , System.IO.File.ReadAllText ")]
        public Task ExcludedMethodsOption_SilencesTheCall(string value)
        {
            var test = new Verify.Test { TestCode = Usings + "class C { async Task M(string p) { File.ReadAllText(p); } }" };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.excluded_methods = " + value + "\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task ExcludedMethodsOption_ByDocumentationId_KeepsOtherOverloads()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(string p) { File.ReadAllText(p); {|#0:File.ReadAllText(p, System.Text.Encoding.UTF8)|}; } }",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.excluded_methods = M:System.IO.File.ReadAllText(System.String)\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("File.ReadAllText", "File.ReadAllTextAsync(p, System.Text.Encoding.UTF8)"));
            return test.RunAsync();
        }

        [Fact]
        public Task GeneratedCode_IsNotReported()
        {
            return Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Usings + "class C { async Task M(string p) { File.ReadAllText(p); } }");
        }

        [Fact]
        public Task IncompleteCode_DoesNotCrash()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(string p) { File.ReadAllText(); Undefined.Read(p); p.Foo(); File.ReadAllText(p, 1, 2); var x = ",
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            return test.RunAsync();
        }
    }
}
