using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// ASYNC203: the Event-based Asynchronous Pattern, <c>obj.XxxCompleted += handler;</c> directly followed by
    /// <c>obj.XxxAsync(...);</c>, where the event's arguments derive from AsyncCompletedEventArgs. Reported on the
    /// subscription. A handler that completes a TaskCompletionSource over an API without a Task-returning counterpart is
    /// the adapter that should exist, and is not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConvertEventBasedAsyncToAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ConvertEventBasedAsyncToAwait);

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
                    if (c.Operation is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation eventReference } && eventReference.Event.Name.EndsWith("Completed", StringComparison.Ordinal) && methods.Value is { } m)
                    {
                        AnalyzeEventAssignment(c, m, m.Types, (bool)inTests.Value);
                    }
                },
                OperationKind.EventAssignment);
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
            return methods.AsyncCompletedEventArgs is null ? null : methods;
        }

        private static void AnalyzeEventAssignment(OperationAnalysisContext context, CallbackMethods methods, KnownTypes types, bool inTests)
        {
            var assignment = (IEventAssignmentOperation)context.Operation;
            if (!assignment.Adds
                || assignment.EventReference is not IEventReferenceOperation { Instance: { } instance } eventReference
                || methods.EapPrefix(eventReference.Event) is not { } prefix
                || assignment.Parent is not IExpressionStatementOperation statement
                || statement.Parent is not IBlockOperation block)
            {
                return;
            }

            // The next statement starts the operation on the same object.
            var index = IndexOf(block, statement);
            if (index < 0 || index + 1 >= block.Operations.Length
                || block.Operations[index + 1] is not IExpressionStatementOperation { Operation: IInvocationOperation start }
                || start.TargetMethod.Name != prefix + "Async"
                || !start.TargetMethod.ReturnsVoid
                || start.Instance is null
                || !SameReference(instance, start.Instance))
            {
                return;
            }

            var counterpart = methods.EapTaskCounterpart(start.TargetMethod, prefix, out _);
            if (counterpart is null && CompletesTaskCompletionSource(assignment.HandlerValue, methods))
            {
                return;
            }

            // A test of the callback API itself checks what the callback does; await would remove what it checks.
            if (inTests && CallbackUnderTest.IsSubject(context.ContainingSymbol, assignment.Syntax))
            {
                return;
            }

            // A finding means a rewrite that keeps the handler's meaning exists; the fixer performs that same plan.
            if (assignment.SemanticModel is not { } model || EapCallbackPlanner.TryGetSite(assignment.Syntax, model, context.CancellationToken) is null)
            {
                return;
            }

            var path = AsyncPath.Classify(assignment, context.ContainingSymbol, types);
            context.ReportVisible(Diagnostic.Create(
                Descriptors.ConvertEventBasedAsyncToAwait,
                assignment.Syntax.GetLocation(),
                FixProperties.For(path, CallbackRewrite.AwaitTaskMethod),
                eventReference.Event.Name,
                start.TargetMethod.Name));
        }

        private static int IndexOf(IBlockOperation block, IOperation statement)
        {
            for (var i = 0; i < block.Operations.Length; i++)
            {
                if (block.Operations[i] == statement)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool SameReference(IOperation a, IOperation b)
        {
            var symbolA = ReferencedSymbol(a.WalkDownConversion());
            return symbolA is not null && SymbolEqualityComparer.Default.Equals(symbolA, ReferencedSymbol(b.WalkDownConversion()));
        }

        private static ISymbol? ReferencedSymbol(IOperation operation)
        {
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                IInstanceReferenceOperation instance => instance.Type,
                _ => null,
            };
        }

        private static bool CompletesTaskCompletionSource(IOperation handler, CallbackMethods methods)
        {
            foreach (var operation in handler.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call
                    && call.TargetMethod.ContainingType is { } type
                    && (KnownTypes.Is(type.OriginalDefinition, methods.TaskCompletionSourceOfT) || KnownTypes.Is(type, methods.TaskCompletionSource)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
