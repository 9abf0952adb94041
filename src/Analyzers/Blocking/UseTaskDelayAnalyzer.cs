using System;
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
            ImmutableArray.Create(Descriptors.UseTaskDelay);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Built on the first operation seen, not here: see KnownTypes.Create.
            var compilation = context.Compilation;
            var state = new Lazy<ThreadSleepDetector?>(() =>
                KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? ThreadSleepDetector.TryCreate(types) : null);
            context.RegisterOperationAction(
                c =>
                {
                    // By name first: the catalog is built only once a candidate is seen.
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name == "Sleep" && state.Value is { } s)
                    {
                        AnalyzeInvocation(c, s, s.Types);
                    }
                },
                OperationKind.Invocation);
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
                Descriptors.UseTaskDelay,
                invocation.Syntax.GetLocation(),
                FixProperties.For(path),
                FunctionNames.Describe(path.Function),
                AwaitPlacement.Advice(AwaitPlacement.Find(invocation.Syntax), "await Task.Delay")));
        }
    }
}
