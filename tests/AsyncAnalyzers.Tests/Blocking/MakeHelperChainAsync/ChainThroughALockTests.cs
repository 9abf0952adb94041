using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// A chain whose blocking operation, or a call on it, sits where C# forbids 'await' (a lock, an exception filter) has no
    /// fix: the message says what has to move first (azure-amqp's terminus store, waited on inside a lock).
    /// </summary>
    public class ChainThroughALockTests
    {
        private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Chain(int location, string callee, string chain)
            => Verify.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(location).WithArguments(callee, chain);

        [Fact]
        public Task WaitInsideALockOfTheHelper_SaysToMoveItOut()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Session
                {
                    private readonly object gate = new object();
                    public int Attach(Task<int> lookup) { lock (gate) { return lookup.Result; } }
                    public async Task OpenAsync(Task<int> lookup) { await Task.Yield(); Console.WriteLine({|#0:Attach(lookup)|}); }
                }
                """, Chain(0, "Attach", "Attach -> Task<int>.Result; the blocking operation in 'Attach' is inside a lock: move it out of the lock ('await' cannot be used inside 'lock') before the chain can become async"));
        }

        [Fact]
        public Task CallInsideALockOnTheWayDown_SaysToMoveItOut()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Session
                {
                    private readonly object gate = new object();
                    public void Attach() { lock (gate) { Register(); } }
                    private void Register() { Thread.Sleep(5); }
                    public async Task OpenAsync() { await Task.Yield(); {|#0:Attach()|}; }
                }
                """, Chain(0, "Attach", "Attach -> Register -> Thread.Sleep; the call in 'Attach' is inside a lock: move it out of the lock ('await' cannot be used inside 'lock') before the chain can become async"));
        }

        [Fact]
        public Task ChainOutsideAnyLock_HasNoNote()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Session
                {
                    private readonly object gate = new object();
                    public int Attach(Task<int> lookup) { lock (gate) { Console.WriteLine(1); } return lookup.Result; }
                    public async Task OpenAsync(Task<int> lookup) { await Task.Yield(); Console.WriteLine({|#0:Attach(lookup)|}); }
                }
                """, Chain(0, "Attach", "Attach -> Task<int>.Result"));
        }

        [Fact]
        public Task WaitInAnExceptionFilter_SaysToMoveItOut()
        {
            return Verify.VerifyAnalyzerAsync(Usings + """
                class Session
                {
                    public bool Check(Task<bool> probe) { try { return true; } catch (Exception) when (probe.Result) { return false; } }
                    public async Task OpenAsync(Task<bool> probe) { await Task.Yield(); Console.WriteLine({|#0:Check(probe)|}); }
                }
                """, Chain(0, "Check", "Check -> Task<bool>.Result; the blocking operation in 'Check' is in an exception filter: move it out of the 'when' clause ('await' cannot be used there) before the chain can become async"));
        }
    }
}
