using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    public partial class OffloadCpuBoundLoopFixTests
    {
        [Fact]
        public Task LoopCarriedDependency_OffersOnlyTaskRun()
        {
            // Sieve: iteration i reads composite[i], which earlier iterations write.
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<bool[]> SieveAsync(int limit)
                    {
                        await Task.Yield();
                        var composite = new bool[limit + 1];
                        {|#0:for|} (int i = 2; i * i <= limit; i++)
                        {
                            if (composite[i])
                            {
                                continue;
                            }

                            for (int j = i * i; j <= limit; j += i)
                            {
                                composite[j] = true;
                            }
                        }

                        return composite;
                    }
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = Parallel,
                CodeActionIndex = null,
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.SieveAsync", "O(n²)", "run it on the thread pool with 'await Task.Run'"));
            test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments("C.SieveAsync", "O(n²)", "run it on the thread pool with 'await Task.Run'"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("ref double[,] c", "it uses the ref parameter 'c'")]
        [InlineData("in double[,] c", "it uses the in parameter 'c'")]
        public Task CapturedRefParameter_NoFix_MessageSaysWhy(string parameter, string reason)
        {
            var source = "using System.Threading.Tasks;\nclass C { Task M(double[,] a, double[,] b, " + parameter + ", int n) { {|#0:for|} (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { for (int k = 0; k < n; k++) { c[i, j] += a[i, k] * b[k, j]; } } } return Task.CompletedTask; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("C.M", "O(n³)", "it cannot move into a 'Task.Run' lambda as written (" + reason + "); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        [Fact]
        public Task ReturnFromTheMethod_NoFix_MessageSaysWhy()
        {
            var source = "using System.Threading.Tasks;\nclass C { async Task<int> M(int[] a) { await Task.Yield(); {|#0:for|} (int i = 0; i < a.Length; i++) { for (int j = 0; j < i; j++) { if (a[i] + a[j] == 0) { return i; } } } return -1; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("C.M", "O(n²)", "it cannot move into a 'Task.Run' lambda as written (it returns from the method); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        [Fact]
        public Task StructThis_NoFix_MessageSaysWhy()
        {
            var source = "using System.Threading.Tasks;\nstruct S { int[] data; async Task<long> M() { await Task.Yield(); long s = 0; {|#0:for|} (int i = 0; i < data.Length; i++) { for (int j = 0; j < i; j++) { s += data[i] * data[j]; } } return s; } }";
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0)
                .WithArguments("S.M", "O(n²)", "it cannot move into a 'Task.Run' lambda as written (it uses 'this' of a struct); extract it into a method and run that with 'await Task.Run'");
            return VerifyNoFixAsync(source, expected);
        }

        private const string AspNetFakes = """
            namespace Microsoft.AspNetCore.Mvc
            {
                public abstract class ControllerBase { }
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ApiControllerAttribute : System.Attribute { }
            }
            namespace Microsoft.AspNetCore.Builder
            {
                public interface IEndpointRouteBuilder { }
                public static class EndpointRouteBuilderExtensions
                {
                    public static object MapGet(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                }
            }
            namespace Microsoft.AspNetCore.SignalR
            {
                public abstract class Hub { }
            }

            """;

        private const string HandlerAdvice = "in a request handler 'Task.Run' only moves it to another pool thread; parallelize it or make it cheaper";

        [Theory]
        [InlineData("public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase { public async Task<double[,]> Get(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportController.Get")]
        [InlineData("[Microsoft.AspNetCore.Mvc.ApiController] public class ReportController { public async Task<double[,]> Get(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportController.Get")]
        [InlineData("public class ReportHub : Microsoft.AspNetCore.SignalR.Hub { public async Task<double[,]> Multiply(double[,] a, double[,] b, int n) { await Task.Yield(); BODY return c; } }", "ReportHub.Multiply")]
        [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app) { Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, \"/m\", async (double[,] a, double[,] b, int n) => { await Task.Yield(); BODY return c; }); } }", "lambda")]
        public Task RequestHandler_ReportsThatTaskRunDoesNotHelp_OffersOnlyParallel(string type, string owner)
        {
            const string Body = "var c = new double[n, n]; {|#0:for|} (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { double s = 0; for (int k = 0; k < n; k++) { s += a[i, k] * b[k, j]; } c[i, j] = s; } }";
            var source = "using System.Threading.Tasks;\n" + AspNetFakes + type.Replace("BODY", Body);
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                CodeActionEquivalenceKey = TaskRun,
                CodeActionIndex = null,
            };
            var expected = Verify.Diagnostic(DiagnosticIds.OffloadCpuBoundLoop).WithLocation(0).WithArguments(owner, "O(n³)", HandlerAdvice);
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task RequestHandler_ParallelFix_DoesNotWrapInTaskRun()
        {
            var source = "using System.Threading.Tasks;\n" + AspNetFakes + """
                public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public async Task<int[]> Get(int[] seeds)
                    {
                        await Task.Yield();
                        var result = new int[seeds.Length];
                        [|for|] (int i = 0; i < seeds.Length; i++)
                        {
                            int x = seeds[i];
                            for (int round = 0; round < 500; round++)
                            {
                                x = (x * 1103515245 + 12345) & 0x7fffffff;
                            }

                            result[i] = x;
                        }

                        return result;
                    }
                }
                """;
            var fixedSource = "using System.Threading.Tasks;\n" + AspNetFakes + """
                public class ReportController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public async Task<int[]> Get(int[] seeds)
                    {
                        await Task.Yield();
                        var result = new int[seeds.Length];
                        Parallel.For(0, seeds.Length, i =>
                        {
                            int x = seeds[i];
                            for (int round = 0; round < 500; round++)
                            {
                                x = (x * 1103515245 + 12345) & 0x7fffffff;
                            }

                            result[i] = x;
                        });

                        return result;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, fixedSource, Parallel);
        }

        private static Task VerifyNoFixAsync(string source, Microsoft.CodeAnalysis.Testing.DiagnosticResult expected)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync();
        }
    }
}
