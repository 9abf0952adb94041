using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

        /// <summary>
        /// The order in which a test class's partial files (<c>XTests.Reported.cs</c>...) are read after its main file
        /// <c>XTests.cs</c>: the order the sections had when each class was one file, so consumers that take the first
        /// sources of a class keep taking much the same ones. Other parts follow in name order.
        /// </summary>
        private static readonly string[] PartOrder = { "Reported", "NotReported", "Fix", "FixOutcomes", "TaskRun", "Parallel", "NoFix", "FixAll", "Execution" };

        /// <summary>
        /// Test classes that hold rule sources, each named by its main file (relative to the repository root); a class split
        /// into partial files (<c>XTests.Fix.cs</c> next to <c>XTests.cs</c>) is one entry, read whole.
        /// </summary>
        public static IReadOnlyList<string> Files { get; } = Directory
            .GetFiles(RepoRoot.Combine("tests", "AsyncAnalyzers.Tests"), "*Tests.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Robustness" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !f.Contains(Path.DirectorySeparatorChar + "Meta" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f))
            .Where(f => SourcesOf(f).Count > 0)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        /// <summary>The main file of a test class and its partial files (<c>XTests.*.cs</c> beside it), in <see cref="PartOrder"/>.</summary>
        public static IReadOnlyList<string> PartsOf(string relativePath)
        {
            var main = RepoRoot.Combine(relativePath);
            var stem = Path.GetFileNameWithoutExtension(main);
            var parts = Directory.GetFiles(Path.GetDirectoryName(main)!, stem + ".*.cs")
                .OrderBy(f => PartRank(f, stem))
                .ThenBy(f => f, StringComparer.Ordinal);
            return new[] { main }.Concat(parts).ToList();
        }

        private static int PartRank(string path, string stem)
        {
            var part = Path.GetFileNameWithoutExtension(path).Substring(stem.Length + 1);
            var rank = Array.IndexOf(PartOrder, part);
            return rank < 0 ? PartOrder.Length : rank;
        }

        private static IEnumerable<SyntaxNode> RootsOf(string relativePath)
            => PartsOf(relativePath).Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f)).GetRoot());

        public static IReadOnlyList<string> SourcesOf(string relativePath)
        {
            var sources = new List<string>();
            foreach (var token in RootsOf(relativePath).SelectMany(root => root.DescendantTokens()))
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

                sources.Add(Normalize(value));
            }

            return sources.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The sources tests build by concatenation (<c>Usings + Types + """..."""</c>): each outermost <c>+</c> of string
        /// literals and the class's own <c>const string</c> fields (in any of its partial files), folded. Not part of
        /// <see cref="SourcesOf"/>, whose consumers cut every source at many points and would take much longer.
        /// </summary>
        public static IReadOnlyList<string> ComposedSourcesOf(string relativePath)
        {
            var roots = RootsOf(relativePath).ToList();
            var constants = new Dictionary<string, string>(StringComparer.Ordinal);
            var declarators = roots.SelectMany(root => root.DescendantNodes()).OfType<VariableDeclaratorSyntax>()
                .Where(v => v.Parent?.Parent is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword) && v.Initializer is not null)
                .ToList();
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var declarator in declarators)
                {
                    if (!constants.ContainsKey(declarator.Identifier.ValueText) && Fold(declarator.Initializer!.Value, constants) is { } value)
                    {
                        constants.Add(declarator.Identifier.ValueText, value);
                        changed = true;
                    }
                }
            }

            var sources = new List<string>();
            foreach (var addition in roots.SelectMany(root => root.DescendantNodes()).OfType<BinaryExpressionSyntax>())
            {
                if (addition.IsKind(SyntaxKind.AddExpression) && !addition.Parent.IsKind(SyntaxKind.AddExpression)
                    && addition.Parent?.Parent?.Parent is not FieldDeclarationSyntax
                    && Fold(addition, constants) is { } value && LooksLikeCode(value))
                {
                    sources.Add(Normalize(value));
                }
            }

            return sources.Distinct(StringComparer.Ordinal).ToList();
        }

        private static string? Fold(ExpressionSyntax expression, Dictionary<string, string> constants)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.Token.Value is string text:
                    return text;
                case IdentifierNameSyntax name:
                    return constants.TryGetValue(name.Identifier.ValueText, out var value) ? value : null;
                case ParenthesizedExpressionSyntax parenthesized:
                    return Fold(parenthesized.Expression, constants);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return Fold(binary.Left, constants) is { } left && Fold(binary.Right, constants) is { } right ? left + right : null;
                default:
                    return null;
            }
        }

        /// <summary>Markup removed, a lone member put in a class, the usual usings added where there are none.</summary>
        private static string Normalize(string value)
        {
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

            return code;
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
