using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every C# source held in the rule tests' string literals, markup removed: read from the test files themselves, so a
    /// new rule's tests feed the robustness tests without being listed anywhere.
    /// </summary>
    internal static class TestSourceCorpus
    {
        private const string StandardUsings = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static readonly Regex Markup = new Regex(@"\{\|[^:|{}\s]*:|\[\||\|\]|\|\}", RegexOptions.CultureInvariant);

        /// <summary>Test files that hold rule sources, relative to the repository root.</summary>
        public static IReadOnlyList<string> Files { get; } = Directory
            .GetFiles(RepoRoot.Combine("tests", "AsyncAnalyzers.Tests"), "*Tests.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Robustness" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !f.Contains(Path.DirectorySeparatorChar + "Meta" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f))
            .Where(f => SourcesOf(f).Count > 0)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<string> SourcesOf(string relativePath)
        {
            var text = File.ReadAllText(RepoRoot.Combine(relativePath));
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();
            var sources = new List<string>();
            foreach (var token in root.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken)
                    && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
                    && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                {
                    continue;
                }

                var value = token.ValueText;
                if (!LooksLikeCode(value))
                {
                    continue;
                }

                var code = Markup.Replace(value, string.Empty);
                if (!code.Contains("class ", StringComparison.Ordinal) && !code.Contains("struct ", StringComparison.Ordinal) && !code.Contains("interface ", StringComparison.Ordinal))
                {
                    // A member on its own (a Theory's data): put it in a class.
                    code = "class Wrapper { " + code + " }";
                }

                if (!code.Contains("using System", StringComparison.Ordinal))
                {
                    code = StandardUsings + code;
                }

                sources.Add(code);
            }

            return sources.Distinct(StringComparer.Ordinal).ToList();
        }

        private static bool LooksLikeCode(string value)
        {
            return value.Length > 20
                && (value.Contains('{') || value.Contains(';'))
                && (value.Contains("class ", StringComparison.Ordinal)
                    || value.Contains("async ", StringComparison.Ordinal)
                    || value.Contains("Task", StringComparison.Ordinal)
                    || value.Contains("void ", StringComparison.Ordinal));
        }
    }
}
