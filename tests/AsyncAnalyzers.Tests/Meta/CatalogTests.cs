using System;
using System.Collections.Generic;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncAnalyzers.Tests.Meta
{
    /// <summary>The rule catalog is consistent: IDs, descriptors, docs pages, help links, release tracking, fixers and README agree.</summary>
    public class CatalogTests
    {
        private static readonly Regex IdPattern = new Regex("^ASYNC[1-9][0-9]{2}$", RegexOptions.CultureInvariant);

        public static IEnumerable<object[]> DescriptorIds() => RuleCatalog.Descriptors.Select(d => new object[] { d.Id });

        public static IEnumerable<object[]> FixerNames() => RuleCatalog.FixerTypes.Select(t => new object[] { t.Name });

        [Fact]
        public void DiagnosticIds_AreWellFormedAndUnique()
        {
            Assert.NotEmpty(RuleCatalog.DiagnosticIdConstants);
            foreach (var (name, id) in RuleCatalog.DiagnosticIdConstants)
            {
                Assert.True(IdPattern.IsMatch(id), $"{name} = {id} is not ASYNC + 3 digits");
            }

            var duplicates = RuleCatalog.DiagnosticIdConstants.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(duplicates);
        }

        [Fact]
        public void EveryIdHasExactlyOneDescriptor_AndEveryDescriptorAnId()
        {
            var ids = RuleCatalog.DiagnosticIdConstants.Select(c => c.Id).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var descriptorIds = RuleCatalog.Descriptors.Select(d => d.Id).ToList();
            Assert.Equal(ids, descriptorIds);
        }

        [Fact]
        public void EveryDescriptor_IsReportedByExactlyOneAnalyzer()
        {
            var supported = RuleCatalog.AnalyzerTypes
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
                .Select(d => d.Id)
                .ToList();
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                Assert.Equal(1, supported.Count(id => id == descriptor.Id));
            }
        }

        [Fact]
        public void Analyzers_AreSealedAndExportedForCSharp()
        {
            Assert.NotEmpty(RuleCatalog.AnalyzerTypes);
            foreach (var type in RuleCatalog.AnalyzerTypes)
            {
                Assert.True(type.IsSealed && type.IsPublic, $"{type.Name} must be public sealed");
                Assert.EndsWith("Analyzer", type.Name, StringComparison.Ordinal);
                var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
                Assert.NotNull(attribute);
                Assert.Contains(LanguageNames.CSharp, attribute!.Languages);
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Descriptor_HasHelpLinkToItsDocsPage(string id)
        {
            var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
            Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.StartsWith("AsyncAnalyzers.", descriptor.Category, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.False(descriptor.Title.ToString().EndsWith(".", StringComparison.Ordinal), "titles do not end with a period");
            Assert.False(descriptor.MessageFormat.ToString().EndsWith(".", StringComparison.Ordinal), "messages do not end with a period");
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Descriptor_HasDocsPageWithTitleAndSections(string id)
        {
            var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
            var path = RepoRoot.Combine("docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"missing {path}");
            var lines = File.ReadAllLines(path);
            Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
            var text = string.Join("\n", lines);
            foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix", "## When to suppress", "## Configuration" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }

            Assert.Contains($"| Default severity | {(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled")}", text, StringComparison.Ordinal);
            Assert.Contains($"| Code fix | {(RuleCatalog.FixableIds.Contains(id) ? "Yes" : "No")}", text, StringComparison.Ordinal);
        }

        [Fact]
        public void DocsPages_BelongToRules()
        {
            var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
            foreach (var file in Directory.GetFiles(RepoRoot.Combine("docs", "rules"), "*.md"))
            {
                Assert.Contains(Path.GetFileNameWithoutExtension(file), ids);
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Descriptor_IsInReleaseTracking(string id)
        {
            var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
            var tracked = File.ReadAllLines(RepoRoot.Combine("src", "Analyzers", "AnalyzerReleases.Shipped.md"))
                .Concat(File.ReadAllLines(RepoRoot.Combine("src", "Analyzers", "AnalyzerReleases.Unshipped.md")))
                .Where(l => l.StartsWith(id + " ", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(tracked);
            var cells = tracked[^1].Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(descriptor.Category, cells[1]);
            Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", cells[2]);
        }

        [Theory]
        [MemberData(nameof(FixerNames))]
        public void Fixer_IsExportedSharedAndHasFixAll(string name)
        {
            var type = RuleCatalog.FixerTypes.Single(t => t.Name == name);
            Assert.True(type.IsSealed && type.IsPublic, $"{name} must be public sealed");
            Assert.EndsWith("Fixer", name, StringComparison.Ordinal);
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(name, export!.Name);
            Assert.Contains(LanguageNames.CSharp, export.Languages);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, ids));
        }

        [Fact]
        public void Readme_RuleTable_IsGeneratedFromDescriptors()
        {
            // Set ASYNC_UPDATE_README=1 to rewrite the table after adding or changing a rule.
            var path = RepoRoot.Combine("README.md");
            var readme = File.ReadAllText(path).Replace("\r\n", "\n");
            var expected = ReadmeRuleTable.Generate();
            if (Environment.GetEnvironmentVariable("ASYNC_UPDATE_README") == "1")
            {
                File.WriteAllText(path, ReadmeRuleTable.Replace(readme, expected));
                readme = File.ReadAllText(path);
            }

            Assert.Equal(expected, ReadmeRuleTable.Extract(readme));
        }
    }
}
