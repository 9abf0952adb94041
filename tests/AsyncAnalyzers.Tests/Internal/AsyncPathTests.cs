using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Internal;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AsyncAnalyzers.Tests.Internal
{
    /// <summary>The async-path model on its own: each source has one call to <c>Probe()</c>, classified where it stands.</summary>
    public class AsyncPathTests
    {
        private const string Prelude = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Threading;
            using System.Threading.Tasks;
            static class P { public static void Probe() { } public static int Value() => 0; }
            """;

        private static ImmutableArray<MetadataReference> references;

        [Theory]
        [InlineData("class C { async Task M() { P.Probe(); } }", "C.M")]
        [InlineData("class C { async Task<int> M() { P.Probe(); return 1; } }", "C.M")]
        [InlineData("class C { async ValueTask M() { P.Probe(); } }", "C.M")]
        [InlineData("class C { async void Handler(object s, EventArgs e) { P.Probe(); } }", "C.Handler")]
        [InlineData("class C { async IAsyncEnumerable<int> M() { P.Probe(); yield return 1; } }", "C.M")]
        [InlineData("class C { static async Task Main() { P.Probe(); } }", "C.Main")]
        [InlineData("class C { void M() { Func<Task> f = async () => P.Probe(); } }", "lambda")]
        [InlineData("class C { void M() { Func<Task> f = async delegate { P.Probe(); }; } }", "lambda")]
        [InlineData("class C { void M() { async Task Local() { P.Probe(); } } }", "Local")]
        [InlineData("class C { void M() { Task.Run(async () => { P.Probe(); }); } }", "lambda")]
        [InlineData("class C { Func<Task> f = async () => P.Probe(); }", "lambda")]
        public void AsyncFunctions_AreAsyncPaths(string source, string owner)
        {
            var info = Classify(source);
            Assert.Equal(AsyncPathKind.AsyncFunction, info.Kind);
            Assert.True(info.IsAsyncPath);
            Assert.False(info.NeedsAsyncModifier);
            Assert.Equal(owner, FunctionNames.Display(info.Function));
        }

        [Theory]
        [InlineData("class C { Task M() { P.Probe(); return Task.CompletedTask; } }", "C.M")]
        [InlineData("class C { Task<int> M() { P.Probe(); return Task.FromResult(1); } }", "C.M")]
        [InlineData("class C { ValueTask<int> M() { P.Probe(); return default; } }", "C.M")]
        [InlineData("class C { void M() { Task Local() { P.Probe(); return Task.CompletedTask; } } }", "Local")]
        [InlineData("class C { void M() { Func<Task> f = () => { P.Probe(); return Task.CompletedTask; }; } }", "lambda")]
        [InlineData("class C { static Task Main() { P.Probe(); return Task.CompletedTask; } }", "C.Main")]
        [InlineData("class C { Task<int> Value { get { P.Probe(); return Task.FromResult(1); } } }", "C.Value.get")]
        public void AwaitableReturningFunctions_AreAsyncPathsThatNeedTheModifier(string source, string owner)
        {
            var info = Classify(source);
            Assert.Equal(AsyncPathKind.AwaitableReturningFunction, info.Kind);
            Assert.True(info.NeedsAsyncModifier);
            Assert.Equal(owner, FunctionNames.Display(info.Function));
        }

        [Fact]
        public void TopLevelStatementsThatAwait_AreAnAsyncPath()
        {
            var info = Classify("using System.Threading.Tasks;\nP.Probe();\nawait Task.Yield();\n", OutputKind.ConsoleApplication);
            Assert.True(info.IsAsyncPath);
        }

        [Fact]
        public void TopLevelStatementsWithoutAwait_AreNotAnAsyncPath()
        {
            var info = Classify("P.Probe();\n", OutputKind.ConsoleApplication);
            Assert.Equal(NotAsyncReason.SyncFunction, info.Reason);
        }

        [Theory]
        [InlineData("class C { void M() { P.Probe(); } }", "SyncFunction")]
        [InlineData("class C { int M() { P.Probe(); return 1; } }", "SyncFunction")]
        [InlineData("class C { static void Main() { P.Probe(); } }", "SyncFunction")]
        [InlineData("class C { C() { P.Probe(); } }", "Constructor")]
        [InlineData("class C { static C() { P.Probe(); } }", "Constructor")]
        [InlineData("class C { int p = Init(() => P.Value()); static int Init(Func<int> f) => f(); int X { get { P.Probe(); return 1; } } }", "SyncFunction")]
        [InlineData("class C { async Task M() { await Task.Run(() => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { await Task.Run(() => { P.Probe(); return Task.CompletedTask; }); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { await Task.Factory.StartNew(() => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { new Thread(() => P.Probe()).Start(); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { new Task(() => P.Probe()).Start(); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { ThreadPool.QueueUserWorkItem(_ => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { using var t = new Timer(_ => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { Parallel.For(0, 10, i => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { event Action E; async Task M() { E += () => P.Probe(); } }", "SyncFunction")]
        [InlineData("class C { Action stored; async Task M() { stored = () => P.Probe(); } }", "SyncFunction")]
        [InlineData("class C { async Task M() { void Local() { P.Probe(); } Local(); } }", "SyncFunction")]
        [InlineData("class C { async Task M() { Expression<Action> e = () => P.Probe(); } }", "ExpressionTree")]
        [InlineData("class C { async Task M() { Expression<Func<Task>> e = () => Task.Run(() => P.Probe()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M() { var n = nameof(P.Probe); } }", "NameOf")]
        public void NotAsyncPaths(string source, string reason)
        {
            var info = Classify(source);
            Assert.False(info.IsAsyncPath);
            Assert.Equal(AsyncPathKind.None, info.Kind);
            Assert.Equal(reason, info.Reason.ToString());
        }

        [Fact]
        public void ExpressionTreeLambdas_AreNotAsyncEvenWhenTaskReturning()
        {
            var info = Classify("class C { async Task M() { Expression<Func<Task>> e = () => Task.FromResult(P.Value()); } }", probe: "Value");
            Assert.Equal(NotAsyncReason.ExpressionTree, info.Reason);
        }

        [Fact]
        public void FunctionOperation_IsTheOwningLambdaOrLocalFunction()
        {
            Assert.Null(Classify("class C { async Task M() { P.Probe(); } }").FunctionOperation);
            Assert.IsAssignableFrom<Microsoft.CodeAnalysis.Operations.IAnonymousFunctionOperation>(
                Classify("class C { void M() { Func<Task> f = async () => P.Probe(); } }").FunctionOperation);
            Assert.IsAssignableFrom<Microsoft.CodeAnalysis.Operations.ILocalFunctionOperation>(
                Classify("class C { void M() { async Task L() { P.Probe(); } } }").FunctionOperation);
        }

        [Fact]
        public void NestedFunctions_TheInnermostDecides()
        {
            // Sync lambda inside an async method: not async. Async lambda inside a sync lambda: async.
            Assert.False(Classify("class C { async Task M() { Action a = () => P.Probe(); } }").IsAsyncPath);
            Assert.True(Classify("class C { void M() { Action a = () => { Func<Task> f = async () => P.Probe(); }; } }").IsAsyncPath);
        }

        [Theory]
        [InlineData("class C { async Task M(List<int> xs) { var l = xs.Select(x => P.Value()).ToList(); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var a = xs.Select(x => P.Value()).ToArray(); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var s = xs.Sum(x => P.Value()); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var f = xs.First(x => P.Value() > 0); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var d = xs.ToDictionary(x => x, x => P.Value()); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var k = xs.ToLookup(x => P.Value()); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var n = xs.Where(x => P.Value() > x).OrderBy(x => x).Count(); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { foreach (var v in xs.Select(x => P.Value())) { } } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var l = (from x in xs where x > 0 select P.Value()).ToList(); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var s = string.Join(\",\", xs.Select(x => P.Value())); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { var l = new List<int>(xs.Select(x => P.Value())); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs, List<int> into) { into.AddRange(xs.Select(x => P.Value())); } }", "C.M")]
        [InlineData("class C { async Task M(List<int> xs) { xs.ForEach(x => P.Probe()); } }", "C.M")]
        [InlineData("class C { async Task M(int[] xs) { Array.ForEach(xs, x => P.Probe()); } }", "C.M")]
        [InlineData("class C { async Task M(List<List<int>> xss) { var l = xss.Select(xs => xs.Sum(x => P.Value())).ToList(); } }", "C.M")]
        [InlineData("class C { Task<int> M(List<int> xs) => Task.FromResult(xs.Sum(x => P.Value())); }", "C.M")]
        [InlineData("class C { void M(List<int> xs) { Func<Task> f = async () => xs.ForEach(x => P.Probe()); } }", "lambda")]
        public void SyncLambdasThatRunInline_BelongToTheOuterAsyncFunction(string source, string owner)
        {
            var info = Classify(source, probe: source.Contains("P.Probe") ? "Probe" : "Value");
            Assert.Equal(AsyncPathKind.InlineLambda, info.Kind);
            Assert.True(info.IsAsyncPath);
            Assert.False(info.CanAwaitHere);
            Assert.False(info.NeedsAsyncModifier);
            Assert.NotNull(info.InlineLambda);
            Assert.Equal(owner, FunctionNames.Display(info.Function));
        }

        [Theory]
        [InlineData("class C { async Task M(List<int> xs) { var q = xs.Select(x => P.Value()); } }", "SyncFunction")]
        [InlineData("class C { async Task M(List<int> xs) { var q = xs.Where(x => P.Value() > 0).Select(x => x); } }", "SyncFunction")]
        [InlineData("class C { IEnumerable<int> M(List<int> xs) => xs.Select(x => P.Value()); }", "SyncFunction")]
        [InlineData("class C { async Task M(List<int> xs) { Use(xs.Select(x => P.Value())); } static void Use(IEnumerable<int> q) { } }", "SyncFunction")]
        [InlineData("class C { void M(List<int> xs) { var l = xs.Select(x => P.Value()).ToList(); } }", "SyncFunction")]
        [InlineData("class C { async Task M(List<int> xs) { await Task.Run(() => xs.Select(x => P.Value()).ToList()); } }", "OffloadedDelegate")]
        [InlineData("class C { async Task M(List<int> xs) { var l = xs.AsQueryable().Select(x => P.Value()).ToList(); } }", "ExpressionTree")]
        [InlineData("class C { async Task M(List<int> xs) { Action a = () => xs.ForEach(x => P.Probe()); } }", "SyncFunction")]
        [InlineData("class C { async Task M(List<int> xs) { xs.Select(x => P.Value()).GetEnumerator(); } }", "SyncFunction")]
        public void DeferredOrElsewhereLambdas_AreNotInline(string source, string reason)
        {
            var info = Classify(source, probe: source.Contains("P.Probe") ? "Probe" : "Value");
            Assert.False(info.IsAsyncPath);
            Assert.Equal(reason, info.Reason.ToString());
        }

        [Fact]
        public void AsyncLambdasPassedToLinq_AreTheirOwnAsyncFunction()
        {
            var info = Classify("class C { async Task M(List<int> xs) { var ts = xs.Select(async x => P.Value()).ToList(); } }", probe: "Value");
            Assert.Equal(AsyncPathKind.AsyncFunction, info.Kind);
            Assert.Equal("lambda", FunctionNames.Display(info.Function));
        }

        private static AsyncPathInfo Classify(string source, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary, string probe = "Probe")
        {
            var tree = CSharpSyntaxTree.ParseText(
                outputKind == OutputKind.ConsoleApplication ? source : Prelude + "\n" + source,
                new CSharpParseOptions(TestDefaults.LanguageVersion));
            var trees = outputKind == OutputKind.ConsoleApplication
                ? new[] { tree, CSharpSyntaxTree.ParseText(Prelude, new CSharpParseOptions(TestDefaults.LanguageVersion)) }
                : new[] { tree };
            var compilation = CSharpCompilation.Create("Probe", trees, References(), new CSharpCompilationOptions(outputKind));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var model = compilation.GetSemanticModel(tree);
            // The probe call, or (inside nameof) the bare member access.
            var access = tree.GetRoot().DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Single(m => m.Name.Identifier.ValueText == probe);
            SyntaxNode call = access.Parent is InvocationExpressionSyntax invocation ? invocation : access;
            var operation = model.GetOperation(call);
            Assert.NotNull(operation);
            var containing = model.GetEnclosingSymbol(call.SpanStart);
            while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                containing = containing.ContainingSymbol;
            }

            return AsyncPath.Classify(operation!, containing, KnownTypes.Create(compilation));
        }

        private static ImmutableArray<MetadataReference> References()
        {
            if (references.IsDefault)
            {
                references = TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult();
            }

            return references;
        }
    }
}
