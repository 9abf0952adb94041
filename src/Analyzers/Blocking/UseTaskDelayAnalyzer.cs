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
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var types = KnownTypes.Create(context.Compilation);
            if (!types.HasTaskTypes || types.Thread is null)
            {
                return;
            }

            var sleepMethods = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var member in types.Thread.GetMembers("Sleep"))
            {
                if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method)
                {
                    sleepMethods.Add(method);
                }
            }

            if (sleepMethods.Count == 0)
            {
                return;
            }

            var sleeps = sleepMethods.ToImmutable();
            context.RegisterOperationAction(c => AnalyzeInvocation(c, sleeps, types), OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ImmutableHashSet<IMethodSymbol> sleeps, KnownTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!sleeps.Contains(invocation.TargetMethod) || invocation.Arguments.Length != 1)
            {
                return;
            }

            // Thread.Sleep(0) and Sleep(TimeSpan.Zero) give up the rest of the time slice: a yield, not a wait.
            if (IsZeroDelay(invocation.Arguments[0].Value, types))
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types);
            if (!path.IsAsyncPath)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ThreadSleep,
                invocation.Syntax.GetLocation(),
                FixProperties.For(path),
                FunctionNames.Display(path.Function)));
        }

        private static bool IsZeroDelay(IOperation argument, KnownTypes types)
        {
            var value = argument.WalkDownConversion();
            if (value.ConstantValue is { HasValue: true, Value: int milliseconds })
            {
                return milliseconds == 0;
            }

            return value is IFieldReferenceOperation { Field: { Name: "Zero", IsStatic: true } field }
                && KnownTypes.Is(field.ContainingType, types.TimeSpan);
        }
    }
}
