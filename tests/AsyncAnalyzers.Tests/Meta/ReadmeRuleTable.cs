using System.Linq;
using System.Text;

namespace AsyncAnalyzers.Tests.Meta
{
    /// <summary>The README's rule table, generated from the descriptors.</summary>
    internal static class ReadmeRuleTable
    {
        public const string StartMarker = "<!-- rules -->";
        public const string EndMarker = "<!-- /rules -->";

        public static string Generate()
        {
            var builder = new StringBuilder();
            builder.Append("| ID | Title | Family | Default severity | Code fix |\n");
            builder.Append("|----|-------|--------|------------------|----------|\n");
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                var severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled (opt-in)";
                var fix = RuleCatalog.FixableIds.Contains(descriptor.Id) ? "Yes" : "No";
                builder.Append($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Title} | {RuleCatalog.FamilyOf(descriptor.Category)} | {severity} | {fix} |\n");
            }

            return builder.ToString();
        }

        /// <summary>The README text with the table between the markers replaced by <paramref name="table"/>.</summary>
        public static string? Replace(string readme, string table)
        {
            var start = readme.IndexOf(StartMarker, System.StringComparison.Ordinal);
            var end = readme.IndexOf(EndMarker, System.StringComparison.Ordinal);
            if (start < 0 || end < start)
            {
                return null;
            }

            var head = readme.Substring(0, start + StartMarker.Length);
            return head + "\n" + table + readme.Substring(end);
        }

        public static string? Extract(string readme)
        {
            var start = readme.IndexOf(StartMarker, System.StringComparison.Ordinal);
            var end = readme.IndexOf(EndMarker, System.StringComparison.Ordinal);
            if (start < 0 || end < start)
            {
                return null;
            }

            return readme.Substring(start + StartMarker.Length, end - start - StartMarker.Length).Trim('\n', '\r') + "\n";
        }
    }
}
