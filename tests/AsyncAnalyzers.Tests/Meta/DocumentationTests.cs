using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace AsyncAnalyzers.Tests.Meta
{
    /// <summary>
    /// The rule pages say what the code does: every <c>.editorconfig</c> key a rule reads is in its page's Configuration
    /// section, no page documents a key that does not exist, and each page's property table matches the descriptor.
    /// </summary>
    public sealed class DocumentationTests
    {
        /// <summary>
        /// The classes that declare option keys, and the rules that read them (through the analyzer or the detectors it
        /// shares). A new key in one of these classes is checked without being listed; a new class must be added here.
        /// </summary>
        private static readonly (string OptionsType, string[] Rules)[] KeyReaders =
        {
            ("AsyncAnalyzers.Blocking.BlockingCallOptions", new[] { "ASYNC103", "ASYNC105", "ASYNC107" }),
            ("AsyncAnalyzers.CpuLoops.CpuLoopOptions", new[] { "ASYNC301" }),
        };

        private static readonly Regex KeyPattern = new Regex(@"async_analyzers\.[A-Za-z0-9_.]*[A-Za-z0-9_]", RegexOptions.CultureInvariant);

        public static IEnumerable<object[]> DescriptorIds => RuleCatalog.Descriptors.Select(d => new object[] { d.Id });

        [Fact]
        public void EveryOptionKey_IsDeclaredInAClassWhoseReadersAreKnown()
        {
            var declaring = OptionKeys().Select(k => k.DeclaringType).Distinct().ToList();
            Assert.NotEmpty(declaring);
            foreach (var type in declaring)
            {
                Assert.Contains(type, KeyReaders.Select(r => r.OptionsType));
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void RulePage_ConfigurationSection_ListsExactlyTheKeysTheRuleReads(string id)
        {
            var expected = OptionKeys()
                .Where(k => KeyReaders.Any(r => r.OptionsType == k.DeclaringType && r.Rules.Contains(id)))
                .Select(k => k.Key)
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();
            var documented = KeyPattern.Matches(ConfigurationSection(id))
                .Select(m => m.Value)
                .Distinct()
                .OrderBy(k => k, StringComparer.Ordinal)
                .ToList();

            Assert.Equal(expected, documented);
        }

        [Fact]
        public void RulePages_MentionNoKeyThatDoesNotExist()
        {
            var keys = OptionKeys().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(RepoRoot.Combine("docs", "rules"), "*.md"))
            {
                foreach (Match match in KeyPattern.Matches(File.ReadAllText(file)))
                {
                    Assert.True(keys.Contains(match.Value), $"{Path.GetFileName(file)} mentions '{match.Value}', which no rule reads");
                }
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void RulePage_PropertyTable_MatchesTheDescriptor(string id)
        {
            var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
            var rows = File.ReadAllLines(RepoRoot.Combine("docs", "rules", id + ".md"))
                .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
                .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
                .Where(cells => cells.Length >= 4)
                .ToDictionary(cells => cells[1], cells => cells[2], StringComparer.Ordinal);

            Assert.Equal(id, rows["ID"]);
            Assert.Equal(descriptor.Category, rows["Category"]);
            Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", rows["Default severity"]);
            Assert.Equal(RuleCatalog.FixableIds.Contains(id) ? "Yes" : "No", rows["Code fix"]);
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void RulePage_ConfigurationSection_ShowsTheSeverityKey(string id)
        {
            Assert.Contains($"dotnet_diagnostic.{id}.severity", ConfigurationSection(id), StringComparison.Ordinal);
        }

        /// <summary>Every <c>const string</c> of the analyzer assembly whose value is a full <c>async_analyzers.*</c> key.</summary>
        private static List<(string DeclaringType, string Key)> OptionKeys()
        {
            var keys = new List<(string, string)>();
            foreach (var type in RuleCatalog.AnalyzerAssembly.GetTypes())
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    if (field.IsLiteral
                        && field.FieldType == typeof(string)
                        && field.GetRawConstantValue() is string value
                        && value.StartsWith("async_analyzers.", StringComparison.Ordinal)
                        && !value.EndsWith(".", StringComparison.Ordinal))
                    {
                        keys.Add((type.FullName!, value));
                    }
                }
            }

            return keys;
        }

        private static string ConfigurationSection(string id)
        {
            var text = File.ReadAllText(RepoRoot.Combine("docs", "rules", id + ".md"));
            var start = text.IndexOf("## Configuration", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{id}.md has no Configuration section");
            var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        }
    }
}
