using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Performance
{
    /// <summary>
    /// Runs our analyzers and the peers' blocking rules side by side on every source of the rule tests (markup removed) and
    /// counts, per rule of ours, the lines we report that no peer reports, the lines both report, and the lines only a peer
    /// reports. The negative tests are in the corpus too, so a peer-only line is often a false positive of the peer.
    /// </summary>
    internal static class PeerComparison
    {
        public static async Task<string> RunAsync(string folderFilter, ImmutableArray<DiagnosticAnalyzer> ours, IReadOnlyList<(string RuleId, DiagnosticAnalyzer Analyzer)> peers, ImmutableArray<MetadataReference> references)
        {
            var sources = TestSourceCorpus.Files
                .Where(f => f.Replace('\\', '/').Contains(folderFilter, StringComparison.OrdinalIgnoreCase))
                .SelectMany(TestSourceCorpus.SourcesOf)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var peerIds = peers.Select(p => p.RuleId).ToHashSet(StringComparer.Ordinal);
            var analyzers = ours.AddRange(peers.Select(p => p.Analyzer));

            var oursOnly = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var both = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var peerOnly = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var examples = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            var compiled = 0;
            foreach (var source in sources)
            {
                var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12));
                var compilation = CSharpCompilation.Create("Compare", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    // Sources written to test half-typed code or to need a console entry point are skipped.
                    continue;
                }

                compiled++;
                var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                var peerLines = diagnostics.Where(d => peerIds.Contains(d.Id)).Select(Line).ToHashSet();
                var ourLines = diagnostics.Where(d => d.Id.StartsWith("ASYNC", StringComparison.Ordinal)).Select(Line).ToHashSet();
                foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("ASYNC", StringComparison.Ordinal)))
                {
                    var target = peerLines.Contains(Line(diagnostic)) ? both : oursOnly;
                    Increment(target, diagnostic.Id);
                    if (target == oursOnly)
                    {
                        if (!examples.TryGetValue(diagnostic.Id, out var list))
                        {
                            examples[diagnostic.Id] = list = new List<string>();
                        }

                        if (list.Count < 12)
                        {
                            list.Add(tree.GetText().Lines[Line(diagnostic)].ToString().Trim());
                        }
                    }
                }

                foreach (var diagnostic in diagnostics.Where(d => peerIds.Contains(d.Id)))
                {
                    if (!ourLines.Contains(Line(diagnostic)))
                    {
                        Increment(peerOnly, diagnostic.Id);
                        var key = diagnostic.Id + " (peer only)";
                        if (!examples.TryGetValue(key, out var list))
                        {
                            examples[key] = list = new List<string>();
                        }

                        if (list.Count < 12)
                        {
                            list.Add(tree.GetText().Lines[Line(diagnostic)].ToString().Trim());
                        }
                    }
                }
            }

            var inv = CultureInfo.InvariantCulture;
            var builder = new StringBuilder();
            builder.AppendLine(inv, $"{sources.Count} test sources under '{folderFilter}', {compiled} compile cleanly and were compared.");
            builder.AppendLine();
            builder.AppendLine("| Rule | reported by us and a peer | by us only | ");
            builder.AppendLine("|------|------:|------:|");
            foreach (var id in both.Keys.Union(oursOnly.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                builder.AppendLine(inv, $"| {id} | {both.GetValueOrDefault(id)} | {oursOnly.GetValueOrDefault(id)} |");
            }

            builder.AppendLine();
            builder.AppendLine("| Peer rule | lines reported by the peer and none of our rules |");
            builder.AppendLine("|------|------:|");
            foreach (var (id, count) in peerOnly)
            {
                builder.AppendLine(inv, $"| {id} | {count} |");
            }

            builder.AppendLine();
            foreach (var (id, lines) in examples)
            {
                builder.AppendLine(inv, $"{id} examples:");
                foreach (var line in lines.Distinct(StringComparer.Ordinal))
                {
                    builder.AppendLine("    " + line);
                }
            }

            return builder.ToString();
        }

        private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line;

        private static void Increment(IDictionary<string, int> counts, string id) => counts[id] = counts.TryGetValue(id, out var n) ? n + 1 : 1;
    }
}
