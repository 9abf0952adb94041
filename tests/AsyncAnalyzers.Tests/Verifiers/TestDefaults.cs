using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>What every test compiles against: .NET 8 reference assemblies and the C# version that ships with them.</summary>
    internal static class TestDefaults
    {
        public static readonly ReferenceAssemblies ReferenceAssemblies = ReferenceAssemblies.Net.Net80;

        public const LanguageVersion LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12;

        public static Solution Apply(Solution solution, ProjectId projectId)
        {
            var project = solution.GetProject(projectId)!;
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion);
            return solution.WithProjectParseOptions(projectId, parseOptions);
        }
    }
}
