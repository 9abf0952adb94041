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
    }
}
