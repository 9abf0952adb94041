using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AsyncAnalyzers.Tests.Clients
{
    /// <summary>
    /// IDE squiggles through a real language server: csharp-ls (a dotnet tool pinned in .config/dotnet-tools.json) loads the
    /// package consumer with analyzers enabled; the ASYNC diagnostics arrive with the right ranges and clear once the
    /// fixed text is sent.
    /// </summary>
    [Collection(PackedConsumerCollection.Name)]
    public class LanguageServerTests
    {
        private readonly PackedConsumerFixture consumer;
        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public LanguageServerTests(PackedConsumerFixture consumer, Xunit.Abstractions.ITestOutputHelper output)
        {
            this.consumer = consumer;
            this.output = output;
        }

        [Fact]
        public async Task CsharpLs_PublishesAsyncDiagnostics_AndClearsThemAfterTheFix()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            DotnetCli.Run("tool restore", RepoRoot.Path);

            var serverStart = DotnetCli.Create("tool run csharp-ls", RepoRoot.Path);
            await using var client = LspClient.Start(serverStart, parameters =>
            {
                // One answer per requested item; ours is the "csharp" section.
                var answers = new JsonArray();
                foreach (var item in parameters?["items"]?.AsArray() ?? new JsonArray())
                {
                    answers.Add(item?["section"]?.GetValue<string>() == "csharp"
                        ? new JsonObject { ["analyzersEnabled"] = true }
                        : null);
                }

                return answers;
            });

            var rootUri = new Uri(consumer.ConsumerDirectory + Path.DirectorySeparatorChar).AbsoluteUri;
            var programUri = new Uri(consumer.ProgramPath).AbsoluteUri;
            await client.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "consumer" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                    ["textDocument"] = new JsonObject
                    {
                        ["synchronization"] = new JsonObject { ["didSave"] = true },
                        ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = false },
                    },
                },
            }, timeout.Token);
            await client.NotifyAsync("initialized", new JsonObject());
            await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
            {
                ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
            });

            var text = await File.ReadAllTextAsync(consumer.ProgramPath);
            await client.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = programUri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
            });

            JsonArray reported;
            try
            {
                reported = await client.WaitForDiagnosticsAsync(programUri, d => Ours(d).Any(), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no ASYNC diagnostics arrived; server log:\n" + client.Log);
            }

            // Every "expect" marker of the consumer is reported on its line, with the range covering the call.
            var lines = text.Split('\n');
            var expectedLines = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("// expect: ASYNC", StringComparison.Ordinal)).ToList();
            var ours = Ours(reported).ToList();
            output.WriteLine("published: " + new JsonArray(ours.Select(d => d.DeepClone()).ToArray()).ToJsonString());
            Assert.Equal(expectedLines, ours.Select(d => d["range"]!["start"]!["line"]!.GetValue<int>()).OrderBy(l => l).ToList());
            foreach (var diagnostic in ours)
            {
                var start = diagnostic["range"]!["start"]!;
                var end = diagnostic["range"]!["end"]!;
                var line = lines[start["line"]!.GetValue<int>()];
                var covered = line.Substring(start["character"]!.GetValue<int>(), end["character"]!.GetValue<int>() - start["character"]!.GetValue<int>());
                var id = diagnostic["code"]!.ToString();
                Assert.Contains(id, line, StringComparison.Ordinal);
                if (id == DiagnosticIds.UseTaskDelay)
                {
                    Assert.Equal("Thread.Sleep(10)", covered);
                }
            }

            // The fixed text clears them.
            var fixedText = text.Replace("Thread.Sleep(10); // expect: ASYNC102", "await Task.Delay(10); // expect: ASYNC102", StringComparison.Ordinal);
            await client.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = programUri, ["version"] = 2 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = fixedText }),
            });
            try
            {
                await client.WaitForDiagnosticsAsync(programUri, d => !Ours(d).Any(x => x["code"]!.ToString() == DiagnosticIds.UseTaskDelay), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("ASYNC102 did not clear after the fix; server log:\n" + client.Log);
            }
        }

        private static System.Collections.Generic.IEnumerable<JsonNode> Ours(JsonArray diagnostics)
            => diagnostics.Where(d => d?["code"]?.ToString().StartsWith("ASYNC", StringComparison.Ordinal) == true).Select(d => d!);
    }
}
