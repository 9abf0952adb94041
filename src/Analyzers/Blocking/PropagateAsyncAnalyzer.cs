using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC106 (opt-in): a synchronous method that waits on a task it starts itself (<c>LoadAsync().Result</c>, or a local
    /// assigned from such a call and then waited on): sync over async. Disabled by default because synchronous signatures
    /// are often fixed by a contract; the fix makes the method async and updates its callers.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PropagateAsyncAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PropagateAsync);

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
            var members = new Lazy<TaskMembers?>(() => KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? new TaskMembers(types) : null);
            context.RegisterOperationAction(
                c =>
                {
                    if (members.Value is { } m)
                    {
                        Analyze(c, m);
                    }
                },
                OperationKind.PropertyReference,
                OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, TaskMembers members)
        {
            if (!AwaitInsteadOfBlockingAnalyzer.TryMatch(context.Operation, members, out var wait)
                || wait.Task is null
                || wait.Fix == BlockingWaitFix.None)
            {
                return;
            }

            var path = AsyncPath.Classify(wait.Site, context.ContainingSymbol, members.Types, includeRequestHandlers: true);
            if (path.Reason != NotAsyncReason.SyncFunction
                || path.Function is not { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } function
                || !StartsHere(wait.Task, members.Types, context.CancellationToken)
                || KnownCompleteTask.IsKnownComplete(wait.Task, wait.Site, members))
            {
                return;
            }

            context.ReportVisible(Diagnostic.Create(
                Descriptors.PropagateAsync,
                wait.Site.Syntax.GetLocation(),
                wait.Call,
                function.Name));
        }

        /// <summary>
        /// The task comes from a call made in this method: the call itself, or a local initialized from it. A task handed in
        /// from outside (a parameter, a field) may be one the caller already awaited; that is ASYNC101's concern on async paths.
        /// </summary>
        private static bool StartsHere(IOperation task, KnownTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var value = task.WalkDownConversion();
            if (value is IInvocationOperation invocation)
            {
                return types.IsAwaitableReturnType(invocation.TargetMethod.ReturnType);
            }

            if (value is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var declaration = value.SemanticModel?.GetOperation(declarator, cancellationToken) as IVariableDeclaratorOperation;
            return declaration?.Initializer?.Value.WalkDownConversion() is IInvocationOperation started
                && types.IsAwaitableReturnType(started.TargetMethod.ReturnType);
        }
    }
}
