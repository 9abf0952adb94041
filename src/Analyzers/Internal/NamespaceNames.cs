using System;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Namespaces compared with a dotted name segment by segment, innermost first, without building the namespace's name.</summary>
    internal static class NamespaceNames
    {
        /// <summary>True when <paramref name="ns"/> is exactly <paramref name="dottedName"/> ("System.Threading.Tasks").</summary>
        public static bool Is(INamespaceSymbol? ns, string dottedName)
        {
            var end = dottedName.Length;
            for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                var name = current.Name;
                var start = end - name.Length;
                if (start < 0 || string.CompareOrdinal(dottedName, start, name, 0, name.Length) != 0)
                {
                    return false;
                }

                if (start == 0)
                {
                    return current.ContainingNamespace is null || current.ContainingNamespace.IsGlobalNamespace;
                }

                if (dottedName[start - 1] != '.')
                {
                    return false;
                }

                end = start - 1;
            }

            return false;
        }

        /// <summary>True when <paramref name="ns"/> is <paramref name="dottedName"/> or one of the namespaces inside it.</summary>
        public static bool IsOrInside(INamespaceSymbol? ns, string dottedName)
        {
            for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (Is(current, dottedName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the outermost segment of <paramref name="ns"/> starts with <paramref name="prefix"/> (a prefix without dots).</summary>
        public static bool RootStartsWith(INamespaceSymbol? ns, string prefix)
        {
            INamespaceSymbol? root = null;
            for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                root = current;
            }

            return root is not null && root.Name.StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
