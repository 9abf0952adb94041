using System.Threading.Tasks;
using Xunit;
using Wait = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>;
using Counterpart = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;
using Helper = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>;
using Sleep = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>Synchronous ASP.NET Core request handlers are async paths for the blocking rules (the framework types are stubs: the reference assemblies have no ASP.NET Core).</summary>
    public class SyncRequestHandlerTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Mvc;\n";

        private const string AspNet = """

            namespace Microsoft.AspNetCore.Mvc
            {
                public interface IActionResult { }
                public sealed class OkResult : IActionResult { }
                public abstract class ControllerBase { public OkResult Ok() => new OkResult(); }
                public abstract class Controller : ControllerBase { public virtual void Dispose() { } }
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ApiControllerAttribute : System.Attribute { }
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class NonActionAttribute : System.Attribute { }
            }
            namespace Microsoft.AspNetCore.Mvc.RazorPages
            {
                public abstract class PageModel { }
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class NonHandlerAttribute : System.Attribute { }
            }
            namespace Microsoft.AspNetCore.SignalR
            {
                public abstract class Hub { }
            }
            namespace Microsoft.AspNetCore.Builder
            {
                public interface IEndpointRouteBuilder { }
                public static class EndpointRouteBuilderExtensions
                {
                    public static object MapGet(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                    public static object MapPost(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                }
            }
            """;

        private static Task VerifyWait(string code, string owner)
            => Wait.VerifyAnalyzerAsync(
                Usings + code + AspNet,
                Wait.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", owner, "use 'await' instead"));

        // ---------------------------------------------------------------- reported: each kind of handler

        [Theory]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public int Count(Task<int> t) => {|#0:t.Result|}; }", "'OrdersController.Count'")]
        [InlineData("public class HomeController : Microsoft.AspNetCore.Mvc.Controller { public Microsoft.AspNetCore.Mvc.IActionResult Index(Task<int> t) { var n = {|#0:t.Result|}; return Ok(); } }", "'HomeController.Index'")]
        [InlineData("[Microsoft.AspNetCore.Mvc.ApiController] public class OrdersApi { public int Get(Task<int> t) => {|#0:t.Result|}; }", "'OrdersApi.Get'")]
        [InlineData("public abstract class BaseController : Microsoft.AspNetCore.Mvc.ControllerBase { } public class OrdersController : BaseController { public void Touch(Task<int> t) { Console.WriteLine({|#0:t.Result|}); } }", "'OrdersController.Touch'")]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { public void OnGet(Task<int> t) { Console.WriteLine({|#0:t.Result|}); } }", "'IndexModel.OnGet'")]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { public void OnPostDelete(Task<int> t) { Console.WriteLine({|#0:t.Result|}); } }", "'IndexModel.OnPostDelete'")]
        [InlineData("public class ChatHub : Microsoft.AspNetCore.SignalR.Hub { public int Send(Task<int> t) => {|#0:t.Result|}; }", "'ChatHub.Send'")]
        [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app, Task<int> t) { Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, \"/n\", () => {|#0:t.Result|}); } }", "the lambda in 'Endpoints.Map'")]
        [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app, Task<int> t) { app.MapPost(\"/n\", (int x) => { return x + {|#0:t.Result|}; }); } }", "the lambda in 'Endpoints.Map'")]
        public Task BlockingWait_InSyncHandler_IsReported(string code, string owner)
            => VerifyWait(code, owner);

        [Fact]
        public Task ThreadSleep_InSyncAction_IsReported()
            => Sleep.VerifyAnalyzerAsync(
                Usings + "public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public void Slow() { {|#0:Thread.Sleep(100)|}; } }" + AspNet,
                Sleep.Diagnostic(DiagnosticIds.UseTaskDelay).WithLocation(0).WithArguments("'OrdersController.Slow'", "use 'await Task.Delay' instead"));

        [Fact]
        public Task SyncIo_InSyncHubMethod_IsReported()
            => Counterpart.VerifyAnalyzerAsync(
                Usings + "public class FilesHub : Microsoft.AspNetCore.SignalR.Hub { public string Read(string path) => {|#0:File.ReadAllText(path)|}; }" + AspNet,
                Counterpart.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments("File.ReadAllText", "'FilesHub.Read'", "use 'await File.ReadAllTextAsync(path)'"));

        [Fact]
        public Task BlockingHelper_CalledFromSyncAction_IsReported()
            => Helper.VerifyAnalyzerAsync(
                Usings + "public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public void Save() { {|#0:Pause()|}; } private static void Pause() => Thread.Sleep(10); }" + AspNet,
                Helper.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Pause", "Pause -> Thread.Sleep"));

        [Fact]
        public Task InlineLambdaInSyncAction_IsReportedForTheAction_WithoutAFix()
        {
            var source = Usings + "public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public void Touch(System.Collections.Generic.List<Task<int>> all) { all.ForEach(t => Console.WriteLine({|#0:t.Result|})); } }" + AspNet;
            var test = new Wait.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Wait.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithArguments("Task<int>.Result", "'OrdersController.Touch'", "use 'await' instead"));
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- not reported: sync code that is no handler

        [Theory]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { private int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { internal int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { protected int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public static int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { [Microsoft.AspNetCore.Mvc.NonAction] public int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public int Helper<T>(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public override string ToString() => Source.Result.ToString(); static Task<int> Source = Task.FromResult(1); }")]
        [InlineData("public class HomeController : Microsoft.AspNetCore.Mvc.Controller { public override void Dispose() { Source.Wait(); } static Task Source = Task.CompletedTask; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase, IDisposable { public void Dispose() { Source.Wait(); } static Task Source = Task.CompletedTask; }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public OrdersController(Task<int> t) { var n = t.Result; } }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public int Count { get { return Source.Result; } } static Task<int> Source = Task.FromResult(1); }")]
        [InlineData("public class OrdersService { public int Count(Task<int> t) => t.Result; }")]
        [InlineData("public class OrdersController { public int Count(Task<int> t) => t.Result; }")]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { public int Load(Task<int> t) => t.Result; }")]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { public int Online(Task<int> t) => t.Result; }")]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { [Microsoft.AspNetCore.Mvc.RazorPages.NonHandler] public void OnGetData(Task<int> t) { var n = t.Result; } }")]
        [InlineData("public class Page { public void OnGet(Task<int> t) { var n = t.Result; } }")]
        [InlineData("public class ChatHub : Microsoft.AspNetCore.SignalR.Hub { private int Helper(Task<int> t) => t.Result; }")]
        [InlineData("public static class Endpoints { public static Func<int> Handler(Task<int> t) => () => t.Result; }")]
        [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app, Task<int> t) { app.MapGet(\"/n\", () => Task.Run(() => t.Result)); } }")]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public void Start(Task<int> t) { new Thread(() => Console.WriteLine(t.Result)).Start(); } }")]
        public Task SyncCodeThatIsNoHandler_IsNotReported(string code)
            => Wait.VerifyAnalyzerAsync(Usings + code + AspNet);

        [Fact]
        public Task WithoutAspNetCore_ControllerLookalike_IsNotReported()
            => Wait.VerifyAnalyzerAsync("using System.Threading.Tasks;\nnamespace App { public abstract class ControllerBase { } public class OrdersController : ControllerBase { public int Count(Task<int> t) => t.Result; } }");

        [Fact]
        public Task SyncIo_InControllerHelper_IsNotReported()
            => Counterpart.VerifyAnalyzerAsync(Usings + "public class FilesController : Microsoft.AspNetCore.Mvc.ControllerBase { private string Read(string path) => File.ReadAllText(path); }" + AspNet);

        [Fact]
        public Task ThreadSleep_InHubHelper_IsNotReported()
            => Sleep.VerifyAnalyzerAsync(Usings + "public class ChatHub : Microsoft.AspNetCore.SignalR.Hub { private void Pause() => Thread.Sleep(10); }" + AspNet);

        // ---------------------------------------------------------------- fixes: the handler becomes async

        [Fact]
        public Task Fix_VoidAction_BecomesAsyncTask()
        {
            return Wait.VerifyCodeFixAsync(
                Usings + """
                public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public void Touch(Task<int> t)
                    {
                        Console.WriteLine([|t.Result|]);
                    }
                }
                """ + AspNet,
                Usings + """
                public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    public async Task Touch(Task<int> t)
                    {
                        Console.WriteLine(await t);
                    }
                }
                """ + AspNet);
        }

        [Fact]
        public Task Fix_ActionResult_BecomesTaskOfActionResult()
        {
            return Wait.VerifyCodeFixAsync(
                Usings + """
                public class HomeController : Microsoft.AspNetCore.Mvc.Controller
                {
                    public IActionResult Index(Task<int> t)
                    {
                        var n = [|t.Result|];
                        return Ok();
                    }
                }
                """ + AspNet,
                Usings + """
                public class HomeController : Microsoft.AspNetCore.Mvc.Controller
                {
                    public async Task<IActionResult> Index(Task<int> t)
                    {
                        var n = await t;
                        return Ok();
                    }
                }
                """ + AspNet);
        }

        [Fact]
        public Task Fix_SleepInPageHandler_BecomesAwaitedDelay()
        {
            return Sleep.VerifyCodeFixAsync(
                Usings + """
                public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
                {
                    public void OnGet()
                    {
                        [|Thread.Sleep(10)|];
                    }
                }
                """ + AspNet,
                Usings + """
                public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
                {
                    public async Task OnGet()
                    {
                        await Task.Delay(10);
                    }
                }
                """ + AspNet);
        }

        [Fact]
        public Task Fix_MappedLambda_BecomesAsyncLambda()
        {
            return Counterpart.VerifyCodeFixAsync(
                Usings + """
                public static class Endpoints
                {
                    public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app)
                    {
                        app.MapGet("/f", (string path) => [|File.ReadAllText(path)|]);
                    }
                }
                """ + AspNet,
                Usings + """
                public static class Endpoints
                {
                    public static void Map(Microsoft.AspNetCore.Builder.IEndpointRouteBuilder app)
                    {
                        app.MapGet("/f", async (string path) => await File.ReadAllTextAsync(path));
                    }
                }
                """ + AspNet);
        }
    }
}
