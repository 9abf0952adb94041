using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using Xunit;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Waits the code proves complete (an asserted or guarded timed wait, <c>await t.WaitAsync</c>, IsFaulted), the same
    /// known-complete answer inside helper summaries, sites where a peer analyzer's rule is suppressed, and failure paths
    /// (throw helpers, teardown on the way to a rethrow) that ASYNC105 does not follow.
    /// </summary>
    public class ProvenCompleteAndDeliberateTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public static class Assert { public static void True(bool condition) { } public static void False(bool condition) { } } }\n";

        private const string FakeFluent = "namespace FluentAssertions { public static class AssertionExtensions { public static BooleanAssertions Should(this bool value) => new BooleanAssertions(); } public class BooleanAssertions { public void BeTrue() { } public void BeFalse() { } } }\n";

        private static Task NoFinding<TAnalyzer>(string source)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
            => Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(Usings + "using FluentAssertions;\n" + FakeXunit + FakeFluent + source);

        private static Task Findings<TAnalyzer>(string source, string id, int count = 1)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = Usings + "using FluentAssertions;\n" + FakeXunit + FakeFluent + source };
            for (var i = 0; i < count; i++)
            {
                test.ExpectedDiagnostics.Add(Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(id).WithLocation(i).WithMessage(null));
            }

            return test.RunAsync();
        }

        // ---------------------------------------------------------------- point 2: the timed wait is the finding, the read after it is not

        [Theory]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.True({|#0:t.Wait(1000)|}); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t) { {|#0:t.Wait(TimeSpan.FromSeconds(1))|}.Should().BeTrue(); Console.WriteLine(t.GetAwaiter().GetResult()); }")]
        [InlineData("async Task M(Task<int> t) { if (!{|#0:t.Wait(1000)|}) throw new TimeoutException(); Console.WriteLine(t.Result); }")]
        [InlineData("async Task<int> M(Task<int> t) { if (!{|#0:t.Wait(1000)|}) return -1; return t.Result; }")]
        [InlineData("async Task M(Task<int> t) { if ({|#0:t.Wait(1000)|}) Console.WriteLine(t.Result); }")]
        public Task AssertedOrGuardedTimedWait_OnlyTheWaitIsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        // A timed wait on Task.WhenAll(...) (or a timed Task.WaitAll) asserted to succeed proves each of its tasks finished.
        [Theory]
        [InlineData("async Task M(Task<int> a, Task<int> t) { {|#0:Task.WhenAll(a, t).Wait(TimeSpan.FromSeconds(3))|}.Should().BeTrue(); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> a, Task<int> t) { Xunit.Assert.True({|#0:Task.WhenAll(new[] { a, t }).Wait(3000)|}); Console.WriteLine(a.Result + t.Result); }")]
        [InlineData("async Task M(Task<int> a, Task<int> t) { if (!{|#0:Task.WaitAll(new Task[] { a, t }, 3000)|}) throw new TimeoutException(); Console.WriteLine(t.Result); }")]
        public Task AssertedTimedWaitOnAllTasks_OnlyTheWaitIsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        [Theory]
        // A task the wait did not cover, a wait asserted to time out, and a wait whose result is dropped.
        [InlineData("async Task M(Task<int> a, Task<int> t) { {|#0:Task.WhenAll(a).Wait(3000)|}.Should().BeTrue(); Console.WriteLine({|#1:t.Result|}); }", 2)]
        [InlineData("async Task M(Task<int> a, Task<int> t) { Task.WhenAll(a, t).Wait(3000).Should().BeFalse(); Console.WriteLine({|#0:t.Result|}); }", 1)]
        [InlineData("async Task M(Task<int> a, Task<int> t) { {|#0:Task.WaitAll(new Task[] { a, t }, 3000)|}; Console.WriteLine({|#1:t.Result|}); }", 2)]
        public Task TimedWaitOnAllTasksThatProvesNothing_LaterReadIsReported(string member, int count)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking, count);

        [Theory]
        [InlineData("async Task M(Task<int> t) { await t.WaitAsync(TimeSpan.FromSeconds(1)); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(Task<int> t, CancellationToken ct) { await t.WaitAsync(ct).ConfigureAwait(false); Console.WriteLine(t.GetAwaiter().GetResult()); }")]
        [InlineData("async Task M(Task t) { if (t.IsFaulted) t.GetAwaiter().GetResult(); await Task.Yield(); }")]
        [InlineData("async Task M(Task t) { if (t.IsCanceled) t.Wait(); await Task.Yield(); }")]
        [InlineData("async Task M(Task<int> t) { if (t.Status is TaskStatus.RanToCompletion) Console.WriteLine(t.Result); await Task.Yield(); }")]
        public Task ProvenComplete_IsNotReported(string member)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }");

        private const string WithTimeout = "static class TaskTimeouts { public static async Task WithTimeout(this Task task, TimeSpan timeout) { if (await Task.WhenAny(task, Task.Delay(timeout)) != task) throw new TimeoutException(); } }\n";

        [Theory]
        [InlineData("async Task M(Task<int> t) { await t.WithTimeout(TimeSpan.FromSeconds(3)); Console.WriteLine(t.Result); }")]
        [InlineData("async Task M(TaskCompletionSource<int> source) { await source.Task.WithTimeout(TimeSpan.FromSeconds(3)); Console.WriteLine(source.Task.Result); }")]
        public Task AwaitedExtensionOfTheTask_ProvesItComplete(string member)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>(WithTimeout + "class C { " + member + " }");

        [Theory]
        [InlineData("async Task M(Task<int> t, Task<int> u) { await u.WithTimeout(TimeSpan.FromSeconds(3)); Console.WriteLine({|#0:t.Result|}); }")]
        [InlineData("async Task M(TaskCompletionSource<int> source) { await source.Task.WithTimeout(TimeSpan.FromSeconds(3)); source = new TaskCompletionSource<int>(); Console.WriteLine({|#0:source.Task.Result|}); }")]
        public Task AwaitedExtensionOfAnotherTask_IsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>(WithTimeout + "class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking);

        [Theory]
        [InlineData("async Task M(Task<int> t) { if ({|#0:t.Wait(1000)|}) Console.WriteLine(1); Console.WriteLine({|#1:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t, Task<int> u) { Xunit.Assert.True({|#0:u.Wait(1000)|}); Console.WriteLine({|#1:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t) { var ok = {|#0:t.Wait(1000)|}; Console.WriteLine({|#1:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t, Task<int> u, Task<int> v) { await u.WaitAsync(TimeSpan.FromSeconds(1)); Console.WriteLine({|#0:t.Result|} + {|#1:v.Result|}); }")]
        public Task WaitThatProvesNothing_LaterReadIsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }", DiagnosticIds.AwaitInsteadOfBlocking, count: 2);

        // A short wait asserted to time out checks that the task is still running: holding the thread for the bound is the
        // test (found on Polly). A later read of the result is still reported.
        [Theory]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.False(t.Wait(1000)); Console.WriteLine({|#0:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t) { t.Wait(1000).Should().BeFalse(); Console.WriteLine({|#0:t.Result|}); }")]
        [InlineData("async Task M(Task<int> t) { t.Wait(TimeSpan.FromMilliseconds(10)).ShouldBeFalse(); await Task.Yield(); Console.WriteLine({|#0:t.Result|}); }")]
        public Task WaitAssertedToTimeOut_IsNotReported_TheLaterReadIs(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }" + ShouldlyStub, DiagnosticIds.AwaitInsteadOfBlocking);

        [Theory]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.True({|#0:t.Wait(1000)|}); await Task.Yield(); }")]
        [InlineData("async Task M(Task<int> t) { var timedOut = !{|#0:t.Wait(1000)|}; Xunit.Assert.True(timedOut); await Task.Yield(); }")]
        [InlineData("async Task M(Task<int> t) { Xunit.Assert.False({|#0:t.Wait(1000)|} && t.Result > 0); await Task.Yield(); }")]
        public Task WaitAssertedToCompleteOrNotAssertedAlone_IsReported(string member)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C { " + member + " }" + ShouldlyStub, DiagnosticIds.AwaitInsteadOfBlocking);

        private const string ShouldlyStub = "\npublic static class ShouldBooleanExtensions { public static void ShouldBeFalse(this bool actual) { } }";

        // ---------------------------------------------------------------- point 3: helper summaries apply the same analysis

        [Theory]
        [InlineData("int Read(Task<int> t) => t.Status == TaskStatus.RanToCompletion && t.Result > 0 ? t.Result : 0;")]
        [InlineData("int Read(Task<int> t) { if (!t.IsCompleted) return 0; return t.Result; }")]
        [InlineData("int Read(Task<int> t) { if (!t.IsCompleted) throw new InvalidOperationException(); return t.Result; }")]
        [InlineData("int Read(TaskCompletionSource<int> source) => source.Task.Status == TaskStatus.RanToCompletion ? source.Task.Result : 0;")]
        [InlineData("int Read(TryStore store) => store.TryGetAsync(1, out var value).Result ? value : 0;")]
        [InlineData("int Read(Task<int> t) { if (t.IsFaulted) t.GetAwaiter().GetResult(); return 0; }")]
        [InlineData("int Read(Task<int> t) => t.IsCompletedSuccessfully ? t.Result : -1;")]
        public Task HelperReadingACompleteTask_IsNotReported(string helper)
            => NoFinding<MakeHelperChainAsyncAnalyzer>("interface TryStore { Task<bool> TryGetAsync(int key, out int value); } class C { async Task Use() { Console.WriteLine(Read(default)); await Task.Yield(); } " + helper + " }");

        [Theory]
        [InlineData("int Read(Task<int> t) => t.Status == TaskStatus.Faulted ? 0 : t.Result;")]
        [InlineData("int Read(Task<int> t) { if (t.IsCompleted) return 0; return t.Result; }")]
        public Task HelperReadingAnUnknownTask_IsReported(string helper)
            => Findings<MakeHelperChainAsyncAnalyzer>("class C { async Task Use(Task<int> t) { Console.WriteLine({|#0:Read(t)|}); await Task.Yield(); } " + helper + " }", DiagnosticIds.MakeHelperChainAsync);

        // ---------------------------------------------------------------- point 3: in-memory data found by data flow

        [Theory]
        [InlineData("Stream s = new MemoryStream(); s.Write(b); s.Flush();")]
        [InlineData("Stream s = new MemoryStream(b); var n = s.Read(b);")]
        [InlineData("var r = new StreamReader(new MemoryStream(b)); var text = r.ReadToEnd();")]
        [InlineData("var m = new MemoryStream(b); using var r = new StreamReader(m); var text = r.ReadToEnd();")]
        public Task StreamThatDataFlowShowsInMemory_IsNotReported(string body)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { async Task M(byte[] b) { " + body + " await Task.Yield(); } }");

        [Theory]
        [InlineData("Stream s = new MemoryStream(); s = File.OpenRead(\"p\"); var n = {|#0:s.Read(b)|};")]
        [InlineData("Stream s = File.OpenRead(\"p\"); var n = {|#0:s.Read(b)|};")]
        [InlineData("var r = new StreamReader(\"p\"); var text = {|#0:r.ReadToEnd()|};")]
        [InlineData("var r = new StreamReader(File.OpenRead(\"p\")); var text = {|#0:r.ReadToEnd()|};")]
        public Task StreamThatMayBeAFile_IsReported(string body)
            => Findings<UseAsyncCounterpartAnalyzer>("class C { async Task M(byte[] b) { " + body + " await Task.Yield(); } }", DiagnosticIds.UseAsyncCounterpart);

        private const string AsyncReader = "class DocumentReader : IDisposable, IAsyncDisposable { public DocumentReader(TextReader reader) { } public void Dispose() { } public ValueTask DisposeAsync() => default; }\n";

        [Theory]
        [InlineData("using var reader = new DocumentReader(new StreamReader(new MemoryStream(b)));")]
        [InlineData("var memory = new MemoryStream(b); using var reader = new DocumentReader(new StreamReader(memory));")]
        [InlineData("using (var reader = new DocumentReader(new StringReader(\"{}\"))) { }")]
        public Task DisposableOverMemory_IsNotReported(string body)
            => NoFinding<UseAwaitUsingAnalyzer>(AsyncReader + "class C { async Task M(byte[] b) { " + body + " await Task.Yield(); } }");

        [Theory]
        [InlineData("using var {|#0:reader = new DocumentReader(new StreamReader(\"path\"))|};")]
        [InlineData("using var {|#0:reader = new DocumentReader(new StreamReader(File.OpenWrite(\"path\")))|};")]
        public Task DisposableOverAFile_IsReported(string body)
            => Findings<UseAwaitUsingAnalyzer>(AsyncReader + "class C { async Task M(byte[] b) { " + body + " await Task.Yield(); } }", DiagnosticIds.UseAwaitUsing);

        private const string DataReader = "abstract class RowReader : System.Data.Common.DbDataReader { public override bool GetBoolean(int ordinal) { Thread.Sleep(1); return true; } public override object GetValue(int ordinal) { Thread.Sleep(1); return 1; } public bool Fetch() { Thread.Sleep(1); return true; } }\n";

        [Theory]
        [InlineData("var b = r.GetBoolean(0);")]
        [InlineData("var v = r.GetValue(0);")]
        public Task ColumnReadOfOwnDataReader_IsNotReported(string body)
            => NoFinding<MakeHelperChainAsyncAnalyzer>(DataReader + "class C { async Task M(RowReader r) { " + body + " await Task.Yield(); } }");

        [Fact]
        public Task OtherMethodOfOwnDataReader_IsReported()
            => Findings<MakeHelperChainAsyncAnalyzer>(DataReader + "class C { async Task M(RowReader r) { var b = {|#0:r.Fetch()|}; await Task.Yield(); } }", DiagnosticIds.MakeHelperChainAsync);

        // ---------------------------------------------------------------- point 3: the peers' rule suppressed at the site

        [Theory]
        [InlineData("#pragma warning disable VSTHRD002\n        var x = t.Result;\n#pragma warning restore VSTHRD002")]
        [InlineData("#pragma warning disable CA1849, MA0045 // reviewed\n        var x = t.Result;")]
        [InlineData("#pragma warning disable MA0042\n        var x = t.Result;")]
        [InlineData("#pragma warning disable xUnit1031 // Do not use blocking task operations in test method\n        t.Wait(50);\n#pragma warning restore xUnit1031")]
        public Task PeerPragma_IsHonoured(string body)
            => NoFinding<AwaitInsteadOfBlockingAnalyzer>("class C {\n    async Task M(Task<int> t) {\n        await Task.Yield();\n" + body + "\n    }\n}");

        [Theory]
        [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Usage\", \"VSTHRD103:Call async methods when in an async method\")]")]
        [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Performance\", \"CA1849\", Justification = \"in memory\")]")]
        public Task PeerSuppressMessage_IsHonoured(string attribute)
            => NoFinding<UseAsyncCounterpartAnalyzer>("class C { " + attribute + " async Task M(Stream s) { s.Flush(); await Task.Yield(); } }");

        [Theory]
        [InlineData("#pragma warning disable xUnit1030\n        {|#0:t.Wait(50)|};")]
        [InlineData("#pragma warning disable xUnit1031\n#pragma warning restore xUnit1031\n        {|#0:t.Wait(50)|};")]
        public Task OtherOrRestoredXunitPragma_IsNotAnExemption(string body)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C {\n    async Task M(Task<int> t) {\n        await Task.Yield();\n" + body + "\n    }\n}", DiagnosticIds.AwaitInsteadOfBlocking);

        [Fact]
        public Task PeerSuppressMessageOnTheType_IsHonoured()
            => NoFinding<UseTaskDelayAnalyzer>("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Usage\", \"VSTHRD103\")] class C { async Task M() { Thread.Sleep(5); await Task.Yield(); } }");

        [Fact]
        public Task PeerPragmaAtTheLeafInsideAHelper_IsHonoured()
        {
            return NoFinding<MakeHelperChainAsyncAnalyzer>("""
                class C
                {
                    async Task Use(Task<int> t) { Console.WriteLine(Read(t)); await Task.Yield(); }
                    int Read(Task<int> t)
                    {
                #pragma warning disable VSTHRD002 // the task is created completed by the caller
                        return t.Result;
                #pragma warning restore VSTHRD002
                    }
                }
                """);
        }

        [Theory]
        [InlineData("#pragma warning disable VSTHRD002\n#pragma warning restore VSTHRD002\n        var x = {|#0:t.Result|};")]
        [InlineData("#pragma warning disable CS0168\n        var x = {|#0:t.Result|};")]
        [InlineData("        var x = {|#0:t.Result|};\n#pragma warning disable VSTHRD002")]
        public Task OtherOrRestoredPragma_IsReported(string body)
            => Findings<AwaitInsteadOfBlockingAnalyzer>("class C {\n    async Task M(Task<int> t) {\n        await Task.Yield();\n" + body + "\n    }\n}", DiagnosticIds.AwaitInsteadOfBlocking);

        [Fact]
        public Task UnrelatedSuppressMessage_IsReported()
            => Findings<UseTaskDelayAnalyzer>("class C { [System.Diagnostics.CodeAnalysis.SuppressMessage(\"Style\", \"IDE0051\")] async Task M() { {|#0:Thread.Sleep(5)|}; await Task.Yield(); } }", DiagnosticIds.UseTaskDelay);

        // ---------------------------------------------------------------- point 4: failure paths

        [Theory]
        [InlineData("async Task Use() { if (Bad) Fail(); await Task.Yield(); } [System.Diagnostics.CodeAnalysis.DoesNotReturn] void Fail() { Teardown(); throw new InvalidOperationException(); }")]
        [InlineData("async Task Use() { if (Bad) Fail(); await Task.Yield(); } void Fail() { Teardown(); throw new InvalidOperationException(); }")]
        [InlineData("async Task Use() { if (Bad) throw Break(); await Task.Yield(); } Exception Break() { Teardown(); return new InvalidOperationException(); }")]
        [InlineData("async Task Use() { try { await Task.Yield(); } catch (Exception e) { Break(); throw; } } Exception Break() { Teardown(); return new InvalidOperationException(); }")]
        [InlineData("async Task Use() { await Task.Yield(); Check(); } void Check() { if (Bad) throw Break(); } Exception Break() { Teardown(); return new InvalidOperationException(); }")]
        [InlineData("async Task Use() { await Task.Yield(); Check(); } void Check() { if (Bad) Fail(); } void Fail() { if (Bad) throw Break(); throw new InvalidOperationException(); } Exception Break() { Teardown(); return new InvalidOperationException(); }")]
        [InlineData("async Task Use() { await Task.Yield(); Check(); } void Check() { try { Console.WriteLine(); } catch { Teardown(); throw; } }")]
        [InlineData("async Task Use() { await Task.Yield(); Check(); } void Check() { try { Console.WriteLine(); } catch { Teardown(); } }")]
        [InlineData("async Task Use() { await Task.Yield(); try { Console.WriteLine(); } catch { Teardown(); } }")]
        [InlineData("async Task Use() { await Task.Yield(); Close(); } void Close() { try { Console.WriteLine(); } catch (IOException e) when (Bad) { Console.WriteLine(e); Teardown(); return; } }")]
        [InlineData("async Task Use() { try { await Task.Yield(); } catch (Exception) when (Bad) { Teardown(); await Use(); } }")]
        [InlineData("async Task<int> Use() { try { await Task.Yield(); return 1; } catch (Exception) { Teardown(); } return 0; }")]
        public Task BlockingOnlyOnAFailurePath_IsNotReported(string members)
            => NoFinding<MakeHelperChainAsyncAnalyzer>("class C { bool Bad; void Teardown() { Thread.Sleep(10); } " + members + " }");

        [Theory]
        [InlineData("async Task Use() { await Task.Yield(); {|#0:Load()|}; } int Load() { try { return int.Parse(\"1\"); } catch (FormatException) { return Fallback(); } } int Fallback() { Teardown(); return 0; }")]
        [InlineData("async Task Use() { await Task.Yield(); {|#0:Check()|}; } void Check() { if (Bad) { Teardown(); return; } throw new InvalidOperationException(); }")]
        [InlineData("async Task Use() { await Task.Yield(); {|#0:Break()|}; } Exception Break() { Teardown(); return new InvalidOperationException(); }")]
        [InlineData("async Task<int> Use() { await Task.Yield(); try { return 1; } catch { return {|#0:Fallback()|}; } } int Fallback() { Teardown(); return 0; }")]
        [InlineData("async Task Use() { await Task.Yield(); try { {|#0:Teardown()|}; } catch { } }")]
        [InlineData("async Task Use() { await Task.Yield(); try { Console.WriteLine(); } finally { {|#0:Teardown()|}; } }")]
        [InlineData("async Task Use() { for (var i = 0; i < 3; i++) { try { await Task.Yield(); } catch (IOException) { if ({|#0:Recover()|}) continue; } } } bool Recover() { Teardown(); return true; }")]
        [InlineData("async Task Use() { try { await Task.Yield(); } catch (IOException) { var ok = {|#0:Recover()|}; Console.WriteLine(ok); } } bool Recover() { Teardown(); return true; }")]
        public Task BlockingOnANormalPath_IsReported(string members)
            => Findings<MakeHelperChainAsyncAnalyzer>("class C { bool Bad; void Teardown() { Thread.Sleep(10); } " + members + " }", DiagnosticIds.MakeHelperChainAsync);
    }
}
