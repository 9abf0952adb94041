using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC105: on an async path, a call to a synchronous method or property getter of this compilation that blocks,
    /// directly or through further synchronous helpers. Reported at the call site with the chain; the blocking line inside
    /// the helper is left alone (the helper may have synchronous callers).
    /// ASYNC107: a chain that blocks only through first-call work (<see cref="FirstCallWork"/>) is not reported at its call
    /// sites; once the compilation is analyzed, the work is reported once where it is guarded, naming the async paths that reach it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MakeHelperChainAsyncAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: number of helpers on the chain (1: the callee blocks itself).</summary>
        internal const string ChainLengthProperty = "ChainLength";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.MakeHelperChainAsync, Descriptors.MakeFirstCallWorkAsync);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Nothing is built until a call of this compilation's own synchronous code sits on an async path: the
            // detectors' catalogs (counterpart search, exclusions) are the costly part, see KnownTypes.Create.
            var compilation = context.Compilation;
            var analyzerOptions = context.Options;
            var catalog = new Lazy<KnownTypes?>(() => KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? types : null);
            var summary = new Lazy<BlockingSummary?>(() => BlockingSummary.For(compilation, catalog.Value!, analyzerOptions));
            var firstCalls = new FirstCallReports();
            context.RegisterOperationAction(
                c =>
                {
                    var callee = c.Operation switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IPropertyReferenceOperation { Parent: not ISimpleAssignmentOperation } property => property.Property.GetMethod,
                        _ => null,
                    };

                    // Cheap filters first: only code of this compilation has a body to summarize.
                    if (callee is null
                        || !SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, c.Compilation.Assembly)
                        || catalog.Value is not { } types
                        || !BlockingSummary.IsCandidate(callee, compilation, types))
                    {
                        return;
                    }

                    var path = AsyncPath.Classify(c.Operation, c.ContainingSymbol, types, includeRequestHandlers: true);
                    if (path.IsAsyncPath && summary.Value is { } s)
                    {
                        Analyze(c, callee, s, path, types, firstCalls);
                    }
                },
                OperationKind.Invocation,
                OperationKind.PropertyReference);
            context.RegisterCompilationEndAction(firstCalls.Report);
        }

        /// <summary>
        /// <c>Task CancelAsync() { Cancel(); return Task.CompletedTask; }</c>: the async twin that the library backs with its
        /// synchronous method. Its async form is the method itself; a fix would make it call itself.
        /// </summary>
        private static bool IsTwinOf(ISymbol containing, IMethodSymbol callee)
        {
            return containing is IMethodSymbol { MethodKind: MethodKind.Ordinary } owner
                && owner.IsStatic == callee.IsStatic
                && owner.Name.Length == callee.Name.Length + 5
                && owner.Name.StartsWith(callee.Name, System.StringComparison.Ordinal)
                && owner.Name.EndsWith("Async", System.StringComparison.Ordinal)
                && SymbolEqualityComparer.Default.Equals(owner.ContainingType?.OriginalDefinition, callee.ContainingType?.OriginalDefinition);
        }

        /// <summary>
        /// <c>new Settings().Text</c>, or <c>var s = new Settings(); ... s.Text</c>: the callee keeps its first-call work on
        /// the object, and the object was created for this call, so this call is a first call every time it runs.
        /// </summary>
        private static bool IsFirstCallOfAFreshObject(IOperation call, BlockingChain chain)
        {
            if (!ReferenceEquals(chain.FirstCallStep, chain) || chain.FirstCallGuard is not { IsStatic: false })
            {
                return false;
            }

            var receiver = call switch
            {
                IInvocationOperation invocation => invocation.Instance,
                IPropertyReferenceOperation property => property.Instance,
                _ => null,
            };
            return BlockingSummary.ReceiverCreation(receiver) is not null;
        }

        private static void Analyze(OperationAnalysisContext context, IMethodSymbol callee, BlockingSummary summary, AsyncPathInfo path, KnownTypes types, FirstCallReports firstCalls)
        {
            var chain = summary.GetAnyChain(callee, context.CancellationToken);
            // The chain chosen ends in a test helper's fixture file only when every chain does.
            if (chain is null
                || chain.Leaf.IsFixtureFile
                || (context.Operation is IInvocationOperation iteratorCall && DeferredIterators.IsDeferred(iteratorCall, BlockingSummary.Normalize(callee), types))
                || FailurePath.IsOnFailurePath(context.Operation)
                || AsyncPath.IsDeliberateBlocking(context.Operation, context.ContainingSymbol)
                || (IsTwinOf(context.ContainingSymbol, callee) && !RunsOnEveryCall(context.Operation))
                || (context.Operation is IInvocationOperation call
                    && ((context.ContainingSymbol is IMethodSymbol owner && summary.IsCoveredByDirectRule(call, owner, path.Function))
                        || BlockingCallExclusions.HasFireAndForgetArgument(call)
                        || SwitchedOffBranches.SwitchOffEveryBlockingSite(call, summary, context.CancellationToken)
                        || summary.ArgumentsMakeEverySiteHarmless(call, context.CancellationToken))))
            {
                return;
            }

            if (chain.FirstCallStep is not null && !IsFirstCallOfAFreshObject(context.Operation, chain)
                && !(chain.FirstCallGuard is { } guard && context.ContainingSymbol is IMethodSymbol caller && FirstCallWork.ResetsOnItsPath(caller, guard)))
            {
                // Only the first call blocks: the work is reported once, where it is guarded (ASYNC107).
                firstCalls.Add(chain, context.Operation, path.Function);
                return;
            }

            var length = 0;
            for (var step = chain; step is not null; step = step.Next)
            {
                length++;
            }

            var properties = FixProperties.For(path).Add(ChainLengthProperty, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.ReportVisible(Diagnostic.Create(
                Descriptors.MakeHelperChainAsync,
                context.Operation.Syntax.GetLocation(),
                properties,
                FunctionNames.Short(chain.Method),
                chain.Describe() + WhereAwaitCannotGo(chain, context.CancellationToken) + InItsOwnTwin(context.ContainingSymbol, callee)));
        }

        /// <summary>
        /// The call runs each time its function does: no branch, loop, <c>?:</c>, <c>??</c>, <c>?.</c>, <c>&amp;&amp;</c> or
        /// <c>||</c> between it and the function's body. A twin that calls its synchronous method only on a branch
        /// (<c>if (_buffer is not null) return new(Read(span));</c> beside an awaited read) is an async implementation with a
        /// fast path, whose condition the synchronous method shares.
        /// </summary>
        private static bool RunsOnEveryCall(IOperation call)
        {
            var child = call;
            for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                    case ILoopOperation:
                    case ISwitchOperation:
                    case ISwitchCaseOperation:
                    case ISwitchExpressionOperation:
                    case IConditionalAccessOperation conditionalAccess when !ReferenceEquals(conditionalAccess.Operation, child):
                    case ICoalesceOperation coalesce when !ReferenceEquals(coalesce.Value, child):
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when !ReferenceEquals(logical.LeftOperand, child):
                    case ICatchClauseOperation:
                        return false;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return true;
                }
            }

            return true;
        }

        /// <summary>
        /// "; this call is inside 'CancelAsync', the async form of 'Cancel' itself: ..." for the twin that runs its synchronous
        /// method (<c>Task CancelAsync() { Cancel(); return Task.CompletedTask; }</c>): its callers await it and block all
        /// the same. There is no async form of the callee to await there but the method itself, so no fix is offered, and
        /// the message says what the fix would need.
        /// </summary>
        private static string InItsOwnTwin(ISymbol containing, IMethodSymbol callee)
        {
            return IsTwinOf(containing, callee)
                ? "; this call is inside '" + containing.Name + "', the async form of '" + callee.Name + "' itself, which runs it synchronously: no fix is offered (awaiting '"
                    + containing.Name + "' here would call itself); make the blocking work async and await it here"
                : string.Empty;
        }

        /// <summary>
        /// "; the call in 'AttachLink' is inside a lock: ..." when a step of the chain, or its blocking operation, sits where C#
        /// forbids <c>await</c>: the chain cannot become async as it is, and the fix is not offered, so the message says why.
        /// </summary>
        private static string WhereAwaitCannotGo(BlockingChain chain, System.Threading.CancellationToken cancellationToken)
        {
            for (var step = chain; step is not null; step = step.Next)
            {
                foreach (var reference in step.Method.DeclaringSyntaxReferences)
                {
                    var declaration = reference.GetSyntax(cancellationToken);
                    if (!declaration.FullSpan.Contains(step.Position))
                    {
                        continue;
                    }

                    var node = declaration.FindToken(step.Position).Parent;
                    var place = node is null ? AwaitBlocker.None : AwaitPlacement.Find(node);
                    var where = place switch
                    {
                        AwaitBlocker.Lock => "inside a lock: move it out of the lock ('await' cannot be used inside 'lock')",
                        AwaitBlocker.CatchFilter => "in an exception filter: move it out of the 'when' clause ('await' cannot be used there)",
                        AwaitBlocker.Unsafe => "in an unsafe context: move it out ('await' cannot be used there)",
                        AwaitBlocker.QueryClause => "in a query clause: move it out ('await' cannot be used there)",
                        _ => null,
                    };
                    if (where is not null)
                    {
                        return "; the " + (step.Next is null ? "blocking operation" : "call") + " in '" + FunctionNames.Short(step.Method) + "' is " + where
                            + " before the chain can become async";
                    }
                }
            }

            return string.Empty;
        }
    }
}
