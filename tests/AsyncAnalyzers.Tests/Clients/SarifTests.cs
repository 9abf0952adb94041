using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AsyncAnalyzers.Tests.Clients
{
    /// <summary>A build with -p:ErrorLog writes SARIF that code-scanning tools can read: our rule ids, help links and locations.</summary>
    [Collection(PackedConsumerCollection.Name)]
    public class SarifTests
    {
        private readonly PackedConsumerFixture consumer;

        public SarifTests(PackedConsumerFixture consumer)
        {
            this.consumer = consumer;
        }

        [Fact]
        public void BuildWithErrorLog_WritesSarifWithRuleIdsHelpUrisAndLocations()
        {
            var sarifPath = Path.Combine(consumer.Root, "build.sarif");
            DotnetCli.Run($"build PackageConsumer.csproj --no-restore --no-incremental \"-p:ErrorLog={sarifPath}%2Cversion=2.1\"", consumer.ConsumerDirectory);

            var sarif = JsonNode.Parse(File.ReadAllText(sarifPath))!;
            Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
            var run = sarif["runs"]!.AsArray().Single()!;
            var results = run["results"]!.AsArray().Where(r => r!["ruleId"]!.GetValue<string>().StartsWith("ASYNC", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(results);

            var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
            foreach (var result in results)
            {
                var id = result!["ruleId"]!.GetValue<string>();
                var location = result["locations"]!.AsArray().Single()!["physicalLocation"]!;
                Assert.EndsWith("Program.cs", location["artifactLocation"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
                var line = location["region"]!["startLine"]!.GetValue<int>();
                var sourceLine = File.ReadAllLines(consumer.ProgramPath)[line - 1];
                Assert.Contains("expect: " + id, sourceLine, StringComparison.Ordinal);

                var rule = rules.Single(r => r!["id"]!.GetValue<string>() == id)!;
                Assert.Equal(Descriptors.HelpLinkBase + id + ".md", rule["helpUri"]!.GetValue<string>());
            }
        }
    }
}
