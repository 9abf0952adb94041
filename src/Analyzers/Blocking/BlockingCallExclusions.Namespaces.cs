using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        /// <summary>Test-framework assertions (xUnit, NUnit, MSTest) and Microsoft.Data.Sqlite, whose async methods complete synchronously.</summary>
        private bool IsInExcludedNamespace(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            return (bool)(excludedNamespaces.TryGetValue(ns, out var excluded) ? excluded : excludedNamespaces.GetOrAdd(ns, Boxes.Of(IsExcludedNamespace(ns))));
        }

        private static readonly ImmutableArray<ImmutableArray<string>> ExcludedNamespaces = ImmutableArray.Create(
            ImmutableArray.Create("Xunit"),
            ImmutableArray.Create("NUnit", "Framework"),
            ImmutableArray.Create("Microsoft", "VisualStudio", "TestTools", "UnitTesting"),
            ImmutableArray.Create("Microsoft", "Data", "Sqlite"));

        private static bool IsExcludedNamespace(INamespaceSymbol ns)
        {
            // The namespace's names from the outermost in, compared segment by segment (no display string is built).
            var segments = new List<string>();
            for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                segments.Add(current.Name);
            }

            segments.Reverse();
            foreach (var prefix in ExcludedNamespaces)
            {
                if (StartsWith(segments, prefix))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsWith(List<string> segments, ImmutableArray<string> prefix)
        {
            if (segments.Count < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (!string.Equals(segments[i], prefix[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
