using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Internal
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

    /// <summary>The blocking-call options of one syntax tree.</summary>
    internal sealed class BlockingCallOptions
    {
        public const string ExcludedMethodsKey = "async_analyzers.excluded_methods";
        public const string AdditionalBlockingMethodsKey = "async_analyzers.additional_blocking_methods";

        public static readonly BlockingCallOptions Empty = new BlockingCallOptions(MethodNameSet.Empty, MethodNameSet.Empty);

        public BlockingCallOptions(MethodNameSet excludedMethods, MethodNameSet additionalBlockingMethods)
        {
            ExcludedMethods = excludedMethods;
            AdditionalBlockingMethods = additionalBlockingMethods;
        }

        public MethodNameSet ExcludedMethods { get; }

        public MethodNameSet AdditionalBlockingMethods { get; }
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
        private readonly BlockingCallOptions global;
        private readonly ConcurrentDictionary<SyntaxTree, BlockingCallOptions> perTree = new ConcurrentDictionary<SyntaxTree, BlockingCallOptions>();

        public AnalyzerOptionsReader(AnalyzerOptions options)
        {
            provider = options.AnalyzerConfigOptionsProvider;
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.ExcludedMethodsKey, out globalExcluded);
            provider.GlobalOptions.TryGetValue(BlockingCallOptions.AdditionalBlockingMethodsKey, out globalAdditional);
            global = new BlockingCallOptions(MethodNameSet.Parse(globalExcluded), MethodNameSet.Parse(globalAdditional));
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
            if ((!hasExcluded || excluded == globalExcluded) && (!hasAdditional || additional == globalAdditional))
            {
                return global;
            }

            return new BlockingCallOptions(
                hasExcluded ? MethodNameSet.Parse(excluded) : global.ExcludedMethods,
                hasAdditional ? MethodNameSet.Parse(additional) : global.AdditionalBlockingMethods);
        }
    }
}
