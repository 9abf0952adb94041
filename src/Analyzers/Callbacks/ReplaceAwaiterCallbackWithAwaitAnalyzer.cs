using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// ASYNC204: <c>GetAwaiter().OnCompleted(...)</c> / <c>UnsafeOnCompleted(...)</c> on the framework awaiters (also the
    /// ConfigureAwait ones) with a callback written in place. Forwarding a continuation that came in as a value (what a
    /// custom awaiter does) is the awaiter pattern itself and is not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReplaceAwaiterCallbackWithAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ReplaceAwaiterCallbackWithAwait);

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
            var methods = new Lazy<CallbackMethods?>(() => Methods(compilation));
            var inTests = new Lazy<object>(() => Boxes.Of(CallbackUnderTest.IsTestProject(compilation)));
            context.RegisterOperationAction(
                c =>
                {
                    // By name first: the catalog is built only once a candidate is seen.
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name is "OnCompleted" or "UnsafeOnCompleted" && methods.Value is { } m)
                    {
                        AnalyzeInvocation(c, m, m.Types, (bool)inTests.Value);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>The compilation's callback catalog, or null when it has nothing this rule looks for.</summary>
        private static CallbackMethods? Methods(Compilation compilation)
        {
            var types = KnownTypes.Create(compilation);
            if (!types.HasTaskTypes)
            {
                return null;
            }

            var methods = CallbackMethods.Create(types);
            return methods.Awaiters.IsEmpty ? null : methods;
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, CallbackMethods methods, KnownTypes types, bool inTests)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (target.Name is not ("OnCompleted" or "UnsafeOnCompleted")
                || invocation.Arguments.Length != 1
                || !methods.IsAwaiter(target.ContainingType))
            {
                return;
            }

            // A callback written here (lambda, anonymous method, method group); not a continuation passed through.
            var callback = invocation.Arguments[0].Value.WalkDownConversion();
            if (callback is IDelegateCreationOperation creation)
            {
                callback = creation.Target;
            }

            if (callback is not (IAnonymousFunctionOperation or IMethodReferenceOperation))
            {
                return;
            }

            // A test of the callback API itself checks what the callback does; await would remove what it checks.
            if (inTests && CallbackUnderTest.IsSubject(context.ContainingSymbol, invocation.Syntax))
            {
                return;
            }

            // A finding means a rewrite that keeps the callback's meaning exists; the fixer performs that same plan.
            if (invocation.SemanticModel is not { } model || AwaiterCallbackPlanner.TryGetSite(invocation.Syntax, model, context.CancellationToken) is null)
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types);
            context.ReportVisible(Diagnostic.Create(
                Descriptors.ReplaceAwaiterCallbackWithAwait,
                ConvertContinueWithToAwaitAnalyzer.CallLocation(invocation.Syntax),
                FixProperties.For(path, CallbackRewrite.AwaitTask),
                target.Name));
        }
    }
}
