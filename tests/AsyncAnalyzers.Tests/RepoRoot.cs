using System;
using System.IO;
using System.Reflection;

namespace AsyncAnalyzers.Tests
{
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class RepoRootAttribute : Attribute
    {
        public RepoRootAttribute(string path) => Path = path;

        public string Path { get; }
    }

    /// <summary>The repository root the tests were built from, for tests that read docs/, README.md and the release files.</summary>
    public static class RepoRoot
    {
        public static string Path { get; } = Find();

        public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        private static string Find()
        {
            var fromBuild = typeof(RepoRoot).Assembly.GetCustomAttribute<RepoRootAttribute>()?.Path;
            if (fromBuild is not null && File.Exists(System.IO.Path.Combine(fromBuild, "AsyncAnalyzers.sln")))
            {
                return fromBuild;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "AsyncAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (AsyncAnalyzers.sln).");
        }
    }
}
