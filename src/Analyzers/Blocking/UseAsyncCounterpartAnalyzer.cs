using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC103: a synchronous call on an async path whose API has an awaitable counterpart (<c>File.ReadAllText</c> -> <c>File.ReadAllTextAsync</c>).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseAsyncCounterpartAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: documentation ID of the counterpart's (unreduced) definition; absent when there is none to suggest.</summary>
        internal const string CounterpartProperty = "Counterpart";

        /// <summary>Diagnostic property: the counterpart's name, the one the fix writes.</summary>
        internal const string CounterpartNameProperty = "CounterpartName";

        /// <summary>Diagnostic property: the mask of array parameters the counterpart takes as one <c>Memory&lt;T&gt;</c> (<see cref="AsyncCounterpart.SlicedParameters"/>), when any.</summary>
        internal const string SlicedProperty = "Sliced";

        private const int MaxInlineReplacementLength = 80;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.UseAsyncCounterpart);

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
            // The exclusion set and the counterpart search are built on the first synchronous call on an async path.
            var catalog = new Lazy<KnownTypes?>(() => KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? types : null);
            var search = new Lazy<AsyncCounterpartResolver>(() => AsyncCounterpartResolver.For(catalog.Value!));
            var options = new AnalyzerOptionsReader(context.Options);
            var groups = new ReceiverGroups();
            context.RegisterOperationAction(
                c =>
                {
                    if (catalog.Value is { } types)
                    {
                        AnalyzeInvocation(c, types, search, options, groups);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>A call this rule reports, with what it found out about it.</summary>
        internal sealed class Finding
        {
            public Finding(IInvocationOperation invocation, InvocationExpressionSyntax syntax, AsyncPathInfo path, AsyncCounterpart? counterpart)
            {
                Invocation = invocation;
                Syntax = syntax;
                Path = path;
                Counterpart = counterpart;
            }

            public IInvocationOperation Invocation { get; }

            public InvocationExpressionSyntax Syntax { get; }

            public AsyncPathInfo Path { get; }

            /// <summary>Null for a method configured as blocking that has no counterpart.</summary>
            public AsyncCounterpart? Counterpart { get; }
        }

        private static void AnalyzeInvocation(
            OperationAnalysisContext context,
            KnownTypes types,
            Lazy<AsyncCounterpartResolver> search,
            AnalyzerOptionsReader options,
            ReceiverGroups groups)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (ReceiverGroups.GroupedVariable(invocation, types.Compilation) is { } variable)
            {
                // A call on a variable is judged with the other calls on it in its function, once for all of them.
                var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types, includeRequestHandlers: true);
                if (!path.IsAsyncPath)
                {
                    return;
                }

                var containingSymbol = context.ContainingSymbol;
                var analyzerOptions = context.Options;
                var cancellationToken = context.CancellationToken;
                switch (groups.Place(
                    invocation,
                    variable,
                    path.FunctionOperation ?? invocation.Root(),
                    (IInvocationOperation call, out Finding found) => TryFind(call, containingSymbol, types, search.Value, options, analyzerOptions, cancellationToken, out found),
                    out var first,
                    out var later))
                {
                    case ReceiverGroups.Placement.First:
                        Report(context, first!, later, types);
                        return;
                    case ReceiverGroups.Placement.Later:
                    case ReceiverGroups.Placement.NoFinding:
                        return;
                }
            }

            if (TryFind(invocation, context.ContainingSymbol, types, search.Value, options, context.Options, context.CancellationToken, out var finding))
            {
                Report(context, finding, ImmutableArray<Finding>.Empty, types);
            }
        }

        /// <summary>The call is a finding of this rule by itself (before grouping).</summary>
        private static bool TryFind(
            IInvocationOperation invocation,
            ISymbol? containingSymbol,
            KnownTypes types,
            AsyncCounterpartResolver search,
            AnalyzerOptionsReader options,
            AnalyzerOptions analyzerOptions,
            System.Threading.CancellationToken cancellationToken,
            out Finding finding)
        {
            finding = null!;
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || types.IsAwaitableReturnType(method.ReturnType) || invocation.Syntax is not InvocationExpressionSyntax syntax)
            {
                return false;
            }

            var path = AsyncPath.Classify(invocation, containingSymbol, types, includeRequestHandlers: true);
            if (!path.IsAsyncPath)
            {
                return false;
            }

            var settings = options.For(invocation.Syntax.SyntaxTree);
            if (!TryMatch(invocation, syntax, containingSymbol, path.Function, types, BlockingCallExclusions.For(types), search, settings, analyzerOptions, out var counterpart, out var isAdditional)
                || AsyncPath.IsDeliberateBlocking(invocation, containingSymbol)
                || FailurePath.IsOnFailurePath(invocation)
                || (!isAdditional && WrapsOnlyTheApiUnderTest(method, types, settings, analyzerOptions, cancellationToken)))
            {
                return false;
            }

            finding = new Finding(invocation, syntax, path, counterpart);
            return true;
        }

        /// <summary>
        /// In a test project, a helper of the test project itself whose twin is the async way to do the same set-up
        /// (<c>GeoSearchSetup(key, db)</c> beside <c>GeoSearchSetupAsync</c>), and whose body blocks on nothing but the
        /// synchronous API of the project under test, which the tests call on purpose and this rule leaves alone: calling the
        /// helper is the same use of that API. The helper summary (ASYNC105's) decides, so anything else the helper blocks on
        /// (a file, a sleep, a wait on a task of its own) keeps the call reported.
        /// </summary>
        private static bool WrapsOnlyTheApiUnderTest(IMethodSymbol method, KnownTypes types, BlockingCallOptions settings, AnalyzerOptions analyzerOptions, System.Threading.CancellationToken cancellationToken)
        {
            return !settings.ReportOwnSyncApisInTests
                && BlockingSummary.IsCandidate(method, types.Compilation, types)
                && BlockingCallExclusions.For(types).IsTestProject
                && BlockingSummary.For(types.Compilation, types, analyzerOptions) is { } summary
                && summary.IsSummarizable(method)
                && summary.GetAnyChain(method, cancellationToken) is null
                && CallsTheApiUnderTest(BlockingSummary.Normalize(method), BlockingCallExclusions.For(types), types.Compilation, cancellationToken);
        }

        /// <summary>The helper's body calls the solution's own API at least once: it wraps it, rather than doing nothing.</summary>
        private static bool CallsTheApiUnderTest(IMethodSymbol helper, BlockingCallExclusions exclusions, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in helper.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The helper's body is in another method, possibly another tree; its model is the one the summary used.
                var body = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
                if (body is null)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is IInvocationOperation call && exclusions.IsOwnApiInTestProject(call.TargetMethod, call.Instance))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The finding and its advice: a method of its own, so that a compilation without findings never JIT-compiles it.</summary>
        private static void Report(OperationAnalysisContext context, Finding finding, ImmutableArray<Finding> later, KnownTypes types)
        {
            var properties = FixProperties.For(finding.Path);
            var advice = Describe(finding, context.ContainingSymbol, types, string.Empty, ref properties);
            var locations = ImmutableArray<Location>.Empty;
            if (!later.IsEmpty)
            {
                var builder = ImmutableArray.CreateBuilder<Location>(later.Length);
                for (var i = 0; i < later.Length; i++)
                {
                    Describe(later[i], context.ContainingSymbol, types, MemberSuffix(i), ref properties);
                    builder.Add(CallLocations.Of(later[i].Syntax));
                }

                locations = builder.MoveToImmutable();
                advice += LaterCallsNote(finding, later);
            }

            var method = finding.Invocation.TargetMethod;
            context.ReportVisible(Diagnostic.Create(
                Descriptors.UseAsyncCounterpart,
                CallLocations.Of(finding.Syntax),
                locations,
                properties,
                method.ContainingType.Name + "." + method.Name,
                FunctionNames.Describe(finding.Path.Function),
                advice));
        }

        /// <summary>"that 'ForEach' runs", naming the method the lambda is passed to, or "that runs inline".</summary>
        private static string InlineLambdaRunner(IAnonymousFunctionOperation? lambda)
        {
            for (var current = lambda?.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IDelegateCreationOperation:
                    case IConversionOperation:
                    case IArgumentOperation:
                        continue;
                    case IInvocationOperation runner:
                        return "that '" + runner.TargetMethod.Name + "' runs";
                }

                break;
            }

            return "that runs inline";
        }

        /// <summary>The suffix of the fix properties of the later call at <paramref name="index"/> of a group (its additional location).</summary>
        internal static string MemberSuffix(int index) => "#" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// "; this finding also covers the 2 later synchronous calls on 'probe' here: 'Cancel' (line 62), 'ExpectNext' (line 64)";
        /// past three, "... and 2 more, the last at line 70".
        /// </summary>
        private static string LaterCallsNote(Finding first, ImmutableArray<Finding> later)
        {
            const int Listed = 3;
            var text = new System.Text.StringBuilder("; this finding also covers the ");
            text.Append(later.Length == 1 ? "later synchronous call on '" : later.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " later synchronous calls on '")
                .Append(first.Invocation.Instance!.Syntax.ToString())
                .Append("' here: ");
            for (var i = 0; i < later.Length && i < Listed; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                text.Append('\'').Append(later[i].Invocation.TargetMethod.Name).Append("' (line ")
                    .Append((later[i].Syntax.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(')');
            }

            if (later.Length > Listed)
            {
                text.Append(" and ").Append((later.Length - Listed).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" more, the last at line ")
                    .Append((later[later.Length - 1].Syntax.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        /// <summary>
        /// The advice for one call, and the fix properties it needs, under names that end in <paramref name="suffix"/> (empty
        /// for the call the finding is reported at, <see cref="MemberSuffix"/> for a later call of its group).
        /// </summary>
        private static string Describe(Finding finding, ISymbol? containingSymbol, KnownTypes types, string suffix, ref ImmutableDictionary<string, string?> properties)
        {
            var syntax = finding.Syntax;
            var counterpart = finding.Counterpart;
            var path = finding.Path;
            var method = finding.Invocation.TargetMethod;
            string advice;
            // A collection's twin streams: the fix collects the stream, with a collector that must be in scope here.
            var collector = counterpart is { Shape: CounterpartShape.Collection } ? AsyncStreamCollection.CollectorFor(method.ReturnType) : null;
            if (collector is not null && !AsyncStreamCollection.IsInScope(finding.Invocation.SemanticModel!, syntax.SpanStart, counterpart!.Method.ReturnType, collector))
            {
                advice = "collect '" + Replacement(syntax, counterpart.Method, null, CounterpartShape.AsyncEnumerable, null, counterpart.SlicedParameters) + "' with 'await foreach' (no automatic fix: no '"
                    + collector + "' for async streams is in scope here; System.Linq.Async, or System.Linq.AsyncEnumerable on .NET 10, provides one)";
            }
            else if (counterpart?.DocumentationId is { } id)
            {
                properties = properties.Add(CounterpartProperty + suffix, id).Add(CounterpartNameProperty + suffix, counterpart.Method.Name);
                if (counterpart.SlicedParameters != 0)
                {
                    // The fixer writes the slice the message shows; it cannot always work the mask out again from the
                    // symbols it finds (an extension-method twin, a generic receiver's constructed twin).
                    properties = properties.Add(SlicedProperty + suffix, counterpart.SlicedParameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                var token = counterpart.CancellationTokenParameter >= 0 ? TokenInScope(path.Function, containingSymbol as IMethodSymbol, types) : null;
                if (token is null && counterpart.TokenIsRequired && !counterpart.HasTokenlessAlternative)
                {
                    token = "CancellationToken.None";
                }

                if (token is not null && counterpart.CancellationTokenParameter != counterpart.ArgumentCountFor(syntax.ArgumentList.Arguments.Count))
                {
                    token = counterpart.Method.Parameters[counterpart.CancellationTokenParameter].Name + ": " + token;
                }

                var replacement = Replacement(syntax, counterpart.Method, token, counterpart.Shape, collector, counterpart.SlicedParameters);
                var blocker = AwaitPlacement.Find(syntax);
                if (blocker != AwaitBlocker.None)
                {
                    advice = AwaitPlacement.Advice(blocker, replacement);
                }
                else if (counterpart.Shape != CounterpartShape.AsyncEnumerable && FitsInPlace(syntax, counterpart.Shape))
                {
                    advice = "use '" + replacement + "'";
                }
                else
                {
                    advice = counterpart.Shape == CounterpartShape.Fluent
                        ? "call '" + replacement + "' as a statement of its own (it returns nothing to chain on)"
                        : "enumerate '" + replacement + "' with 'await foreach'";
                }

                if (blocker == AwaitBlocker.None && path.Kind == AsyncPathKind.InlineLambda)
                {
                    // list.ForEach(x => probe.Expect(x)): no await in there, and no fix; the advice says what has to change first.
                    advice = "it sits in a synchronous lambda " + InlineLambdaRunner(path.InlineLambda) + ", where 'await' cannot go: make that a loop, then " + advice;
                }
            }
            else
            {
                advice = "it has no async counterpart, so move it off the async path";
            }

            return advice;
        }

        /// <summary>
        /// The part of ASYNC103 that does not depend on the async path: a synchronous call, not excluded, that has an async
        /// counterpart (or is configured as blocking). <paramref name="function"/> is the function the call sits in; a
        /// counterpart that is that function itself (or that it overrides) does not count. Shared with the cross-method summary.
        /// </summary>
        internal static bool TryMatch(
            IInvocationOperation invocation,
            InvocationExpressionSyntax syntax,
            ISymbol? containingSymbol,
            IMethodSymbol? function,
            KnownTypes types,
            BlockingCallExclusions exclusions,
            AsyncCounterpartResolver resolver,
            BlockingCallOptions settings,
            AnalyzerOptions? analyzerOptions,
            out AsyncCounterpart? counterpart,
            out bool isAdditional)
        {
            counterpart = null;
            isAdditional = false;
            exclusions.RememberOptions(analyzerOptions);
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || types.IsAwaitableReturnType(method.ReturnType) || invocation.IsInsideLock()
                || (!settings.ExcludedMethods.IsEmpty && settings.ExcludedMethods.Contains(method))
                || (!settings.NonBlockingArguments.IsEmpty && settings.NonBlockingArguments.Matches(method, invocation))
                || BlockingCallExclusions.HasFireAndForgetArgument(invocation))
            {
                return false;
            }

            // An extension method called as one (x.M()) is resolved in its reduced form, on the receiver's own type.
            var receiver = invocation.Instance;
            var calledAsExtension = false;
            if (method.IsExtensionMethod && receiver is null && IsReducedCall(invocation, syntax))
            {
                receiver = invocation.Arguments[0].Value.WalkDownConversion();
                calledAsExtension = true;
            }

            isAdditional = !settings.AdditionalBlockingMethods.IsEmpty && settings.AdditionalBlockingMethods.Contains(method);
            if (!isAdditional
                && (exclusions.IsExcluded(invocation, method, receiver)
                    || (!settings.ReportOwnSyncApisInTests && exclusions.IsOwnApiInTestProject(method, receiver))))
            {
                return false;
            }

            counterpart = resolver.Find(
                method,
                method.IsStatic && !calledAsExtension ? null : receiver?.Type,
                calledAsExtension,
                invocation.SemanticModel!,
                syntax.SpanStart,
                containingSymbol,
                function,
                containingSymbol as IMethodSymbol,
                invocation);

            // A receiver whose static type hides that the library under test handed it out (a Stream local holding the
            // library's own stream): asked only once a counterpart exists, since following the local walks its function.
            if (counterpart is not null && !isAdditional && !settings.ReportOwnSyncApisInTests && exclusions.IsHandedOutByApiUnderTest(receiver))
            {
                return false;
            }

            // A reader, writer or stream class of the compilation whose own overrides block on nothing (a TextWriter that
            // buffers lines for a test's output): its synchronous calls end in those overrides. Asked last: it summarizes them.
            if (counterpart is not null && !isAdditional
                && BlockingSummary.SinkCandidate(receiver, containingSymbol, types.Compilation) is { } sink
                && BlockingSummary.For(types.Compilation, types, analyzerOptions) is { } summary
                && summary.IsMemorySink(sink, System.Threading.CancellationToken.None))
            {
                return false;
            }

            // An IEnumerable<T> blocks when it is enumerated, not when it is returned: only a call enumerated right there
            // (a foreach over it, a LINQ operator applied to it) is reported.
            if (counterpart is { Shape: CounterpartShape.AsyncEnumerable } && !IsEnumeratedHere(invocation, types))
            {
                counterpart = null;
            }

            return counterpart is not null || isAdditional;
        }

        private static bool IsEnumeratedHere(IInvocationOperation invocation, KnownTypes types)
        {
            var current = invocation.WalkUpConversion();

            return current.Parent switch
            {
                IForEachLoopOperation loop => !loop.IsAsynchronous && ReferenceEquals(loop.Collection, current),
                IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next } => next.TargetMethod.IsExtensionMethod && KnownTypes.Is(next.TargetMethod.ContainingType, types.Enumerable),
                _ => false,
            };
        }

        /// <summary>True when the fix can write the counterpart where the call stands: a fluent twin has no value to chain on, an async stream needs a foreach to become 'await foreach'.</summary>
        internal static bool FitsInPlace(InvocationExpressionSyntax syntax, CounterpartShape shape)
        {
            var parent = syntax.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            return shape switch
            {
                CounterpartShape.Fluent => parent is ExpressionStatementSyntax,
                CounterpartShape.AsyncEnumerable => parent is CommonForEachStatementSyntax loop && loop.Expression == syntax && loop.AwaitKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None),
                _ => true,
            };
        }

        private static bool IsReducedCall(IInvocationOperation invocation, InvocationExpressionSyntax syntax)
        {
            return invocation.Arguments.Length > 0
                && syntax.Expression is MemberAccessExpressionSyntax memberAccess
                && invocation.Arguments[0].Value.Syntax == memberAccess.Expression;
        }

        /// <summary>The replacement as the message shows it: the call with the new name, or an abbreviation when the call is long.</summary>
        private static string Replacement(InvocationExpressionSyntax syntax, IMethodSymbol counterpart, string? token, CounterpartShape shape, string? collector, ulong sliced)
        {
            var name = counterpart.Name;
            SimpleNameSyntax? oldName = syntax.Expression switch
            {
                MemberAccessExpressionSyntax memberAccess => memberAccess.Name,
                MemberBindingExpressionSyntax memberBinding => memberBinding.Name,
                SimpleNameSyntax simpleName => simpleName,
                _ => null,
            };
            if (oldName is GenericNameSyntax generic)
            {
                name += generic.TypeArgumentList.ToString();
            }

            var callee = syntax.Expression is MemberAccessExpressionSyntax access ? access.Expression + "." + name : name;
            var arguments = ArraySlices.Apply(syntax.ArgumentList, sliced).Arguments.ToString();
            if (token is not null)
            {
                arguments = arguments.Length == 0 ? token : arguments + ", " + token;
            }

            // An async stream is not awaited itself: 'await foreach' enumerates it.
            var prefix = shape == CounterpartShape.AsyncEnumerable ? string.Empty : "await ";
            var suffix = collector is null ? string.Empty : "." + collector + "()";
            var text = MessageText.OneLine(prefix + callee + "(" + arguments + ")" + suffix);
            if (text.Length <= MaxInlineReplacementLength)
            {
                return text;
            }

            return prefix + (counterpart.IsStatic ? counterpart.ContainingType.Name + "." : string.Empty) + name + "(...)" + suffix;
        }

        /// <summary>The one CancellationToken parameter of the enclosing function (or else of the containing member), for the message.</summary>
        private static string? TokenInScope(IMethodSymbol? function, IMethodSymbol? member, KnownTypes types)
        {
            return OnlyTokenParameter(function, types) ?? OnlyTokenParameter(member, types);
        }

        private static string? OnlyTokenParameter(IMethodSymbol? function, KnownTypes types)
        {
            if (function is null)
            {
                return null;
            }

            string? found = null;
            foreach (var parameter in function.Parameters)
            {
                if (KnownTypes.Is(parameter.Type, types.CancellationToken))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = parameter.Name;
                }
            }

            return found;
        }
    }
}
