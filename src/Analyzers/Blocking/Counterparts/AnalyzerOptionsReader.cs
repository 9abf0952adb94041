using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// A set of methods named in an option: documentation-comment IDs (<c>M:System.IO.File.ReadAllText(System.String)</c>,
    /// one overload) or <c>Namespace.Type.Method</c> (every overload).
    /// </summary>
    internal sealed class MethodNameSet
    {
        public static readonly MethodNameSet Empty = new MethodNameSet(ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty);

        private readonly ImmutableHashSet<string> documentationIds;
        private readonly ImmutableHashSet<string> qualifiedNames;

        private MethodNameSet(ImmutableHashSet<string> documentationIds, ImmutableHashSet<string> qualifiedNames)
        {
            this.documentationIds = documentationIds;
            this.qualifiedNames = qualifiedNames;
        }

        public bool IsEmpty => documentationIds.Count == 0 && qualifiedNames.Count == 0;

        public static MethodNameSet Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var part in value!.Split(','))
            {
                var entry = part.Trim();
                if (entry.Length == 0)
                {
                    continue;
                }

                if (entry.StartsWith("M:", StringComparison.Ordinal))
                {
                    ids.Add(entry);
                }
                else if (entry.IndexOf('(') >= 0)
                {
                    // A documentation ID written without its "M:" prefix.
                    ids.Add("M:" + entry);
                }
                else
                {
                    names.Add(entry);
                }
            }

            return new MethodNameSet(ids.ToImmutable(), names.ToImmutable());
        }

        public bool Contains(IMethodSymbol method)
        {
            if (IsEmpty)
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            if (qualifiedNames.Count > 0 && definition.ContainingType is { } type
                && qualifiedNames.Contains(type.ToDisplayString(QualifiedTypeFormat) + "." + definition.Name))
            {
                return true;
            }

            return documentationIds.Count > 0
                && definition.GetDocumentationCommentId() is { } id
                && documentationIds.Contains(id);
        }

        private static readonly SymbolDisplayFormat QualifiedTypeFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);
    }

    /// <summary>
    /// Calls made non-blocking by an argument (<c>Namespace.Type.Method(parameter=Value)</c>, <c>*</c> for every method of
    /// the type): <c>db.StringSet(key, value, flags: CommandFlags.FireAndForget)</c> queues the command and returns.
    /// The argument matches when it is the named enum member (alone or or-ed with others) or the constant written.
    /// </summary>
    internal sealed class NonBlockingArgumentSet
    {
        public static readonly NonBlockingArgumentSet Empty = new NonBlockingArgumentSet(ImmutableArray<(string Member, string Parameter, string Value)>.Empty);

        private static readonly SymbolDisplayFormat QualifiedTypeFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        private readonly ImmutableArray<(string Member, string Parameter, string Value)> entries;

        private NonBlockingArgumentSet(ImmutableArray<(string Member, string Parameter, string Value)> entries)
        {
            this.entries = entries;
        }

        public bool IsEmpty => entries.IsEmpty;

        public static NonBlockingArgumentSet Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            var builder = ImmutableArray.CreateBuilder<(string, string, string)>();
            foreach (var part in value!.Split(','))
            {
                var entry = part.Trim();
                var open = entry.IndexOf('(');
                var equals = entry.IndexOf('=');
                if (open <= 0 || equals < open || !entry.EndsWith(")", StringComparison.Ordinal))
                {
                    continue;
                }

                builder.Add((
                    entry.Substring(0, open).Trim(),
                    entry.Substring(open + 1, equals - open - 1).Trim(),
                    entry.Substring(equals + 1, entry.Length - equals - 2).Trim()));
            }

            return new NonBlockingArgumentSet(builder.ToImmutable());
        }

        /// <summary>True when <paramref name="method"/> is listed and the call passes the listed value for the listed parameter.</summary>
        public bool Matches(IMethodSymbol method, Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation)
        {
            if (entries.IsEmpty)
            {
                return false;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var type = definition.ContainingType?.ToDisplayString(QualifiedTypeFormat);
            foreach (var (member, parameter, expected) in entries)
            {
                if (type is null || !(member == type + "." + definition.Name || member == type + ".*"))
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == parameter && ArgumentIs(argument.Value, expected))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        internal static bool ArgumentIs(Microsoft.CodeAnalysis.IOperation value, string expected)
        {
            var pending = new System.Collections.Generic.Stack<Microsoft.CodeAnalysis.IOperation>();
            pending.Push(value);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case Microsoft.CodeAnalysis.Operations.IConversionOperation conversion:
                        pending.Push(conversion.Operand);
                        break;
                    case Microsoft.CodeAnalysis.Operations.IFieldReferenceOperation field when field.Field.Name == expected:
                        return true;
                    case Microsoft.CodeAnalysis.Operations.IBinaryOperation { OperatorKind: Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.Or } or:
                        pending.Push(or.LeftOperand);
                        pending.Push(or.RightOperand);
                        break;
                    case var other when other.ConstantValue is { HasValue: true, Value: { } constant }
                        && string.Equals(Convert.ToString(constant, System.Globalization.CultureInfo.InvariantCulture), expected, StringComparison.OrdinalIgnoreCase):
                        return true;
                }
            }

            return false;
        }
    }

    /// <summary>The blocking-call options of one syntax tree.</summary>
    internal sealed class BlockingCallOptions
    {
        public const string ExcludedMethodsKey = "async_analyzers.excluded_methods";
        public const string AdditionalBlockingMethodsKey = "async_analyzers.additional_blocking_methods";
        public const string NonBlockingArgumentsKey = "async_analyzers.non_blocking_arguments";
        public const string OwnSyncApisInTestsKey = "async_analyzers.report_own_sync_apis_in_tests";

        public static readonly BlockingCallOptions Empty = new BlockingCallOptions(MethodNameSet.Empty, MethodNameSet.Empty);

        public BlockingCallOptions(MethodNameSet excludedMethods, MethodNameSet additionalBlockingMethods)
            : this(excludedMethods, additionalBlockingMethods, NonBlockingArgumentSet.Empty, reportOwnSyncApisInTests: false)
        {
        }

        public BlockingCallOptions(MethodNameSet excludedMethods, MethodNameSet additionalBlockingMethods, NonBlockingArgumentSet nonBlockingArguments, bool reportOwnSyncApisInTests)
        {
            ExcludedMethods = excludedMethods;
            AdditionalBlockingMethods = additionalBlockingMethods;
            NonBlockingArguments = nonBlockingArguments;
            ReportOwnSyncApisInTests = reportOwnSyncApisInTests;
        }

        public MethodNameSet ExcludedMethods { get; }

        public MethodNameSet AdditionalBlockingMethods { get; }

        /// <summary><c>async_analyzers.non_blocking_arguments</c>: calls that an argument makes non-blocking.</summary>
        public NonBlockingArgumentSet NonBlockingArguments { get; }

        /// <summary><c>async_analyzers.report_own_sync_apis_in_tests</c> (default false): in test projects, report sync calls to the solution's own APIs too.</summary>
        public bool ReportOwnSyncApisInTests { get; }
    }

    /// <summary>
    /// Reads the <c>async_analyzers.*</c> options once per compilation. A key set for a file in <c>.editorconfig</c>
    /// (<c>[*.cs]</c>) wins; otherwise the global value (<c>.globalconfig</c>) applies. The global values are parsed once
    /// per compilation; a file's own values once per file, and only when they differ from the global ones.
    /// </summary>
    internal sealed class AnalyzerOptionsReader
    {
        private readonly AnalyzerConfigOptionsProvider provider;
        private readonly string? globalExcluded;
        private readonly string? globalAdditional;
        private readonly string? globalNonBlocking;
        private readonly string? globalOwnInTests;
        private readonly BlockingCallOptions global;
        private readonly ConcurrentDictionary<SyntaxTree, BlockingCallOptions> perTree = new ConcurrentDictionary<SyntaxTree, BlockingCallOptions>();

        public AnalyzerOptionsReader(AnalyzerOptions options)
        {
            provider = options.AnalyzerConfigOptionsProvider;
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.ExcludedMethodsKey, out globalExcluded);
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.AdditionalBlockingMethodsKey, out globalAdditional);
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.NonBlockingArgumentsKey, out globalNonBlocking);
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.OwnSyncApisInTestsKey, out globalOwnInTests);
            // Nothing to parse in the common case: the parsers are not even JIT-compiled then.
            global = globalExcluded is null && globalAdditional is null && globalNonBlocking is null && globalOwnInTests is null
                ? BlockingCallOptions.Empty
                : new BlockingCallOptions(MethodNameSet.Parse(globalExcluded), MethodNameSet.Parse(globalAdditional), NonBlockingArgumentSet.Parse(globalNonBlocking), IsTrue(globalOwnInTests));
        }

        public BlockingCallOptions For(SyntaxTree tree)
        {
            // Looked up first: the method-group delegate would be allocated on every call.
            return perTree.TryGetValue(tree, out var options) ? options : perTree.GetOrAdd(tree, Read);
        }

        private BlockingCallOptions Read(SyntaxTree tree)
        {
            var options = provider.GetOptions(tree);
            var hasExcluded = options.TryGetValue(BlockingCallOptions.ExcludedMethodsKey, out var excluded);
            var hasAdditional = options.TryGetValue(BlockingCallOptions.AdditionalBlockingMethodsKey, out var additional);
            var hasNonBlocking = options.TryGetValue(BlockingCallOptions.NonBlockingArgumentsKey, out var nonBlocking);
            var hasOwnInTests = options.TryGetValue(BlockingCallOptions.OwnSyncApisInTestsKey, out var ownInTests);
            if ((!hasExcluded || excluded == globalExcluded) && (!hasAdditional || additional == globalAdditional)
                && (!hasNonBlocking || nonBlocking == globalNonBlocking) && (!hasOwnInTests || ownInTests == globalOwnInTests))
            {
                return global;
            }

            return new BlockingCallOptions(
                hasExcluded ? MethodNameSet.Parse(excluded) : global.ExcludedMethods,
                hasAdditional ? MethodNameSet.Parse(additional) : global.AdditionalBlockingMethods,
                hasNonBlocking ? NonBlockingArgumentSet.Parse(nonBlocking) : global.NonBlockingArguments,
                hasOwnInTests ? IsTrue(ownInTests) : global.ReportOwnSyncApisInTests);
        }

        private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
