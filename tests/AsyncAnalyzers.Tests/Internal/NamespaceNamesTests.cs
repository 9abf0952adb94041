using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncAnalyzers.Tests.Internal
{
    /// <summary>Namespace names compared segment by segment, as the rules' name checks use them.</summary>
    public class NamespaceNamesTests
    {
        private const string Source = """
            namespace System.Threading.Tasks.Extra { class Inner { } }
            namespace Threading.Tasks { class Short { } }
            namespace Microsoft.Data.Sqlite { class Connection { } }
            namespace Microsoft.Data.SqliteExtras { class Helper { } }
            namespace FluentAssertionsExtensions.Primitives { class Assertions { } }
            namespace Fluent.Assertions { class Other { } }
            class Global { }
            """;

        [Theory]
        [InlineData("System.Threading.Tasks.Extra.Inner", "System.Threading.Tasks.Extra")]
        [InlineData("Threading.Tasks.Short", "Threading.Tasks")]
        [InlineData("Microsoft.Data.Sqlite.Connection", "Microsoft.Data.Sqlite")]
        public void SameName_Is(string type, string name)
            => Assert.True(NamespaceNames.Is(NamespaceOf(type), name));

        [Theory]
        [InlineData("System.Threading.Tasks.Extra.Inner", "System.Threading.Tasks")]
        [InlineData("System.Threading.Tasks.Extra.Inner", "Threading.Tasks.Extra")]
        [InlineData("Threading.Tasks.Short", "System.Threading.Tasks")]
        [InlineData("Microsoft.Data.SqliteExtras.Helper", "Microsoft.Data.Sqlite")]
        [InlineData("Microsoft.Data.Sqlite.Connection", "Data.Sqlite")]
        [InlineData("Microsoft.Data.Sqlite.Connection", "XMicrosoft.Data.Sqlite")]
        [InlineData("Global", "System")]
        public void OtherName_IsNot(string type, string name)
            => Assert.False(NamespaceNames.Is(NamespaceOf(type), name));

        [Theory]
        [InlineData("System.Threading.Tasks.Extra.Inner", "System.Threading.Tasks", true)]
        [InlineData("Microsoft.Data.Sqlite.Connection", "Microsoft.Data.Sqlite", true)]
        [InlineData("Microsoft.Data.SqliteExtras.Helper", "Microsoft.Data.Sqlite", false)]
        [InlineData("Threading.Tasks.Short", "System.Threading", false)]
        [InlineData("Global", "System", false)]
        public void Inside(string type, string name, bool expected)
            => Assert.Equal(expected, NamespaceNames.IsOrInside(NamespaceOf(type), name));

        [Theory]
        [InlineData("FluentAssertionsExtensions.Primitives.Assertions", true)]
        [InlineData("Fluent.Assertions.Other", false)]
        [InlineData("Global", false)]
        public void RootPrefix(string type, bool expected)
            => Assert.Equal(expected, NamespaceNames.RootStartsWith(NamespaceOf(type), "FluentAssertions"));

        private static INamespaceSymbol NamespaceOf(string metadataName)
        {
            var compilation = CSharpCompilation.Create("Names", new[] { CSharpSyntaxTree.ParseText(Source) });
            return compilation.GetTypeByMetadataName(metadataName)!.ContainingNamespace;
        }
    }
}
