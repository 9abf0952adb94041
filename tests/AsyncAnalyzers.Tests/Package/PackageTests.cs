using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace AsyncAnalyzers.Tests.Package
{
    /// <summary>Packs src/Package for real and checks what a user would install.</summary>
    public class PackageTests
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif

        [Fact]
        public void Pack_ProducesAnAnalyzerOnlyDevelopmentDependency()
        {
            var output = Path.Combine(Path.GetTempPath(), "asyncanalyzers-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                RunDotnet($"pack \"{RepoRoot.Combine("src", "Package", "AsyncAnalyzers.Package.csproj")}\" -c {Configuration} -o \"{output}\" --nologo");
                var packages = Directory.GetFiles(output, "AsyncAnalyzers.*.nupkg");
                var package = Assert.Single(packages);

                using var zip = ZipFile.OpenRead(package);
                var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
                Assert.Contains("analyzers/dotnet/cs/AsyncAnalyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/AsyncAnalyzers.CodeFixes.dll", entries);
                Assert.Contains("README.md", entries);
                Assert.Contains("LICENSE", entries);
                Assert.Contains("build/AsyncAnalyzers.targets", entries);
                Assert.Contains("build/config/AsyncAnalyzers.strict.globalconfig", entries);
                Assert.Contains("build/config/AsyncAnalyzers.none.globalconfig", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
                // Roslyn itself is provided by the compiler; shipping it would break hosts.
                Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));

                var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
                using var stream = nuspecEntry.Open();
                var nuspec = XDocument.Load(stream);
                var ns = nuspec.Root!.GetDefaultNamespace();
                var metadata = nuspec.Root.Element(ns + "metadata")!;
                Assert.Equal("AsyncAnalyzers", metadata.Element(ns + "id")!.Value);
                Assert.Equal("true", metadata.Element(ns + "developmentDependency")!.Value);
                Assert.Equal("LICENSE", metadata.Element(ns + "license")!.Value);
                Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
                Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
                Assert.Contains("analyzers", metadata.Element(ns + "tags")!.Value, StringComparison.Ordinal);
                Assert.NotNull(metadata.Element(ns + "repository")!.Attribute("url"));
                Assert.Empty(metadata.Elements(ns + "dependencies").SelectMany(d => d.Descendants()));
            }
            finally
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }
            }
        }

        private static void RunDotnet(string arguments)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepoRoot.Path,
            };

            // The test host runs under an MSBuild-launched environment; a nested build must not inherit it.
            foreach (var name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(300_000), "dotnet " + arguments + " did not finish in 5 minutes");
            Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
