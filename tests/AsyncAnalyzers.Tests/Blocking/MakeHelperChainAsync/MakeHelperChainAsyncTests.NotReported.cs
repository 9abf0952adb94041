using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class MakeHelperChainAsyncTests
    {
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
        public Task HelperWithAnAsyncTwin_IsLeftToAsync103()
        {
            // One finding per call: ASYNC103 reports it with the better fix (await OpenAsync).
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Connection
                {
                    public void Open() => OpenAsync().GetAwaiter().GetResult();
                    public Task OpenAsync() => Task.Delay(1);
                }
                class C
                {
                    async Task RunAsync(Connection c) { c.Open(); await Task.Yield(); }
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
    }
}
