using System;
using System.IO;
using Xunit;

namespace AsyncAnalyzers.Tests.Clients
{
    /// <summary>
    /// Packs the analyzers once with a version of their own (so no NuGet cache holds an older build under the same number)
    /// and lays out a copy of samples/PackageConsumer that installs it from a local feed, restored and ready.
    /// </summary>
    public sealed class PackedConsumerFixture : IDisposable
    {
        public PackedConsumerFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "asyncanalyzers-clients-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            ConsumerDirectory = Path.Combine(Root, "consumer");
            Version = "0.0.1-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
            Directory.CreateDirectory(Feed);

            DotnetCli.Run($"pack \"{RepoRoot.Combine("src", "Package", "AsyncAnalyzers.Package.csproj")}\" -c Release -o \"{Feed}\" -p:Version={Version} --nologo", RepoRoot.Path);

            CopyDirectory(RepoRoot.Combine("samples", "PackageConsumer"), ConsumerDirectory);
            var config = Path.Combine(ConsumerDirectory, "nuget.config");
            File.WriteAllText(config, File.ReadAllText(config).Replace("../../artifacts/packages", Feed, StringComparison.Ordinal));
            var project = Path.Combine(ConsumerDirectory, "PackageConsumer.csproj");
            File.WriteAllText(project, File.ReadAllText(project).Replace(">0.1.0<", ">" + Version + "<", StringComparison.Ordinal));
            DotnetCli.Run("restore PackageConsumer.csproj", ConsumerDirectory);
        }

        public string Root { get; }

        public string Feed { get; }

        public string ConsumerDirectory { get; }

        public string Version { get; }

        public string ProgramPath => Path.Combine(ConsumerDirectory, "Program.cs");

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A language server that is still shutting down may hold a file; the temp folder is cleaned by the OS.
            }

            RemoveFromGlobalPackagesFolder();
        }

        /// <summary>The restore put this test-only version in the user's global NuGet folder; leave nothing behind there.</summary>
        private void RemoveFromGlobalPackagesFolder()
        {
            var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            var packages = string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
                : configured;
            var id = Path.Combine(packages, "asyncanalyzers");
            var installed = Path.Combine(id, Version.ToLowerInvariant());
            try
            {
                if (Directory.Exists(installed))
                {
                    Directory.Delete(installed, recursive: true);
                }

                if (Directory.Exists(id) && Directory.GetFileSystemEntries(id).Length == 0)
                {
                    Directory.Delete(id);
                }
            }
            catch (IOException)
            {
                // Another test run may be restoring into the same folder right now; its own fixture removes its version.
            }
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var directory in Directory.GetDirectories(from))
            {
                var name = Path.GetFileName(directory);
                if (name is not "bin" and not "obj")
                {
                    CopyDirectory(directory, Path.Combine(to, name));
                }
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class PackedConsumerCollection : ICollectionFixture<PackedConsumerFixture>
    {
        public const string Name = "packed consumer";
    }
}
