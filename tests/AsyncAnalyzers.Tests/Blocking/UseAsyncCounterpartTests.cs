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
    public class UseAsyncCounterpartTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Linq;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static DiagnosticResult Diagnostic(string call, string replacement, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, owner, "use 'await " + replacement + "'");

        // ---------------------------------------------------------------- reported: framework APIs

        [Theory]
        [InlineData("async Task M(string path) { var s = {|#0:File.ReadAllText(path)|}; }", "File.ReadAllText", "File.ReadAllTextAsync(path)")]
        [InlineData("async Task M(string path) { {|#0:File.WriteAllText(path, \"x\")|}; }", "File.WriteAllText", "File.WriteAllTextAsync(path, \"x\")")]
        [InlineData("async Task M(string path) { var b = {|#0:File.ReadAllBytes(path)|}; }", "File.ReadAllBytes", "File.ReadAllBytesAsync(path)")]
        [InlineData("async Task M(Stream s, byte[] b) { var n = {|#0:s.Read(b, 0, b.Length)|}; }", "Stream.Read", "s.ReadAsync(b, 0, b.Length)")]
        [InlineData("async Task M(FileStream s, byte[] b) { {|#0:s.Write(b, 0, b.Length)|}; }", "FileStream.Write", "s.WriteAsync(b, 0, b.Length)")]
        [InlineData("async Task M(Stream s) { {|#0:s.Flush()|}; }", "Stream.Flush", "s.FlushAsync()")]
        [InlineData("async Task M(Stream s, byte[] b) { {|#0:s.Write(b.AsSpan(1))|}; }", "Stream.Write", "s.WriteAsync(b.AsSpan(1))")]
        [InlineData("async Task M(TextWriter w, char[] c) { {|#0:w.Write(c.AsSpan())|}; }", "TextWriter.Write", "w.WriteAsync(c.AsSpan())")]
        [InlineData("async Task M(Stream s, Stream d) { {|#0:s.CopyTo(d)|}; }", "Stream.CopyTo", "s.CopyToAsync(d)")]
        [InlineData("async Task M(StreamReader r) { var t = {|#0:r.ReadToEnd()|}; }", "StreamReader.ReadToEnd", "r.ReadToEndAsync()")]
        [InlineData("async Task M(StreamReader r) { var t = {|#0:r.ReadLine()|}; }", "StreamReader.ReadLine", "r.ReadLineAsync()")]
        [InlineData("async Task M(StreamWriter w) { {|#0:w.Write(\"x\")|}; }", "StreamWriter.Write", "w.WriteAsync(\"x\")")]
        [InlineData("async Task M(TextWriter w) { {|#0:w.WriteLine(\"x\")|}; }", "TextWriter.WriteLine", "w.WriteLineAsync(\"x\")")]
        [InlineData("async Task M(HttpClient c, HttpRequestMessage m) { var r = {|#0:c.Send(m)|}; }", "HttpClient.Send", "c.SendAsync(m)")]
        [InlineData("async Task M(System.Diagnostics.Process p) { {|#0:p.WaitForExit()|}; }", "Process.WaitForExit", "p.WaitForExitAsync()")]
        [InlineData("async Task M(SemaphoreSlim s) { {|#0:s.Wait()|}; }", "SemaphoreSlim.Wait", "s.WaitAsync()")]
        [InlineData("async Task M(SemaphoreSlim s) { var ok = {|#0:s.Wait(100)|}; }", "SemaphoreSlim.Wait", "s.WaitAsync(100)")]
        [InlineData("async Task M(System.Data.Common.DbConnection c) { {|#0:c.Open()|}; }", "DbConnection.Open", "c.OpenAsync()")]
        [InlineData("async Task M<TStream>(TStream s) where TStream : Stream { {|#0:s.Flush()|}; }", "Stream.Flush", "s.FlushAsync()")]
        [InlineData("async Task M(Stream s) { using var d = {|#0:System.Text.Json.JsonDocument.Parse(s)|}; }", "JsonDocument.Parse", "System.Text.Json.JsonDocument.ParseAsync(s)")]
        [InlineData("async Task M(System.Data.Common.DbCommand c) { var r = {|#0:c.ExecuteReader()|}; }", "DbCommand.ExecuteReader", "c.ExecuteReaderAsync()")]
        [InlineData("async Task M(System.Data.Common.DbCommand c) { var n = {|#0:c.ExecuteNonQuery()|}; }", "DbCommand.ExecuteNonQuery", "c.ExecuteNonQueryAsync()")]
        [InlineData("async Task M(System.Data.Common.DbDataReader r) { while ({|#0:r.Read()|}) { } }", "DbDataReader.Read", "r.ReadAsync()")]
        [InlineData("async Task M(Stream s, int[] v) { {|#0:System.Text.Json.JsonSerializer.Serialize(s, v)|}; }", "JsonSerializer.Serialize", "System.Text.Json.JsonSerializer.SerializeAsync(s, v)")]
        [InlineData("async Task M(Stream s) { var v = {|#0:System.Text.Json.JsonSerializer.Deserialize<int[]>(s)|}; }", "JsonSerializer.Deserialize", "System.Text.Json.JsonSerializer.DeserializeAsync<int[]>(s)")]
        public Task FrameworkApi_OnAsyncPath_IsReported(string member, string call, string replacement)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Diagnostic(call, replacement));
        }

        [Theory]
        [InlineData("async Task M(string p) { {|#0:File.ReadAllText(p)|}; }", "'C.M'")]
        [InlineData("async Task<int> M(string p) { {|#0:File.ReadAllText(p)|}; return 1; }", "'C.M'")]
        [InlineData("async ValueTask M(string p) { {|#0:File.ReadAllText(p)|}; }", "'C.M'")]
        [InlineData("async ValueTask<int> M(string p) { {|#0:File.ReadAllText(p)|}; return 1; }", "'C.M'")]
        [InlineData("void M(string p) { Func<Task> f = async () => {|#0:File.ReadAllText(p)|}; }", "the lambda in 'C.M'")]
        [InlineData("void M(string p) { async Task Local() { {|#0:File.ReadAllText(p)|}; } }", "'Local'")]
        [InlineData("async System.Collections.Generic.IAsyncEnumerable<int> M(string p) { {|#0:File.ReadAllText(p)|}; yield return 1; await Task.Yield(); }", "'C.M'")]
        [InlineData("Task M(string p) { {|#0:File.ReadAllText(p)|}; return Task.CompletedTask; }", "'C.M'")]
        [InlineData("async void OnClick(object sender, EventArgs e) { var p = \"a\"; {|#0:File.ReadAllText(p)|}; }", "'C.OnClick'")]
        public Task Contexts_AreReported(string member, string owner)
        {
            var source = Usings + "class C { " + member + " }";
            return Verify.VerifyAnalyzerAsync(source, Diagnostic("File.ReadAllText", "File.ReadAllTextAsync(p)", owner));
        }

        // ---------------------------------------------------------------- twins of another shape, and twins that lead back

        private const string Probe = """

            public class Probe
            {
                public Probe Request(int n) => this;
                public Probe ExpectNext(int value) => this;
                public Task ExpectNextAsync(int value) => Task.CompletedTask;
            }
            public class Rows
            {
                public System.Collections.Generic.IEnumerable<int> Read() { yield return 1; }
                public async System.Collections.Generic.IAsyncEnumerable<int> ReadAsync() { await Task.Yield(); yield return 1; }
            }
            """;

        private static DiagnosticResult Advice(string call, string advice, string owner = "'C.M'")
            => Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, owner, advice);

        [Fact]
        public Task FluentMethodWithPlainTaskTwin_IsReported_AndFixed()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Probe p) { [|p.ExpectNext(1)|]; } }" + Probe,
                Usings + "class C { async Task M(Probe p) { await p.ExpectNextAsync(1); } }" + Probe);
        }

        [Fact]
        public Task FluentChain_LastCallIsReported_AndFixedInTheChain()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Probe p) { [|p.Request(2).ExpectNext(1)|]; } }" + Probe,
                Usings + "class C { async Task M(Probe p) { await p.Request(2).ExpectNextAsync(1); } }" + Probe);
        }

        [Fact]
        public Task SyncCallChainedInFrontOfAnAwaitedOne_IsReported_WithoutAFix()
        {
            var source = Usings + "class C { async Task M(Probe p) { await {|#0:p.ExpectNext(1)|}.ExpectNextAsync(2); } }" + Probe;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Advice("Probe.ExpectNext", "call 'await p.ExpectNextAsync(1)' as a statement of its own (it returns nothing to chain on)"));
            return test.RunAsync();
        }

        [Fact]
        public Task EnumerableEnumeratedByForeach_IsReported_AndBecomesAwaitForeach()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(Rows r) { foreach (var x in {|#0:r.Read()|}) { Console.WriteLine(x); } } }" + Probe,
                FixedCode = Usings + "class C { async Task M(Rows r) { await foreach (var x in r.ReadAsync()) { Console.WriteLine(x); } } }" + Probe,
            };
            test.ExpectedDiagnostics.Add(Advice("Rows.Read", "enumerate 'r.ReadAsync()' with 'await foreach'"));
            return test.RunAsync();
        }

        [Fact]
        public Task FileReadLinesInForeach_BecomesAwaitForeachOverReadLinesAsync()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(string p) { foreach (var line in {|#0:File.ReadLines(p)|}) { } } }",
                FixedCode = Usings + "class C { async Task M(string p) { await foreach (var line in File.ReadLinesAsync(p)) { } } }",
            };
            test.ExpectedDiagnostics.Add(Advice("File.ReadLines", "enumerate 'File.ReadLinesAsync(p)' with 'await foreach'"));
            return test.RunAsync();
        }

        [Fact]
        public Task EnumerableMaterializedByLinq_IsReported_WithoutAFix()
        {
            var source = Usings + "class C { async Task M(Rows r) { var n = {|#0:r.Read()|}.Count(); await Task.Yield(); } }" + Probe;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Advice("Rows.Read", "enumerate 'r.ReadAsync()' with 'await foreach'"));
            return test.RunAsync();
        }

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
        public Task TwinThatCallsOtherHelpers_IsStillACounterpart()
            => Verify.VerifyAnalyzerAsync(
                Usings + """
                public class Encoder
                {
                    public void Encode(Stream s) { }
                    public Task EncodeAsync(Stream s) => WriteAsync(s);
                    private Task WriteAsync(Stream s) => s.FlushAsync();
                }
                class C { async Task M(Encoder e, Stream s) { {|#0:e.Encode(s)|}; await Task.Yield(); } }
                """,
                Diagnostic("Encoder.Encode", "e.EncodeAsync(s)"));

        [Fact]
        public Task InCatchFilter_MessageSaysToMoveItOut_AndNoFixIsOffered()
        {
            var source = Usings + "class C { async Task M(string p) { try { await Task.Yield(); } catch (IOException) when ({|#0:File.ReadAllText(p)|}.Length > 0) { } } }";
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("File.ReadAllText", "'C.M'", "move it out of the exception filter ('await' cannot be used in a 'when' clause), then use 'await File.ReadAllTextAsync(p)'"));
            return test.RunAsync();
        }

        [Fact]
        public Task InsideLock_IsNotReported()
            => Verify.VerifyAnalyzerAsync(Usings + "class C { async Task M(string p, object gate) { await Task.Yield(); lock (gate) { File.ReadAllText(p); } } }");

        [Fact]
        public Task Message_NamesTheLambdaByItsMethod()
            => Verify.VerifyAnalyzerAsync(
                Usings + "class C { void LoadAll(string p) { Func<Task> f = async () => {|#0:File.ReadAllText(p)|}; } }",
                Diagnostic("File.ReadAllText", "File.ReadAllTextAsync(p)", "the lambda in 'C.LoadAll'"));

        [Fact]
        public Task Message_ShowsTheTokenInScope()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(string path, CancellationToken cancellationToken) { {|#0:File.ReadAllText(path)|}; } }",
                Diagnostic("File.ReadAllText", "File.ReadAllTextAsync(path, cancellationToken)"));
        }

        [Fact]
        public Task Message_NamesTheTokenWhenOptionalParametersComeFirst()
        {
            return Verify.VerifyAnalyzerAsync(
                Usings + "class C { async Task M(Stream s, int[] v, CancellationToken ct) { {|#0:System.Text.Json.JsonSerializer.Serialize(s, v)|}; } }",
                Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments("JsonSerializer.Serialize", "'C.M'", "use 'await JsonSerializer.SerializeAsync(...)'"));
        }

        // ---------------------------------------------------------------- reported: the resolver on user types

        [Fact]
        public Task SameNameAwaitableOverload_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task M(Cache cache) { var v = {|#0:cache.Get("k")|}; } }
                """,
                Diagnostic("Cache.Get", "cache.Get(\"k\", CancellationToken.None)"));
        }

        [Fact]
        public Task CounterpartOnABaseType_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class StoreBase { public Task SaveAsync(string name) => Task.CompletedTask; }
                class Store : StoreBase { public void Save(string name) { } }
                class C { async Task M(Store store) { {|#0:store.Save("a")|}; } }
                """,
                Diagnostic("Store.Save", "store.SaveAsync(\"a\")"));
        }

        [Fact]
        public Task CounterpartOnAnInheritedInterface_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                interface IAsyncStore { Task<string> LoadAsync(int id, CancellationToken cancellationToken = default); }
                interface IStore : IAsyncStore { string Load(int id); }
                class C { async Task M(IStore store) { var s = {|#0:store.Load(1)|}; } }
                """,
                Diagnostic("IStore.Load", "store.LoadAsync(1)"));
        }

        [Fact]
        public Task CounterpartAsExtensionMethodInScope_IsReported()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Repository { public void Flush() { } }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository, CancellationToken cancellationToken = default) => Task.CompletedTask; }
                class C { async Task M(Repository repository) { {|#0:repository.Flush()|}; } }
                """,
                Diagnostic("Repository.Flush", "repository.FlushAsync()"));
        }

        [Fact]
        public Task EnumerableToListOnAQueryable_WithEfCoreInScope_IsReported()
        {
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
                class C { async Task M(IQueryable<int> orders) { var list = {|#0:orders.ToList()|}; } }
                """,
                Diagnostic("Enumerable.ToList", "orders.ToListAsync()"));
        }

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

        [Fact]
        public Task ExtensionCounterpartOnABaseType_IsReportedForTheDerivedReceiver()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Repository { public void Flush() { } }
                class CachedRepository : Repository { }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository) => Task.CompletedTask; }
                class C { async Task M(CachedRepository repository) { {|#0:repository.Flush()|}; } }
                """,
                Diagnostic("Repository.Flush", "repository.FlushAsync()"));
        }

        [Fact]
        public Task AdditionalBlockingMethodWithoutCounterpart_IsReportedWithoutFix()
        {
            var source = Usings + """
                namespace Legacy { public static class Mainframe { public static string Query(string q) => q; } }
                class C { async Task M() { var r = {|#0:Legacy.Mainframe.Query("x")|}; } }
                """;
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasync_analyzers.additional_blocking_methods = Legacy.Mainframe.Query\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0)
                .WithArguments("Mainframe.Query", "'C.M'", "it has no async counterpart, so move it off the async path"));
            return test.RunAsync();
        }

        [Fact]
        public Task AdditionalBlockingMethod_ByDocumentationIdInGlobalConfig_OverridesABuiltInExclusion()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "class C { async Task M(MemoryStream s) { {|#0:s.Flush()|}; s.Flush(1); } }\nstatic class E { public static void Flush(this Stream s, int n) { } }",
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nasync_analyzers.additional_blocking_methods = M:System.IO.MemoryStream.Flush\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("MemoryStream.Flush", "s.FlushAsync()"));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- not reported

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

        // ---------------------------------------------------------------- fixes

        [Theory]
        [InlineData("void M(string p) { Func<Task> f = async () => { [|File.ReadAllText(p)|]; }; }", "void M(string p) { Func<Task> f = async () => { await File.ReadAllTextAsync(p); }; }")]
        [InlineData("void M(string p) { Func<Task> f = async () => [|File.ReadAllText(p)|]; }", "void M(string p) { Func<Task> f = async () => await File.ReadAllTextAsync(p); }")]
        [InlineData("void M(string p) { async Task Local() { [|File.ReadAllText(p)|]; } }", "void M(string p) { async Task Local() { await File.ReadAllTextAsync(p); } }")]
        [InlineData("void M(string p) { Func<Task> f = () => { [|File.ReadAllText(p)|]; return Task.CompletedTask; }; }", "void M(string p) { Func<Task> f = async () => { await File.ReadAllTextAsync(p); }; }")]
        [InlineData("async System.Collections.Generic.IAsyncEnumerable<string> M(string p) { yield return [|File.ReadAllText(p)|]; }", "async System.Collections.Generic.IAsyncEnumerable<string> M(string p) { yield return await File.ReadAllTextAsync(p); }")]
        public Task Fix_InEveryContext(string member, string fixedMember)
        {
            return Verify.VerifyCodeFixAsync(Usings + "class C { " + member + " }", Usings + "class C { " + fixedMember + " }");
        }

        [Fact]
        public async Task Fix_KeepsBehaviour()
        {
            const string Original = """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;
                public static class Program
                {
                    public static async Task Main()
                    {
                        var path = Path.GetTempFileName();
                        try
                        {
                            await SaveAsync(path, "north,120", CancellationToken.None);
                            Console.WriteLine(await LoadAsync(path));
                        }
                        finally
                        {
                            File.Delete(path);
                        }
                    }

                    static Task SaveAsync(string path, string line, CancellationToken cancellationToken)
                    {
                        File.WriteAllText(path, line);
                        return Task.CompletedTask;
                    }

                    static async Task<int> LoadAsync(string path)
                    {
                        using var reader = new StreamReader(path);
                        var text = reader.ReadToEnd();
                        return text.Split(',')[1].Length + text.Length;
                    }
                }
                """;
            var fixedSource = Original
                .Replace("static Task SaveAsync", "static async Task SaveAsync")
                .Replace("File.WriteAllText(path, line);\n        return Task.CompletedTask;", "await File.WriteAllTextAsync(path, line, cancellationToken);")
                .Replace("reader.ReadToEnd()", "await reader.ReadToEndAsync()");
            Assert.NotEqual(Original, fixedSource);
            Assert.Contains("await File.WriteAllTextAsync", fixedSource, System.StringComparison.Ordinal);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(Original, fixedSource);
            Assert.Equal("12\n", outcome.Output.Replace("\r\n", "\n"));
        }

        [Fact]
        public Task Fix_ForwardsTheCancellationToken()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task<int> M(string path, CancellationToken cancellationToken)
                    {
                        // read the report
                        var text = [|File.ReadAllText(path)|]; // whole file
                        return text.Length;
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task<int> M(string path, CancellationToken cancellationToken)
                    {
                        // read the report
                        var text = await File.ReadAllTextAsync(path, cancellationToken); // whole file
                        return text.Length;
                    }
                }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_WithoutToken_WhenChosen()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(string path, CancellationToken ct) { [|File.WriteAllText(path, \"x\")|]; } }",
                Usings + "class C { async Task M(string path, CancellationToken ct) { await File.WriteAllTextAsync(path, \"x\"); } }",
                UseAsyncCounterpartFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_TokenAfterOptionalParameters_GoesByName()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Stream s, int[] v, CancellationToken ct) { [|System.Text.Json.JsonSerializer.Serialize(s, v)|]; } }",
                Usings + "class C { async Task M(Stream s, int[] v, CancellationToken ct) { await System.Text.Json.JsonSerializer.SerializeAsync(s, v, cancellationToken: ct); } }",
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_GenericMethod_KeepsTypeArguments()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int[]?> M(Stream s) { return [|System.Text.Json.JsonSerializer.Deserialize<int[]>(s)|]; } }",
                Usings + "class C { async Task<int[]?> M(Stream s) { return await System.Text.Json.JsonSerializer.DeserializeAsync<int[]>(s); } }");
        }

        [Fact]
        public Task Fix_MemberAccessOnResult_IsParenthesized()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(StreamReader r) { return [|r.ReadToEnd()|].Length; } }",
                Usings + "class C { async Task<int> M(StreamReader r) { return (await r.ReadToEndAsync()).Length; } }");
        }

        [Fact]
        public Task Fix_KeepsConfigureAwaitFalse_WhenTheMethodUsesIt()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    async Task M(Stream source, Stream target)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        [|source.CopyTo(target)|];
                        await target.FlushAsync().ConfigureAwait(false);
                    }
                }
                """,
                Usings + """
                class C
                {
                    async Task M(Stream source, Stream target)
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                        await source.CopyToAsync(target).ConfigureAwait(false);
                        await target.FlushAsync().ConfigureAwait(false);
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_TopLevelStatements()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + "var text = [|File.ReadAllText(args[0])|];\nawait Console.Out.WriteLineAsync(text);\n",
                FixedCode = Usings + "var text = await File.ReadAllTextAsync(args[0]);\nawait Console.Out.WriteLineAsync(text);\n",
            };
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_SpanOverload_AwaitsTheMemoryOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task<int> M(Stream s, byte[] buffer) { var n = [|s.Read(buffer)|]; [|s.Write(buffer)|]; return n; } }",
                Usings + "class C { async Task<int> M(Stream s, byte[] buffer) { var n = await s.ReadAsync(buffer); await s.WriteAsync(buffer); return n; } }");
        }

        [Fact]
        public Task Fix_SpanArgument_IsReportedWithoutFix()
        {
            var source = Usings + "class C { async Task M(Stream s, byte[] buffer) { [|s.Write(buffer.AsSpan(1))|]; } }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_OverrideWithoutToken_BindsTheBaseOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(FileStream s) { [|s.Flush()|]; } }",
                Usings + "class C { async Task M(FileStream s) { await s.FlushAsync(); } }");
        }

        [Fact]
        public Task Fix_NotOfferedForConditionalAccess()
        {
            var source = Usings + "class C { async Task M(StreamReader? r) { var t = r?[|.ReadToEnd()|]; } }";
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_NoConfigureAwait_WhenTheMethodMixes()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + "class C { async Task M(Stream s) { await Task.Delay(1).ConfigureAwait(false); await Task.Delay(1); [|s.Flush()|]; } }",
                Usings + "class C { async Task M(Stream s) { await Task.Delay(1).ConfigureAwait(false); await Task.Delay(1); await s.FlushAsync(); } }");
        }

        [Fact]
        public Task Fix_TaskReturningMethod_BecomesAsync()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class C
                {
                    public Task<string> LoadAsync(string path)
                    {
                        if (path.Length == 0)
                        {
                            return Task.FromResult("");
                        }

                        var text = [|File.ReadAllText(path)|];
                        return Task.FromResult(text.Trim());
                    }
                }
                """,
                Usings + """
                class C
                {
                    public async Task<string> LoadAsync(string path)
                    {
                        if (path.Length == 0)
                        {
                            return "";
                        }

                        var text = await File.ReadAllTextAsync(path);
                        return text.Trim();
                    }
                }
                """);
        }

        [Fact]
        public Task Fix_ExtensionCounterpart()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Repository { public void Flush() { } }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository, CancellationToken cancellationToken = default) => Task.CompletedTask; }
                class C { async Task M(Repository repository, CancellationToken token) { [|repository.Flush()|]; } }
                """,
                Usings + """
                class Repository { public void Flush() { } }
                static class RepositoryExtensions { public static Task FlushAsync(this Repository repository, CancellationToken cancellationToken = default) => Task.CompletedTask; }
                class C { async Task M(Repository repository, CancellationToken token) { await repository.FlushAsync(token); } }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_SameNameOverload()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return [|cache.Get("k")|] + 1; } }
                """,
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return await cache.Get("k", ct) + 1; } }
                """,
                UseAsyncCounterpartFixer.AwaitWithTokenKey);
        }

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken_WithoutTokenPassesNone()
        {
            return Verify.VerifyCodeFixAsync(
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return [|cache.Get("k")|]; } }
                """,
                Usings + """
                class Cache
                {
                    public int Get(string key) => 1;
                    public Task<int> Get(string key, CancellationToken cancellationToken) => Task.FromResult(1);
                }
                class C { async Task<int> M(Cache cache, CancellationToken ct) { return await cache.Get("k", CancellationToken.None); } }
                """,
                UseAsyncCounterpartFixer.AwaitKey);
        }

        [Fact]
        public Task Fix_CounterpartThatNeedsAToken_NoneAddsItsUsing()
        {
            return Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                namespace Data
                {
                    public class Cache
                    {
                        public int Get(string key) => 1;
                        public Task<int> GetAsync(string key, System.Threading.CancellationToken cancellationToken) => Task.FromResult(1);
                    }
                }
                class C { async Task<int> M(Data.Cache cache) { return [|cache.Get("k")|]; } }
                """,
                """
                using System.Threading;
                using System.Threading.Tasks;
                namespace Data
                {
                    public class Cache
                    {
                        public int Get(string key) => 1;
                        public Task<int> GetAsync(string key, System.Threading.CancellationToken cancellationToken) => Task.FromResult(1);
                    }
                }
                class C { async Task<int> M(Data.Cache cache) { return await cache.GetAsync("k", CancellationToken.None); } }
                """);
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
                        [|File.ReadAllText(p)|];
                        return Task.CompletedTask;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task FixAll_NestedCallsAndATaskMethod()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + """
                class C
                {
                    Task CopyAsync(StreamReader reader, StreamWriter writer)
                    {
                        [|writer.Write([|reader.ReadToEnd()|])|];
                        [|writer.Flush()|];
                        return Task.CompletedTask;
                    }

                    async Task<int> CountAsync(string path)
                    {
                        var lines = [|File.ReadAllLines(path)|];
                        return lines.Length;
                    }
                }
                """,
                FixedCode = Usings + """
                class C
                {
                    async Task CopyAsync(StreamReader reader, StreamWriter writer)
                    {
                        await writer.WriteAsync(await reader.ReadToEndAsync());
                        await writer.FlushAsync();
                    }

                    async Task<int> CountAsync(string path)
                    {
                        var lines = await File.ReadAllLinesAsync(path);
                        return lines.Length;
                    }
                }
                """,
            };
            return test.RunAsync();
        }
    }
}
