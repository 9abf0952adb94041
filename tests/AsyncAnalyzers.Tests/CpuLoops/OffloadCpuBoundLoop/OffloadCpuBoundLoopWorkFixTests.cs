using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.CpuLoops;
using AsyncAnalyzers.Tests.Verifiers;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    /// <summary>ASYNC301's fixes on work loops: the CancellationToken in scope, loops in a lock, loops over a stackalloc span.</summary>
    public partial class OffloadCpuBoundLoopWorkFixTests
    {
    }
}
