using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC101: <c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c> and <c>Task.WaitAny</c>
    /// on an async path, unless the task has certainly finished already (<see cref="KnownCompleteTask"/>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AwaitInsteadOfBlockingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AwaitInsteadOfBlocking);

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
                    // By name first: the catalog is built only once a candidate is seen.
                    if (MayBeBlockingWait(c.Operation) && members.Value is { } m)
                    {
                        Analyze(c, m);
                    }
                },
                OperationKind.PropertyReference,
                OperationKind.Invocation);
        }

        /// <summary>The names <see cref="TryMatch"/> recognizes; no symbol is resolved to answer.</summary>
        internal static bool MayBeBlockingWait(IOperation operation)
        {
            return operation switch
            {
                IPropertyReferenceOperation reference => reference.Property.Name == "Result",
                IInvocationOperation invocation => invocation.TargetMethod.Name is "Wait" or "WaitAll" or "WaitAny" or "GetResult",
                _ => false,
            };
        }

        /// <summary>A blocking wait recognized at an operation, before the async-path and known-complete checks.</summary>
        internal readonly struct BlockingWait
        {
            public BlockingWait(IOperation site, IOperation? task, string call, string replacement, BlockingWaitFix fix, bool wrapsExceptions)
            {
                Site = site;
                Task = task;
                Call = call;
                Replacement = replacement;
                Fix = fix;
                WrapsExceptions = wrapsExceptions;
            }

            public IOperation Site { get; }

            /// <summary>The task waited on (null for WaitAll/WaitAny).</summary>
            public IOperation? Task { get; }

            public string Call { get; }

            public string Replacement { get; }

            public BlockingWaitFix Fix { get; }

            /// <summary>True when the wait throws AggregateException where await throws the inner exception.</summary>
            public bool WrapsExceptions { get; }
        }

        private static void Analyze(OperationAnalysisContext context, TaskMembers members)
        {
            if (!TryMatch(context.Operation, members, out var wait))
            {
                return;
            }

            var path = AsyncPath.Classify(wait.Site, context.ContainingSymbol, members.Types, includeRequestHandlers: true);
            if (!path.IsAsyncPath
                || (wait.Task is not null && KnownCompleteTask.IsKnownComplete(wait.Task, wait.Site, members))
                || IsAssertedToTimeOut(wait.Site, members)
                || AsyncPath.IsDeliberateBlocking(wait.Site, context.ContainingSymbol))
            {
                return;
            }

            var fix = wait.Fix;
            var blocker = AwaitPlacement.Find(wait.Site.Syntax);
            if (!path.CanAwaitHere || blocker != AwaitBlocker.None || (wait.WrapsExceptions && IsInsideAggregateExceptionHandler(wait.Site, members)))
            {
                fix = BlockingWaitFix.None;
            }

            context.ReportVisible(Diagnostic.Create(
                Descriptors.AwaitInsteadOfBlocking,
                wait.Site.Syntax.GetLocation(),
                FixProperties.For(path, fix),
                wait.Call,
                FunctionNames.Describe(path.Function),
                AwaitPlacement.Advice(blocker, wait.Replacement)));
        }

        /// <summary>
        /// <c>Assert.False(t.Wait(50))</c>, <c>t.Wait(50).ShouldBeFalse()</c>, <c>t.Wait(50).Should().BeFalse()</c>: a test that
        /// checks the task is still running after a short, bounded wait. Holding the thread for that bound is the point of the
        /// check (an await of <c>WaitAsync</c> would throw instead of answering false); not a finding.
        /// </summary>
        internal static bool IsAssertedToTimeOut(IOperation site, TaskMembers members)
        {
            if (site is not IInvocationOperation { TargetMethod: { Name: "Wait", ReturnType.SpecialType: SpecialType.System_Boolean } })
            {
                return false;
            }

            var value = site.WalkUpConversion();

            if (value.Parent is not IArgumentOperation { Parent: IInvocationOperation assertion })
            {
                return false;
            }

            // b.Should().BeFalse(): the assertion is the call made on what Should() returned.
            if (assertion.TargetMethod.Name == "Should" && assertion.Parent is IInvocationOperation onShould
                && ReferenceEquals(onShould.Instance?.WalkDownConversion(), assertion))
            {
                assertion = onShould;
            }

            return members.TryGetAssertedCondition(assertion, out var condition, out var assertedFalse)
                && assertedFalse
                && ReferenceEquals(condition.WalkDownConversion(), site);
        }

        /// <summary>
        /// Recognizes <c>.Result</c>, <c>.Wait(...)</c>, <c>GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c> and <c>Task.WaitAny</c>
        /// on tasks, with the rewrite that keeps their meaning (or <see cref="BlockingWaitFix.None"/>). Shared with the cross-method summary.
        /// </summary>
        internal static bool TryMatch(IOperation operation, TaskMembers members, out BlockingWait wait)
        {
            wait = default;
            if (operation is IPropertyReferenceOperation reference)
            {
                var property = reference.Property;
                if (property.Name != "Result" || property.IsStatic || reference.Instance is null
                    || !(KnownTypes.Is(property.ContainingType.OriginalDefinition, members.Types.TaskOfT)
                        || KnownTypes.Is(property.ContainingType.OriginalDefinition, members.Types.ValueTaskOfT)))
                {
                    return false;
                }

                // t?.Result: the await form would need a null check of its own.
                var resultFix = reference.Instance is IConditionalAccessInstanceOperation ? BlockingWaitFix.None : BlockingWaitFix.Await;
                wait = new BlockingWait(reference, reference.Instance, property.ContainingType.ToDisplayString(TypeFormat) + ".Result", "await", resultFix, wrapsExceptions: true);
                return true;
            }

            if (operation is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when !method.IsStatic && invocation.Instance is not null && members.IsTaskType(method.ContainingType):
                    // Wait(timeout) returns a bool that may be false; Wait(token) throws on cancellation: only Wait() has a faithful await.
                    if (method.Parameters.Length > 0 && invocation.Instance is not IConditionalAccessInstanceOperation && IsAssertedTimedWait(invocation, method, members))
                    {
                        wait = new BlockingWait(invocation, invocation.Instance, method.ContainingType.ToDisplayString(TypeFormat) + ".Wait", "await WaitAsync", BlockingWaitFix.WaitAsync, wrapsExceptions: true);
                        return true;
                    }

                    wait = new BlockingWait(invocation, invocation.Instance, method.ContainingType.ToDisplayString(TypeFormat) + ".Wait", "await",
                        method.Parameters.Length == 0 && invocation.Instance is not IConditionalAccessInstanceOperation ? BlockingWaitFix.Await : BlockingWaitFix.None, wrapsExceptions: true);
                    return true;
                case "WaitAll" when members.IsStaticTaskMethod(method, "WaitAll"):
                    wait = new BlockingWait(invocation, null, "Task.WaitAll", "await Task.WhenAll",
                        method.ReturnsVoid && IsSingleTaskArray(method) ? BlockingWaitFix.WhenAll : BlockingWaitFix.None, wrapsExceptions: true);
                    return true;
                case "WaitAny" when members.IsStaticTaskMethod(method, "WaitAny"):
                    wait = new BlockingWait(invocation, null, "Task.WaitAny", "await Task.WhenAny", WaitAnyFix(invocation, method), wrapsExceptions: false);
                    return true;
                case "GetResult" when members.TryGetBlockingGetResult(invocation, out _, out var task):
                    // GetResult throws the task's own exception, exactly as await does.
                    var fix = invocation.Instance?.WalkDownConversion() is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } ? BlockingWaitFix.None : BlockingWaitFix.Await;
                    wait = new BlockingWait(invocation, task, task.Type!.ToDisplayString(TypeFormat) + ".GetAwaiter().GetResult()", "await", fix, wrapsExceptions: false);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>t.Wait(timeout)</c> (int or TimeSpan, optionally with a token) whose bool is asserted true by a statement of its
        /// own, where the framework has <c>Task.WaitAsync(TimeSpan[, CancellationToken])</c> (.NET 6+).
        /// </summary>
        private static bool IsAssertedTimedWait(IInvocationOperation wait, IMethodSymbol method, TaskMembers members)
        {
            var parameters = method.Parameters;
            if (parameters.Length is 0 or > 2 || KnownTypes.Is(parameters[0].Type, members.Types.CancellationToken)
                || (parameters.Length == 2 && !KnownTypes.Is(parameters[1].Type, members.Types.CancellationToken))
                || !HasWaitAsync(members, parameters.Length == 2))
            {
                return false;
            }

            var value = wait.WalkUpConversion();

            if (value.Parent is not IArgumentOperation { Parent: IInvocationOperation consumer })
            {
                return false;
            }

            // Assert.True(t.Wait(timeout));
            if (members.TryGetAssertedCondition(consumer, out var condition, out var assertedFalse))
            {
                return !assertedFalse && ReferenceEquals(condition.WalkDownConversion(), wait) && consumer.Parent is IExpressionStatementOperation;
            }

            // t.Wait(timeout).Should().BeTrue(...);
            return consumer.TargetMethod is { Name: "Should", IsExtensionMethod: true } should
                && NamespaceNames.RootStartsWith(should.ContainingNamespace, "FluentAssertions")
                && consumer.Parent is IInvocationOperation { TargetMethod.Name: "BeTrue", Parent: IExpressionStatementOperation } beTrue
                && ReferenceEquals(beTrue.Instance, consumer);
        }

        private static bool HasWaitAsync(TaskMembers members, bool withToken)
        {
            if (members.Types.Task is not { } task)
            {
                return false;
            }

            foreach (var member in task.GetMembers("WaitAsync"))
            {
                if (member is IMethodSymbol { IsStatic: false } candidate && candidate.Parameters.Length == (withToken ? 2 : 1)
                    && KnownTypes.Is(candidate.Parameters[0].Type, members.Types.TimeSpan)
                    && (!withToken || KnownTypes.Is(candidate.Parameters[1].Type, members.Types.CancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>WaitAll/WaitAny(params Task[] tasks) (or params ReadOnlySpan&lt;Task&gt; on .NET 9): the overloads without a timeout or token.</summary>
        private static bool IsSingleTaskArray(IMethodSymbol method)
            => method.Parameters.Length == 1 && (method.Parameters[0].Type is IArrayTypeSymbol || method.Parameters[0].IsParams);

        private static BlockingWaitFix WaitAnyFix(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (!IsSingleTaskArray(method))
            {
                return BlockingWaitFix.None;
            }

            if (invocation.Parent is IExpressionStatementOperation)
            {
                return BlockingWaitFix.WhenAny;
            }

            // The index needs the array twice: only a variable can be read twice without running something again.
            return invocation.Arguments.Length == 1
                && invocation.Arguments[0].ArgumentKind == ArgumentKind.Explicit
                && invocation.Arguments[0].Value.WalkDownConversion() is ILocalReferenceOperation or IParameterReferenceOperation
                    or IFieldReferenceOperation { Field.IsReadOnly: true }
                ? BlockingWaitFix.WhenAnyIndex
                : BlockingWaitFix.None;
        }

        /// <summary>
        /// Inside <c>try { ... } catch (AggregateException)</c> the code expects the wrapper that <c>.Result</c>/<c>Wait</c>
        /// throw; <c>await</c> throws the inner exception instead, so the handler would stop matching.
        /// </summary>
        internal static bool IsInsideAggregateExceptionHandler(IOperation site, TaskMembers members)
        {
            foreach (var tryStatement in site.EnclosingTryBodies())
            {
                foreach (var handler in tryStatement.Catches)
                {
                    if (KnownTypes.Is(handler.ExceptionType, members.AggregateException))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
