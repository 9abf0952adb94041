using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Blocking;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    public partial class AwaitInsteadOfBlockingTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string FakeXunit = "namespace Xunit { public static class Assert { public static void True(bool condition) { } public static void False(bool condition) { } } }\n";
    }
}
