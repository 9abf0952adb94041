using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Per-compilation answer to "does this synchronous method of the compilation block, and via what?", across any depth of
    /// synchronous helpers. Computed lazily per method and memoized; recursion and cycles are resolved by strongly connected
    /// components (iterative Tarjan, no recursion over the call graph), and within a component by a fixed point that picks the
    /// shortest chain with a source-order tie-break, so every thread computes the same answer. Safe to call concurrently.
    /// Methods of other assemblies are not analyzed.
    /// </summary>
    internal sealed partial class BlockingSummary
    {
        private static readonly object NotBlocking = new object();

        private readonly Compilation compilation;
        private readonly KnownTypes types;
        private readonly ImmutableArray<IBlockingLeafDetector> detectors;
        // Sized for a large project: growing a concurrent dictionary takes all its locks and rehashes every entry.
        private readonly ConcurrentDictionary<IMethodSymbol, object> results = new(concurrencyLevel: 4, capacity: 4096, SymbolEqualityComparer.Default);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Lazy<BlockingSummary?>> Shared = new();

        /// <summary>
        /// The compilation's one summary, shared by the analyzers that ask (ASYNC105 for every chain, ASYNC103 for a test
        /// helper it is about to report); null when no detector applies. Built on first use.
        /// </summary>
        public static BlockingSummary? For(Compilation compilation, KnownTypes types, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options)
        {
            return Shared.GetValue(compilation, c => new System.Lazy<BlockingSummary?>(() =>
            {
                var detectors = BlockingDetectors.Create(types, options);
                return detectors.IsEmpty ? null : new BlockingSummary(c, types, detectors);
            })).Value;
        }

        public BlockingSummary(Compilation compilation, KnownTypes types, ImmutableArray<IBlockingLeafDetector> detectors)
        {
            this.compilation = compilation;
            this.types = types;
            this.detectors = detectors;
            dbDataReader = types.DbDataReader;
        }

        private readonly INamedTypeSymbol? dbDataReader;

        /// <summary>A column getter of a <c>DbDataReader</c> subclass of this compilation (GetInt32, GetString, GetValue...).</summary>
        private bool IsColumnRead(IMethodSymbol method)
        {
            if (dbDataReader is null || method.MethodKind != MethodKind.Ordinary
                || !(method.Name.StartsWith("Get", System.StringComparison.Ordinal) || method.Name == "IsDBNull")
                || method.Name is "GetSchemaTable" or "GetColumnSchema" or "GetEnumerator" or "GetData")
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (KnownTypes.Is(type, dbDataReader))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for a synchronous method, accessor or local function declared in this compilation with a body: the kind of
        /// callee whose body runs on the caller's thread and is worth summarizing.
        /// </summary>
        public bool IsSummarizable(IMethodSymbol method)
        {
            // The declaration check last: it allocates.
            return IsCandidate(method) && !Normalize(method).DeclaringSyntaxReferences.IsEmpty;
        }

        /// <summary><see cref="IsSummarizable"/> without the look at the declaration: no allocation, for the first filter of every call.</summary>
        public bool IsCandidate(IMethodSymbol method) => IsCandidate(method, compilation, types);

        /// <summary>The same question before any summary exists: the analyzer asks it before building the detectors.</summary>
        public static bool IsCandidate(IMethodSymbol method, Compilation compilation, KnownTypes types)
        {
            return !method.IsAsync
                && !method.IsAbstract
                && !method.IsExtern
                && method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.LocalFunction or MethodKind.ReducedExtension
                && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
                && !types.IsAwaitableReturnType(method.ReturnType);
        }

        /// <summary>
        /// True when a direct rule covers <paramref name="call"/>: ASYNC103 when the callee has an async counterpart (or is
        /// configured as blocking), ASYNC104 when it reports the call as the <c>Dispose()</c> of an object with its own
        /// DisposeAsync (in <paramref name="function"/>, the innermost function around the call). Their fixes await the async
        /// form, which is better than making the helper chain async, and one call should carry one finding.
        /// </summary>
        public bool IsCoveredByDirectRule(IInvocationOperation call, IMethodSymbol owner, IMethodSymbol? function)
        {
            foreach (var detector in detectors)
            {
                if ((detector is AsyncCounterpartDetector counterparts && counterparts.TryDetect(call, owner, out _))
                    || (detector is AsyncDisposeDetector disposals && disposals.IsDisposeToReport(call, function)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The chain by which every call of <paramref name="method"/> blocks, or null when it does not. A method that blocks only
        /// through first-call work (<see cref="FirstCallWork"/>) has no such chain: see <see cref="GetAnyChain"/>.
        /// </summary>
        public BlockingChain? GetChain(IMethodSymbol method, CancellationToken cancellationToken)
            => GetAnyChain(method, cancellationToken) is { FirstCallStep: null } chain ? chain : null;

        /// <summary>The chain by which <paramref name="method"/> blocks, on every call or only on the first; null when it does not block.</summary>
        public BlockingChain? GetAnyChain(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var key = Normalize(method);
            if (!IsSummarizable(method))
            {
                return null;
            }

            if (!results.TryGetValue(key, out var result))
            {
                Compute(key, cancellationToken);
                result = results[key];
            }

            return result as BlockingChain;
        }

        /// <summary>
        /// Every place in the body of <paramref name="method"/> that blocks: its blocking operations, and its calls to helpers
        /// that block, first-call work included (the exemptions that ask whether every site is harmless must see it, and
        /// an async twin awaits it too). What a "make it async" rewrite has to change in that method. Empty when the
        /// method does not block.
        /// </summary>
        public ImmutableArray<BlockingSite> GetBlockingSites(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (GetAnyChain(method, cancellationToken) is null)
            {
                return ImmutableArray<BlockingSite>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<BlockingSite>();
            foreach (var edge in CollectEdges(Normalize(method), new Stack<IOperation>(), cancellationToken))
            {
                if (edge.Kind == EdgeKind.Leaf)
                {
                    builder.Add(new BlockingSite(edge.Operation, edge.Leaf, null));
                }
                else if (GetAnyChain(edge.Callee!, cancellationToken) is not null)
                {
                    builder.Add(new BlockingSite(edge.Operation, default, edge.Callee));
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True when every blocking site of <paramref name="call"/>'s target is a call on one of the target's own parameters
        /// (<c>ReadN(Stream s, int n) { ... s.Read(...) ... }</c>) and the argument this call passes for it makes the call
        /// harmless, as the detector that found it judges (<see cref="IBlockingLeafDetector.IsHarmlessReceiver"/>): the
        /// helper reads a stream over memory, or in a test project the stream the library under test handed out.
        /// </summary>
        public bool ArgumentsMakeEverySiteHarmless(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var callee = Normalize(call.TargetMethod);
            var sites = GetBlockingSites(callee, cancellationToken);
            if (sites.IsEmpty)
            {
                return false;
            }

            foreach (var site in sites)
            {
                if (!site.IsLeaf || !IsHarmlessSite(call, callee, site.Operation, site.Leaf, receiverOnly: false))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="ArgumentsMakeEverySiteHarmless"/> for a call inside a helper's body, while the summaries are being
        /// computed: <c>WriteTo(StringWriter w) { Escape(w, text); }</c> with <c>Escape(TextWriter writer, ...)</c> writing
        /// only to <c>writer</c> does not block, so the edge to <c>Escape</c> is not followed. Only callees whose every blocking
        /// site is a direct call on a parameter qualify, besides calls of helpers that block nowhere (<see cref="HasNoBlockingSite"/>;
        /// no summary is computed from here, so the graph walk does not re-enter itself), and only calls that pass in-memory
        /// data at all are looked at.
        /// </summary>
        private bool ArgumentsMakeCalleeHarmless(IInvocationOperation call, IMethodSymbol callee, CancellationToken cancellationToken)
        {
            if (!PassesInMemoryData(call) && !(ReceiverCreation(call) is { } creation && PassesInMemoryData(creation.Arguments)))
            {
                return false;
            }

            return SitesAreHarmless(call, callee, receiverOnly: false, LookAheadDepth, outer: null, cancellationToken);
        }

        /// <summary>
        /// Every blocking site of <paramref name="callee"/> is harmless for <paramref name="call"/>: a leaf on a parameter or on
        /// the state the call's receiver was built with, a call of the same object's own method whose sites are harmless in
        /// turn (<c>Flush() => Flush(CancellationToken.None)</c>), or a helper that blocks nowhere. With
        /// <paramref name="receiverOnly"/>, parameters do not count: they belong to an inner method, not to <paramref name="call"/>.
        /// </summary>
        private bool SitesAreHarmless(IInvocationOperation call, IMethodSymbol callee, bool receiverOnly, int budget, CallContext? outer, CancellationToken cancellationToken)
        {
            var harmlessSites = 0;
            foreach (var edge in CollectEdges(callee, new Stack<IOperation>(), cancellationToken, lookAhead: false))
            {
                if (edge.Kind == EdgeKind.Leaf)
                {
                    if (!IsHarmlessSite(call, callee, edge.Operation, edge.Leaf, receiverOnly, outer))
                    {
                        return false;
                    }

                    harmlessSites++;
                }
                else if (budget > 0 && !callee.IsStatic && !edge.Callee!.IsStatic
                    && edge.Operation is IInvocationOperation { Instance: IInstanceReferenceOperation }
                    && SitesAreHarmless(call, edge.Callee, receiverOnly: true, budget - 1, outer, cancellationToken))
                {
                    harmlessSites++;
                }
                else if (budget > 0 && !receiverOnly && edge.Operation is IInvocationOperation inner && PassesOwnParameter(inner, callee)
                    && SitesAreHarmless(inner, edge.Callee!, receiverOnly: false, budget - 1, new CallContext(call, callee, outer), cancellationToken))
                {
                    // WriteHeaders(Stream stream) { ... WriteHeaderRelaxed(options, stream, h); }: the parameter handed on.
                    harmlessSites++;
                }
                else if (!HasNoBlockingSite(edge.Callee!, cancellationToken))
                {
                    return false;
                }
            }

            return harmlessSites > 0;
        }

        /// <summary>How many levels of helpers <see cref="SitesAreHarmless"/> follows a parameter or the receiver's state down.</summary>
        private const int LookAheadDepth = 3;

        private bool PassesInMemoryData(IInvocationOperation call) => PassesInMemoryData(call.Arguments);

        private bool PassesInMemoryData(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Value.Type is { TypeKind: TypeKind.Class }
                    && (exclusions ??= BlockingCallExclusions.For(types)).HoldsInMemoryData(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private BlockingCallExclusions? exclusions;

        /// <summary>The call a look-ahead came through, so that a parameter handed on can be traced to the argument that filled it.</summary>
        private sealed class CallContext
        {
            public CallContext(IInvocationOperation call, IMethodSymbol callee, CallContext? outer)
            {
                Call = call;
                Callee = callee;
                Outer = outer;
            }

            public IInvocationOperation Call { get; }

            public IMethodSymbol Callee { get; }

            public CallContext? Outer { get; }
        }

        /// <summary>A call that hands one of <paramref name="callee"/>'s own parameters on as an argument.</summary>
        private static bool PassesOwnParameter(IInvocationOperation inner, IMethodSymbol callee)
        {
            foreach (var argument in inner.Arguments)
            {
                if (argument.Value.WalkDownConversion() is IParameterReferenceOperation { Parameter: var parameter }
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, callee))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An argument that is a parameter of a method the look-ahead came through, replaced by what that method's caller passed.</summary>
        private static IOperation? Resolve(IOperation argument, CallContext? outer)
        {
            var current = argument;
            for (var context = outer; context is not null; context = context.Outer)
            {
                if (current.WalkDownConversion() is not IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                    || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, context.Callee)
                    || ParameterWrites.Any(argument.Root(), context.Callee, ordinal => ordinal == parameter.Ordinal))
                {
                    return current;
                }

                if (ArgumentFor(context.Call, parameter.Ordinal) is not { } given)
                {
                    return null;
                }

                current = given;
            }

            return current;
        }

        /// <summary>
        /// A blocking call on one of <paramref name="callee"/>'s own parameters, which <paramref name="call"/> fills with a
        /// harmless argument; or, for a method of a wrapper (<c>filtered.Flush()</c> on a <c>FilterStream</c> that writes to the
        /// stream it was built over), a call on a field of the object that its constructor set from a parameter, when the
        /// object the call is made on was created right there with a harmless argument for it
        /// (<c>var filtered = new FilterStream(signatureStream)</c>).
        /// </summary>
        private bool IsHarmlessSite(IInvocationOperation call, IMethodSymbol callee, IOperation site, BlockingLeaf leaf, bool receiverOnly, CallContext? outer = null)
        {
            if (site is not IInvocationOperation { Instance: { } instance })
            {
                return false;
            }

            var receiver = instance.WalkDownConversion();
            if (receiver is ILocalReferenceOperation { Local: var patternLocal } && PatternInput(patternLocal, site) is { } tested)
            {
                // if (Source is ICancellableStream cancellable) cancellable.Write(...): the same object as what was tested.
                receiver = tested.WalkDownConversion();
            }

            switch (receiver)
            {
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } when !receiverOnly:
                    return SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, callee)
                        && ArgumentFor(call, parameter.Ordinal) is { } argument
                        && Resolve(argument, outer) is { } resolved
                        && IsHarmless(leaf, resolved)
                        && !ParameterWrites.Any(site.Root(), callee, ordinal => ordinal == parameter.Ordinal);
                case IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation }
                    when !callee.IsStatic && ReceiverCreation(call) is { } creation && creation.Constructor is { } constructor
                        && ConstructorParameterFor(field, constructor) is { } ordinal:
                    return ArgumentFor(creation.Arguments, ordinal) is { } built && IsHarmless(leaf, built);
                case IPropertyReferenceOperation { Property: { IsStatic: false, Parameters.IsEmpty: true } property, Instance: IInstanceReferenceOperation }
                    when !callee.IsStatic && AutoProperties.IsPrivatelySet(property) && ReceiverCreation(call) is { } propertyOwner && propertyOwner.Constructor is { } propertyConstructor
                        && ConstructorParameterFor(property, propertyConstructor) is { } propertyOrdinal:
                    return ArgumentFor(propertyOwner.Arguments, propertyOrdinal) is { } given && IsHarmless(leaf, given);
                default:
                    return false;
            }
        }

        /// <summary>The object a call is made on, when it was created in the caller: <c>new C(...).M()</c>, or a local only ever assigned <c>new C(...)</c>.</summary>
        private static IObjectCreationOperation? ReceiverCreation(IInvocationOperation call) => ReceiverCreation(call.Instance);

        /// <summary>
        /// <paramref name="instance"/> (the receiver of a call or property read), when it was created right there:
        /// <c>new C(...)</c>, or a local only ever assigned <c>new C(...)</c>.
        /// </summary>
        internal static IObjectCreationOperation? ReceiverCreation(IOperation? instance)
        {
            var receiver = instance?.WalkDownConversion();
            if (receiver is ILocalReferenceOperation local)
            {
                receiver = local.Local.OnlyValue(receiver)?.WalkDownConversion();
            }

            return receiver as IObjectCreationOperation;
        }

        /// <summary>
        /// The parameter of <paramref name="constructor"/> that <paramref name="field"/> is set from, when every write of the field
        /// in its type is <c>field = parameter</c> in a constructor and this constructor makes one of them; null otherwise.
        /// </summary>
        private int? ConstructorParameterFor(ISymbol field, IMethodSymbol constructor)
        {
            if ((field is IFieldSymbol && field.DeclaredAccessibility != Accessibility.Private) || field.ContainingType is null
                || TypeReferences.Of(field, field.ContainingType.DeclaringSyntaxReferences, compilation, default) is not { } uses)
            {
                return null;
            }

            int? ordinal = null;
            foreach (var (name, model) in uses)
            {
                var assignment = TypeReferences.AssignmentTo(name, out var writtenOtherwise);
                if (writtenOtherwise)
                {
                    // A ref or out use is a write no one can see.
                    return null;
                }

                if (assignment is null)
                {
                    continue;
                }

                if (model.GetOperation(assignment) is not ISimpleAssignmentOperation { Value: var value }
                    || value.WalkDownConversion() is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } owner } parameter })
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, constructor.OriginalDefinition))
                {
                    ordinal = parameter.Ordinal;
                }
            }

            return ordinal;
        }

        /// <summary>The value a pattern tested when it declared <paramref name="local"/> (<c>x is T local</c>), within the same function as <paramref name="site"/>.</summary>
        private static IOperation? PatternInput(ILocalSymbol local, IOperation site)
        {
            foreach (var operation in site.Root().Descendants())
            {
                if (operation is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } pattern
                    && SymbolEqualityComparer.Default.Equals(declared, local)
                    && pattern.Parent is IIsPatternOperation { Value: var tested })
                {
                    return tested;
                }
            }

            return null;
        }

        private static IOperation? ArgumentFor(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private bool IsHarmless(BlockingLeaf leaf, IOperation argument)
        {
            foreach (var detector in detectors)
            {
                if (detector.IsHarmlessReceiver(leaf, argument))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? ArgumentFor(IInvocationOperation call, int ordinal) => ArgumentFor(call.Arguments, ordinal);

        /// <summary>The definition whose body is summarized: reduced extensions, constructed generics and partial definitions map to their declaration.</summary>
        public static IMethodSymbol Normalize(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            return definition.PartialImplementationPart ?? definition;
        }
    }
}
