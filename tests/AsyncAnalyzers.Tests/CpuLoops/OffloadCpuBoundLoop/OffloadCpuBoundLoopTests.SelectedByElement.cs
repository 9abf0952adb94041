using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    /// <summary>
    /// An inner loop over what a call selects for the outer element (<c>KeysOf(group)</c>) walks that element's share, like
    /// <c>edges[node]</c>, not the whole input again (Quartz.NET, session 19). A call also handed the whole input, a lambda
    /// or a bare counter stays superlinear.
    /// </summary>
    public partial class OffloadCpuBoundLoopTests
    {
        private static string Selected(string loop) => Usings + """
            record Item(string Group, int Key);
            class Matcher { public static Matcher Equal(string value) => new Matcher(); }
            class Store
            {
                readonly Dictionary<string, List<int>> byGroup = new();
                readonly List<Item> everything = new();
                List<int> KeysOf(string group) => byGroup.TryGetValue(group, out var keys) ? keys : new List<int>();
                List<int> KeysOf(Matcher matcher) => new List<int>();
                List<int> KeysOf(string group, List<Item> all) => new List<int>();
                IEnumerable<int> Upto(int count) => Enumerable.Range(0, count);
                IEnumerable<int> Where(Func<int, bool> keep) => new List<int>();
                async Task<long> TotalAsync(List<string> groups, int n)
                {
                    await Task.Yield();
                    long total = 0;
            """ + loop + """

                    return total;
                }
            }
            """;

        private const string Work = "{ total += key * 31 + (key >> 3) - 5; }";

        [Theory]
        [InlineData("foreach (var group in groups) { foreach (var key in KeysOf(group)) " + Work + " }")]
        [InlineData("foreach (var group in groups) { foreach (var key in KeysOf(Matcher.Equal(group))) " + Work + " }")]
        [InlineData("for (int i = 0; i < groups.Count; i++) { var keys = KeysOf(groups[i]); foreach (var key in keys) " + Work + " }")]
        public Task InnerLoopOverWhatACallSelectsForTheElement_IsNotReported(string loop)
            => Verify.VerifyAnalyzerAsync(Selected(loop));

        [Theory]
        // Handed the whole input too: the callee may return all of it.
        [InlineData("[|foreach|] (var group in groups) { foreach (var key in KeysOf(group, everything)) " + Work + " }")]
        // A counter as a value: a triangular nest.
        [InlineData("[|for|] (int i = 0; i < n; i++) { foreach (var key in Upto(i)) " + Work + " }")]
        // A filter over the whole input, per element.
        [InlineData("[|foreach|] (var group in groups) { foreach (var key in everything.Where(x => x.Group == group).Select(x => x.Key)) " + Work + " }")]
        [InlineData("[|foreach|] (var group in groups) { foreach (var key in Where(k => k > group.Length)) " + Work + " }")]
        public Task InnerLoopOverWhatMayBeTheWholeInput_IsReported(string loop)
            => Verify.VerifyAnalyzerAsync(Selected(loop));
    }
}
