using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Target = AsyncAnalyzers.Tests.Verifiers.TargetFramework;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Fixes in a multi-targeted project (net8.0;netstandard2.0): the file is compiled once per target (linked documents),
    /// and a fix written in the net8.0 context must compile in the other target too. Each test builds two projects that share
    /// "/0/Test0.cs" (<see cref="LinkedTargetsVerifier.VerifyEachCopyAsync{TAnalyzer, TFixer}"/>): TestProject (net8.0,
    /// NET8_0_OR_GREATER defined) and Other (the second target). The test workspace applies a fix to the document it was
    /// computed for and does not copy it into the linked document (the IDE and dotnet format do), so Other's expected text is
    /// what the analysis of Other alone leads to.
    /// </summary>
    public class MultiTargetFixTests
    {
        private const string Usings = "using System;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private const string AssertStub = "\nnamespace Xunit { public static class Assert { public static void True(bool condition) { } } }\n";

        private static Task VerifyAsync<TAnalyzer, TFixer>(string source, string fixedSource, Target other, string otherSource, string otherFixedSource)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new()
            => LinkedTargetsVerifier.VerifyEachCopyAsync<TAnalyzer, TFixer>(source, fixedSource, other, otherSource, otherFixedSource);

        /// <summary>The same source in both targets: the fix is written (or withheld) in each of them alike.</summary>
        private static Task VerifySameAsync<TAnalyzer, TFixer>(string source, string fixedSource, Target other)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFixer : CodeFixProvider, new()
            => VerifyAsync<TAnalyzer, TFixer>(source, fixedSource, other, source, fixedSource);

        private static string Unmarked(string source) => source.Replace("[|", string.Empty).Replace("|]", string.Empty);

        // ---------------------------------------------------------------- ASYNC101

        private const string AssertedWait = Usings + "class C { async Task M(Task t) { Xunit.Assert.True([|t.Wait(100)|]); await Task.Yield(); } }" + AssertStub;

        [Fact]
        public Task AssertedTimedWait_OtherTargetLacksWaitAsync_HasNoFix()
        {
            // netstandard2.0 reports the wait too, without a fix of its own (no Task.WaitAsync there).
            return VerifySameAsync<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>(
                AssertedWait, AssertedWait, Target.NetStandard20);
        }

        [Fact]
        public Task AssertedTimedWait_EveryTargetHasWaitAsync_IsFixed()
        {
            var fixedSource = Usings + "class C { async Task M(Task t) { await t.WaitAsync(TimeSpan.FromMilliseconds(100)); await Task.Yield(); } }" + AssertStub;
            return VerifySameAsync<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>(
                AssertedWait, fixedSource, Target.Net80);
        }

        [Fact]
        public Task AssertedTimedWait_UnderIfNet8_IsFixed()
        {
            var source = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task M(Task t) { Xunit.Assert.True([|t.Wait(100)|]); await Task.Yield(); }\n#endif\n}" + AssertStub;
            var fixedSource = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task M(Task t) { await t.WaitAsync(TimeSpan.FromMilliseconds(100)); await Task.Yield(); }\n#endif\n}" + AssertStub;
            return VerifyAsync<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>(
                source, fixedSource, Target.NetStandard20, Unmarked(source), Unmarked(source));
        }

        [Fact]
        public Task PlainWait_WritesNothingNew_IsFixedWhateverTheOtherTarget()
        {
            var source = Usings + "class C { async Task M(Task t) { await Task.Yield(); [|t.Wait()|]; } }";
            var fixedSource = Usings + "class C { async Task M(Task t) { await Task.Yield(); await t; } }";
            return VerifySameAsync<AsyncAnalyzers.Blocking.AwaitInsteadOfBlockingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.AwaitInsteadOfBlockingFixer>(
                source, fixedSource, Target.NetStandard20);
        }

        // ---------------------------------------------------------------- ASYNC102

        [Fact]
        public Task Sleep_TaskDelayExistsEverywhere_IsFixed()
        {
            var source = Usings + "class C { async Task M() { [|Thread.Sleep(10)|]; await Task.Yield(); } }";
            var fixedSource = Usings + "class C { async Task M() { await Task.Delay(10); await Task.Yield(); } }";
            return VerifySameAsync<AsyncAnalyzers.Blocking.UseTaskDelayAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer>(
                source, fixedSource, Target.NetStandard20);
        }

        // ---------------------------------------------------------------- ASYNC103

        private const string ReadText = Usings + "class C { async Task<int> M(string p) { await Task.Yield(); return [|File.ReadAllText(p)|].Length; } }";

        [Fact]
        public Task Counterpart_OtherTargetLacksIt_HasNoFix()
        {
            // File.ReadAllTextAsync does not exist in netstandard2.0, which therefore reports nothing.
            return VerifyAsync<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>(
                ReadText, ReadText, Target.NetStandard20, Unmarked(ReadText), Unmarked(ReadText));
        }

        [Fact]
        public Task Counterpart_EveryTargetHasIt_IsFixed()
        {
            var fixedSource = Usings + "class C { async Task<int> M(string p) { await Task.Yield(); return (await File.ReadAllTextAsync(p)).Length; } }";
            return VerifySameAsync<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>(
                ReadText, fixedSource, Target.Net80);
        }

        [Fact]
        public Task Counterpart_UnderIfNet8_IsFixed()
        {
            var source = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task<int> M(string p) { await Task.Yield(); return [|File.ReadAllText(p)|].Length; }\n#endif\n}";
            var fixedSource = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task<int> M(string p) { await Task.Yield(); return (await File.ReadAllTextAsync(p)).Length; }\n#endif\n}";
            return VerifyAsync<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>(
                source, fixedSource, Target.NetStandard20, Unmarked(source), Unmarked(source));
        }

        [Fact]
        public Task Counterpart_InBothTargets_IsFixed()
        {
            // Stream.ReadAsync(byte[], int, int) exists in netstandard2.0 as well: the fix stays.
            var source = Usings + "class C { async Task<int> M(Stream s, byte[] b) { await Task.Yield(); return [|s.Read(b, 0, b.Length)|]; } }";
            var fixedSource = Usings + "class C { async Task<int> M(Stream s, byte[] b) { await Task.Yield(); return await s.ReadAsync(b, 0, b.Length); } }";
            return VerifySameAsync<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>(
                source, fixedSource, Target.NetStandard20);
        }

        // ---------------------------------------------------------------- ASYNC104

        private const string UsingStream = Usings + "class C { async Task M(string p) { using var [|s = File.OpenWrite(p)|]; s.WriteByte(1); await Task.Yield(); } }";

        [Fact]
        public Task AwaitUsing_TypeNotAsyncDisposableInOtherTarget_HasNoFix()
        {
            // FileStream is not IAsyncDisposable in netstandard2.0, which therefore reports nothing.
            return VerifyAsync<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>(
                UsingStream, UsingStream, Target.NetStandard20, Unmarked(UsingStream), Unmarked(UsingStream));
        }

        [Fact]
        public Task AwaitUsing_AsyncDisposableInEveryTarget_IsFixed()
        {
            var fixedSource = Usings + "class C { async Task M(string p) { await using var s = File.OpenWrite(p); s.WriteByte(1); await Task.Yield(); } }";
            return VerifySameAsync<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>(
                UsingStream, fixedSource, Target.Net80);
        }

        [Fact]
        public Task DisposeCall_UnderIfNet8_IsFixed()
        {
            var source = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task M(string p) { var s = File.OpenWrite(p); await Task.Yield(); [|s.Dispose()|]; }\n#endif\n}";
            var fixedSource = Usings + "class C {\n#if NET8_0_OR_GREATER\n    async Task M(string p) { var s = File.OpenWrite(p); await Task.Yield(); await s.DisposeAsync(); }\n#endif\n}";
            return VerifyAsync<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>(
                source, fixedSource, Target.NetStandard20, Unmarked(source), Unmarked(source));
        }

        [Fact]
        public Task DisposeCall_OtherTargetLacksDisposeAsync_HasNoFix()
        {
            var source = Usings + "class C { async Task M(string p) { var s = File.OpenWrite(p); await Task.Yield(); [|s.Dispose()|]; } }";
            return VerifyAsync<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.UseAwaitUsingFixer>(
                source, source, Target.NetStandard20, Unmarked(source), Unmarked(source));
        }

        // ---------------------------------------------------------------- ASYNC105

        private const string HelperReadsFile = Usings + """
            class C
            {
                async Task<int> RunAsync(string p) { await Task.Yield(); return [|Load(p)|].Length; }

                string Load(string p) => File.ReadAllText(p);
            }
            """;

        [Fact]
        public Task HelperChain_LeafCounterpartMissingInOtherTarget_HasNoFix()
        {
            // In netstandard2.0 the helper blocks on nothing that has an async form: nothing is reported there.
            return VerifyAsync<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>(
                HelperReadsFile, HelperReadsFile, Target.NetStandard20, Unmarked(HelperReadsFile), Unmarked(HelperReadsFile));
        }

        [Fact]
        public Task HelperChain_UnderIfNet8_IsFixed()
        {
            var source = Usings + """
                class C
                {
                #if NET8_0_OR_GREATER
                    async Task<int> RunAsync(string p) { await Task.Yield(); return [|Load(p)|].Length; }

                    string Load(string p) => File.ReadAllText(p);
                #endif
                }
                """;
            var fixedSource = Usings + """
                class C
                {
                #if NET8_0_OR_GREATER
                    async Task<int> RunAsync(string p) { await Task.Yield(); return (await LoadAsync(p)).Length; }

                    string Load(string p) => File.ReadAllText(p);

                    async Task<string> LoadAsync(string p) => await File.ReadAllTextAsync(p);
                #endif
                }
                """;
            return VerifyAsync<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>(
                source, fixedSource, Target.NetStandard20, Unmarked(source), Unmarked(source));
        }

        [Fact]
        public Task HelperChain_ExistingTwinOnlyUnderIfNet8_HasNoFix()
        {
            var source = Usings + """
                class C
                {
                    async Task RunAsync() { await Task.Yield(); [|Pause()|]; }

                    void Pause() => Thread.Sleep(10);
                #if NET8_0_OR_GREATER
                    Task PauseAsync() => Task.Delay(10);
                #endif
                }
                """;
            // Under net8.0 the call has an async twin: ASYNC103's finding there, not this rule's. netstandard2.0 reports it, with no
            // fix, since a PauseAsync written for it would clash with net8.0's.
            return VerifyAsync<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer, AsyncAnalyzers.CodeFixes.Blocking.MakeHelperChainAsyncFixer>(
                Unmarked(source), Unmarked(source), Target.NetStandard20, source, source);
        }
    }
}
