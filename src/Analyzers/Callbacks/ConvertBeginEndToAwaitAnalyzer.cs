using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// ASYNC202: an APM <c>BeginXxx(..., callback, state)</c> whose callback is written in place: a lambda or anonymous
    /// method that calls the matching <c>EndXxx</c>, or a method group (whose body is not walked: one analysis per call).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConvertBeginEndToAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ConvertBeginEndToAwait);

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
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name.StartsWith("Begin", StringComparison.Ordinal) && methods.Value is { } m)
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
            return methods.AsyncResult is null || methods.AsyncCallback is null ? null : methods;
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, CallbackMethods methods, KnownTypes types, bool inTests)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var begin = invocation.TargetMethod;
            if (!begin.Name.StartsWith("Begin", System.StringComparison.Ordinal) || methods.ApmEnd(begin) is not { } end)
            {
                return;
            }

            IOperation? callback = null;
            foreach (var argument in invocation.Arguments)
            {
                if (KnownTypes.Is(argument.Parameter?.Type, methods.AsyncCallback))
                {
                    callback = argument.Value.WalkDownConversion();
                    break;
                }
            }

            if (callback is IDelegateCreationOperation creation)
            {
                callback = creation.Target;
            }

            switch (callback)
            {
                case IAnonymousFunctionOperation lambda when CallsEnd(lambda, end):
                case IMethodReferenceOperation:
                    break;
                default:
                    return;
            }

            // A test of the callback API itself checks what the callback does; await would remove what it checks.
            if (inTests && CallbackUnderTest.IsSubject(context.ContainingSymbol, invocation.Syntax))
            {
                return;
            }

            // A finding means a rewrite that keeps the callback's meaning exists; the fixer performs that same plan.
            if (invocation.SemanticModel is not { } model || ApmCallbackPlanner.TryGetSite(invocation.Syntax, model, context.CancellationToken) is not { } site)
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types);
            context.ReportVisible(Diagnostic.Create(
                Descriptors.ConvertBeginEndToAwait,
                ConvertContinueWithToAwaitAnalyzer.CallLocation(invocation.Syntax),
                FixProperties.For(path, site.UsesTaskCounterpart ? CallbackRewrite.AwaitTaskMethod : CallbackRewrite.AwaitFromAsync),
                begin.Name,
                end.Name));
        }

        private static bool CallsEnd(IAnonymousFunctionOperation lambda, IMethodSymbol end)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation call && call.TargetMethod.Name == end.Name && call.Arguments.Length == 1)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
