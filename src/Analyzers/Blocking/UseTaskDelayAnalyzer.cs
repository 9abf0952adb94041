using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC102: <c>Thread.Sleep</c> on an async path; <c>await Task.Delay</c> waits without holding the thread.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseTaskDelayAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ThreadSleep);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var types = KnownTypes.Create(context.Compilation);
            if (!types.HasTaskTypes || ThreadSleepDetector.TryCreate(types) is not { } detector)
            {
                return;
            }

            context.RegisterOperationAction(c => AnalyzeInvocation(c, detector, types), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ThreadSleepDetector detector, KnownTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!detector.IsBlockingSleep(invocation))
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types, includeRequestHandlers: true);
            if (!path.IsAsyncPath || AsyncPath.IsDeliberateBlocking(invocation, context.ContainingSymbol))
            {
                return;
            }

            context.ReportVisible(Diagnostic.Create(
                Descriptors.ThreadSleep,
                invocation.Syntax.GetLocation(),
                FixProperties.For(path),
                FunctionNames.Describe(path.Function),
                AwaitPlacement.Advice(AwaitPlacement.Find(invocation.Syntax), "await Task.Delay")));
        }
    }
}
