using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.CpuLoops.OffloadCpuBoundLoopAnalyzer,
    AsyncAnalyzers.CodeFixes.CpuLoops.OffloadCpuBoundLoopFixer>;

namespace AsyncAnalyzers.Tests.CpuLoops
{
    /// <summary>
    /// A helper handed a list it only adds its results to walks no input of the caller (Quartz.NET, session 19): the list is
    /// output, so the helper's loop is not the whole input again on every iteration.
    /// </summary>
    public partial class OffloadCpuBoundLoopTests
    {
        private static string Groups(string loop, string helper) => Usings + """
            class Store
            {
                readonly Dictionary<string, Dictionary<int, string>> byGroup = new();
                readonly List<List<int>> rows = new();
                async Task<List<int>> QueryAsync(string prefix, List<int> values)
                {
                    await Task.Yield();
                    var results = new List<int>();
            """ + loop + """

                    return results;
                }
            """ + helper + """

            }
            """;

        [Theory]
        [InlineData("foreach (var entry in byGroup) { if (entry.Key.StartsWith(prefix)) { Collect(entry.Value, results); } }",
            "static void Collect(Dictionary<int, string> group, List<int> output) { foreach (var pair in group) { if (pair.Value.Length > 2 && pair.Key % 7 != 3) { output.Add(pair.Key * 31 + pair.Value.Length * 17 - (pair.Key >> 2)); } } }")]
        [InlineData("for (int i = 0; i < rows.Count; i++) { Collect(rows[i], results); }",
            "static void Collect(List<int> row, List<int> output) { if (output.Count > 1000) { output.Clear(); } foreach (var x in row) { if (x > 0 && x % 7 != 3) { output.Add(x * 31 + (x >> 3) * 17 - (x ^ 5)); } } }")]
        [InlineData("foreach (var row in rows) { Collect(row, results); }",
            "static void Collect(List<int> row, List<int> output) { output.EnsureCapacity(output.Count + row.Count); foreach (var x in row) { if (x % 7 != 3) { output.Insert(0, x * 31 + (x >> 3) * 17 - (x ^ 5)); } } }")]
        public Task HelperThatOnlyAddsToAListOfTheCaller_IsNotReported(string loop, string helper)
            => Verify.VerifyAnalyzerAsync(Groups(loop, helper));

        [Theory]
        // The helper walks the caller's whole input on every iteration.
        [InlineData("[|foreach|] (var v in values) { results.Add(CountBelow(values, v)); }",
            "static int CountBelow(List<int> all, int limit) { int n = 0; foreach (var x in all) { if (x < limit && x % 7 != 3) { n += x * 31 + (x >> 3) * 17 - (x ^ 5); } } return n; }")]
        // The list it adds to is also read: it is input as well as output.
        [InlineData("[|foreach|] (var v in values) { AddIfNew(results, v); }",
            "static void AddIfNew(List<int> output, int value) { foreach (var x in output) { if (x == value || (x * 31 + (x >> 3) * 17) % 7 == (value ^ 5)) { return; } } output.Add(value); }")]
        [InlineData("[|foreach|] (var v in values) { Merge(results, v); }",
            "static void Merge(List<int> output, int value) { for (int i = 0; i < output.Count; i++) { if (output[i] > value && (output[i] * 31 + (output[i] >> 3) * 17) % 7 != (value ^ 5)) { output.Insert(i, value); return; } } output.Add(value); }")]
        public Task HelperThatReadsAListOfTheCaller_IsReported(string loop, string helper)
            => Verify.VerifyAnalyzerAsync(Groups(loop, helper));
    }
}
