using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// ASYNC301: the outermost loop on an async path that only computes and whose estimated cost is high. The loop holds
    /// the async path's thread until it ends; <c>await Task.Run</c> moves it to the pool and <c>Parallel.For</c> spreads it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OffloadCpuBoundLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.OffloadCpuBoundLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Built on the first loop seen, not here: see KnownTypes.Create.
            var compilation = context.Compilation;
            var catalog = new Lazy<KnownTypes?>(() => KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? types : null);
            var symbols = new Lazy<CpuLoopSymbols>(() => new CpuLoopSymbols(compilation, catalog.Value!));
            var optionsByTree = new ConcurrentDictionary<SyntaxTree, CpuLoopOptions>();
            var optionsProvider = context.Options.AnalyzerConfigOptionsProvider;
            Func<SyntaxTree, CpuLoopOptions> optionsFor = tree => optionsByTree.GetOrAdd(tree, t => CpuLoopOptions.Read(optionsProvider.GetOptions(t)));
            context.RegisterOperationAction(
                c =>
                {
                    if (catalog.Value is { } types)
                    {
                        AnalyzeLoop(c, types, symbols, optionsFor);
                    }
                },
                OperationKind.Loop);
        }

        private static void AnalyzeLoop(OperationAnalysisContext context, KnownTypes types, Lazy<CpuLoopSymbols> lazySymbols, Func<SyntaxTree, CpuLoopOptions> optionsFor)
        {
            var loop = (ILoopOperation)context.Operation;
            if (HasEnclosingLoop(loop))
            {
                // The outermost loop of the nest judges the nest, top-down (ReportOutermostHeavy).
                return;
            }

            // The loop symbols (and their caches) are built for the first loop on an async path only.
            var path = AsyncPath.Classify(loop, context.ContainingSymbol, types);
            if (!path.IsAsyncPath)
            {
                return;
            }

            var symbols = lazySymbols.Value;
            if (RunsOnWorker(path, symbols))
            {
                return;
            }

            // The options are read only for a loop on an async path (most loops are not).
            ReportOutermostHeavy(context, loop, path, symbols, optionsFor(loop.Syntax.SyntaxTree));
        }

        /// <summary>
        /// Reports the loop when it is heavy; otherwise looks at the loops nested in it (in the same function: a lambda or
        /// local function is judged on its own). Each nest is evaluated once from the top, so a heavy inner loop is reported
        /// only when no loop around it is heavy, without evaluating the loops around it again for every inner loop.
        /// Loops of one function share its async-path classification.
        /// </summary>
        private static void ReportOutermostHeavy(OperationAnalysisContext context, ILoopOperation outermost, AsyncPathInfo path, CpuLoopSymbols symbols, CpuLoopOptions options)
        {
            var pending = new Stack<ILoopOperation>();
            pending.Push(outermost);
            while (pending.Count > 0)
            {
                var loop = pending.Pop();
                var evaluation = LoopCostModel.Evaluate(loop, symbols, options);
                if (evaluation.IsHeavy(options))
                {
                    Report(context, loop, path, evaluation, symbols);
                    continue;
                }

                PushNestedLoops(loop, pending);
            }
        }

        /// <summary>The loops directly nested in <paramref name="loop"/> (not inside another nested loop, lambda or local function).</summary>
        private static void PushNestedLoops(ILoopOperation loop, Stack<ILoopOperation> pending)
        {
            var walk = new Stack<IOperation>();
            foreach (var child in loop.ChildOperations)
            {
                walk.Push(child);
            }

            while (walk.Count > 0)
            {
                var current = walk.Pop();
                switch (current)
                {
                    case ILoopOperation nested:
                        pending.Push(nested);
                        continue;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                }

                foreach (var child in current.ChildOperations)
                {
                    walk.Push(child);
                }
            }
        }

        private static void Report(OperationAnalysisContext context, ILoopOperation loop, AsyncPathInfo path, LoopEvaluation evaluation, CpuLoopSymbols symbols)
        {
            var inRequestHandler = RequestHandlers.IsRequestHandler(path, context.ContainingSymbol, symbols);
            var moved = LambdaCapture.MovedStatement(loop);
            var taskRunBlocker = LambdaCapture.FindBlocker(loop, moved);
            var parallel = taskRunBlocker is null && moved == loop ? LoopIndependence.Analyze(loop, symbols) : ParallelPlan.None;

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.AddRange(FixProperties.For(path));
            if (taskRunBlocker is null && !inRequestHandler)
            {
                properties.Add(CpuLoopProperties.TaskRun, "true");
                if (moved is ILockOperation)
                {
                    properties.Add(CpuLoopProperties.MovesLock, "true");
                }
            }

            if (parallel.Shape != ParallelShape.None)
            {
                properties.Add(CpuLoopProperties.Parallel, parallel.Shape.ToPropertyValue());
                if (parallel.Reduction is not null)
                {
                    properties.Add(CpuLoopProperties.Reduction, parallel.Reduction);
                    properties.Add(CpuLoopProperties.ReductionKind, parallel.ReductionKind.ToPropertyValue());
                }
            }

            if (inRequestHandler)
            {
                properties.Add(CpuLoopProperties.RequestHandler, "true");
            }

            context.ReportVisible(Diagnostic.Create(
                Descriptors.OffloadCpuBoundLoop,
                LoopKeywordLocation(loop),
                properties.ToImmutable(),
                FunctionNames.Display(path.Function),
                evaluation.Cost.Display(),
                Advice(inRequestHandler, taskRunBlocker, parallel.Shape != ParallelShape.None)));
        }

        private static string Advice(bool inRequestHandler, string? taskRunBlocker, bool canParallelize)
        {
            if (inRequestHandler)
            {
                return canParallelize
                    ? "in a request handler 'Task.Run' only moves it to another pool thread; parallelize it or make it cheaper"
                    : "in a request handler 'Task.Run' only moves it to another pool thread; make it cheaper, cache its result or queue it to a background worker";
            }

            if (taskRunBlocker is not null)
            {
                return "it cannot move into a 'Task.Run' lambda as written (" + taskRunBlocker + "); extract it into a method and run that with 'await Task.Run'";
            }

            return canParallelize
                ? "run it on the thread pool with 'await Task.Run', or parallelize it (its iterations are independent)"
                : "run it on the thread pool with 'await Task.Run'";
        }

        /// <summary>The loop keyword (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>): the smallest span that names the loop.</summary>
        private static Location LoopKeywordLocation(ILoopOperation loop)
            => Location.Create(loop.Syntax.SyntaxTree, loop.Syntax.GetFirstToken().Span);

        /// <summary>True when a loop of the same function encloses this one (lambdas and local functions are functions of their own).</summary>
        private static bool HasEnclosingLoop(ILoopOperation loop)
        {
            for (var current = loop.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case ILoopOperation:
                        return true;
                }
            }

            return false;
        }

        /// <summary>An async lambda handed to Task.Run or TaskFactory.StartNew already runs on the pool, off its caller's path.</summary>
        private static bool RunsOnWorker(AsyncPathInfo path, CpuLoopSymbols symbols)
        {
            if (path.FunctionOperation is not IAnonymousFunctionOperation lambda)
            {
                return false;
            }

            var current = lambda.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            return (method.Name == "Run" && KnownTypes.Is(type, symbols.Types.Task))
                || (method.Name == "StartNew" && (KnownTypes.Is(type, symbols.Types.TaskFactory) || KnownTypes.Is(type, symbols.Types.TaskFactoryOfT)));
        }
    }

    /// <summary>Keys of the facts ASYNC301 passes to its fixer.</summary>
    internal static class CpuLoopProperties
    {
        /// <summary>"true" when the loop can move into a <c>Task.Run</c> lambda and that helps (not in a request handler).</summary>
        public const string TaskRun = "TaskRun";

        /// <summary>A <see cref="ParallelShape"/> ("for" or "foreach") when the iterations are proved independent.</summary>
        public const string Parallel = "Parallel";

        /// <summary>The integer local the loop sums into, rewritten with thread-local state by the parallel fix.</summary>
        public const string Reduction = "Reduction";

        /// <summary>A <see cref="ParallelReduction"/>: "sum" (<c>+=</c>, <c>-=</c>, <c>++</c>, <c>--</c>), "min" or "max" (<c>x = Math.Max(x, e)</c>).</summary>
        public const string ReductionKind = "ReductionKind";

        /// <summary>"true" when the loop sits in a <c>lock</c>: the Task.Run fix moves the whole lock statement into the lambda.</summary>
        public const string MovesLock = "MovesLock";

        /// <summary>"true" in ASP.NET Core request handlers: the parallel fix does not wrap in Task.Run.</summary>
        public const string RequestHandler = "RequestHandler";
    }
}
