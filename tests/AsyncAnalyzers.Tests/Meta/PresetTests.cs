using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncAnalyzers.Tests.Meta
{
    /// <summary>
    /// The AsyncAnalyzersMode presets shipped in the package name every rule exactly once, with the severity the mode promises,
    /// and the README documents every mode the targets file accepts.
    /// </summary>
    public class PresetTests
    {
        private static readonly Regex SeverityLine = new Regex(@"^dotnet_diagnostic\.(?<id>[A-Z0-9]+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.CultureInvariant);

        [Theory]
        [InlineData("strict", "warning")]
        [InlineData("none", "none")]
        public void Preset_SetsEveryRule_ToTheModesSeverity(string mode, string severity)
        {
            var lines = File.ReadAllLines(RepoRoot.Combine("src", "Package", "build", "config", $"AsyncAnalyzers.{mode}.globalconfig"));
            Assert.Contains("is_global = true", lines);
            Assert.Contains("global_level = -1", lines);

            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var match = SeverityLine.Match(line);
                if (match.Success)
                {
                    Assert.True(entries.TryAdd(match.Groups["id"].Value, match.Groups["severity"].Value), $"{match.Groups["id"].Value} is set twice");
                }
            }

            var ids = RuleCatalog.Descriptors.Select(d => d.Id).OrderBy(x => x, StringComparer.Ordinal).ToList();
            Assert.Equal(ids, entries.Keys.OrderBy(x => x, StringComparer.Ordinal).ToList());
            Assert.All(entries.Values, value => Assert.Equal(severity, value));
        }

        [Fact]
        public void Readme_DocumentsEveryMode()
        {
            var targets = File.ReadAllText(RepoRoot.Combine("src", "Package", "build", "AsyncAnalyzers.targets"));
            var readme = File.ReadAllText(RepoRoot.Combine("README.md"));
            foreach (var mode in new[] { "recommended", "strict", "none" })
            {
                Assert.Contains($"'{mode}'", targets, StringComparison.Ordinal);
                Assert.Contains($"<AsyncAnalyzersMode>{mode}</AsyncAnalyzersMode>", readme, StringComparison.Ordinal);
            }
        }
    }
}
