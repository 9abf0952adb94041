using System.Threading.Tasks;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.CodeFixes.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncAnalyzers.Tests.Callbacks
{
    /// <summary>
    /// A multi-targeted project loads as one project per target framework sharing its files (linked documents). The analyzer
    /// sees one of them; the fix edits the shared file, so it must compile in every target. These tests build a net8.0 project
    /// and a second one (netstandard2.0 unless said otherwise) over the same file path, fix in the net8.0 one, compare the
    /// exact fixed code, compile it in both, and run it against the original where the fix changes control flow.
    /// </summary>
    public class CallbackMultiTargetTests
    {
        // ---------------------------------------------------------------- ASYNC201

        [Fact]
        public async Task IgnoredAntecedentLocal_OtherTargetWithoutConfigureAwaitOptions_WaitsInTryCatch()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    public static Task Main() => Flush(Fail());

                    static Task Flush(Task pending)
                    {
                        return pending.ContinueWith(_ => Console.Write("flushed"));
                    }

                    static async Task Fail() { await Task.Yield(); throw new InvalidOperationException("write failed"); }
                }
                """;
            var expected = """
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    public static Task Main() => Flush(Fail());

                    static async Task Flush(Task pending)
                    {
                        try
                        {
                            await pending;
                        }
                        catch
                        {
                        }

                        Console.Write("flushed");
                    }

                    static async Task Fail() { await Task.Yield(); throw new InvalidOperationException("write failed"); }
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.NetStandard20);
            await ExecutionVerifier.AssertSameBehaviourAsync(source, expected);
        }

        [Fact]
        public async Task IgnoredAntecedentCall_OtherTargetWithoutConfigureAwaitOptions_EvaluatesTheCallBeforeTheTry()
        {
            // The call is evaluated outside the try: what it throws synchronously still propagates, as it did before.
            var source = """
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    public static async Task Main()
                    {
                        await Save(false);
                        await Save(true);
                    }

                    static Task Save(bool invalid)
                    {
                        return Write(invalid).ContinueWith(_ => Console.Write("saved;"));
                    }

                    static Task Write(bool invalid)
                    {
                        if (invalid) throw new ArgumentException("invalid");
                        return Task.FromCanceled(new System.Threading.CancellationToken(true));
                    }
                }
                """;
            var expected = """
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    public static async Task Main()
                    {
                        await Save(false);
                        await Save(true);
                    }

                    static async Task Save(bool invalid)
                    {
                        var task = Write(invalid);
                        try
                        {
                            await task;
                        }
                        catch
                        {
                        }

                        Console.Write("saved;");
                    }

                    static Task Write(bool invalid)
                    {
                        if (invalid) throw new ArgumentException("invalid");
                        return Task.FromCanceled(new System.Threading.CancellationToken(true));
                    }
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.NetStandard20);
            var outcome = await ExecutionVerifier.AssertSameBehaviourAsync(source, expected);
            Assert.Equal("System.ArgumentException", outcome.ExceptionType);
        }

        [Fact]
        public async Task IgnoredAntecedent_EveryTargetHasConfigureAwaitOptions_KeepsSuppressThrowing()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task Flush(Task pending) => pending.ContinueWith(_ => Console.Write("flushed"));
                }
                """;
            var expected = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async Task Flush(Task pending)
                    {
                        await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        Console.Write("flushed");
                    }
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.Net80);
        }

        [Fact]
        public async Task IgnoredAntecedentInRegionOnlyNet8Compiles_KeepsSuppressThrowing()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                #if NET8_0_OR_GREATER
                    Task Flush(Task pending) => pending.ContinueWith(_ => Console.Write("flushed"));
                #endif
                }
                """;
            var expected = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                #if NET8_0_OR_GREATER
                    async Task Flush(Task pending)
                    {
                        await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                        Console.Write("flushed");
                    }
                #endif
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.NetStandard20);
        }

        [Fact]
        public async Task ReadsResult_OtherTarget_SameFixAsSingleTarget()
        {
            // Nothing the rewrite writes is missing in netstandard2.0: the plan does not change.
            var source = """
                using System.Threading.Tasks;

                class C
                {
                    Task<int> Length(Task<string> text) => text.ContinueWith(t => t.Result.Length);
                }
                """;
            var expected = """
                using System.Threading.Tasks;

                class C
                {
                    async Task<int> Length(Task<string> text) => (await text).Length;
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.NetStandard20);
        }

        [Fact]
        public async Task TwoChainsInOneFile_FixAll_BothUseTheFallback()
        {
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Task A(Task t) => t.ContinueWith(_ => Console.Write("a"));

                    Task B(Task t) => t.ContinueWith(_ => Console.Write("b"));
                }
                """;
            var expected = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async Task A(Task t)
                    {
                        try
                        {
                            await t;
                        }
                        catch
                        {
                        }

                        Console.Write("a");
                    }

                    async Task B(Task t)
                    {
                        try
                        {
                            await t;
                        }
                        catch
                        {
                        }

                        Console.Write("b");
                    }
                }
                """;
            await VerifyLinkedFixAsync(ContinueWith, source, expected, TargetFramework.NetStandard20, fixAll: true);
        }

        // ---------------------------------------------------------------- ASYNC202

        private const string Legacy = """

            public sealed class Legacy
            {
                public IAsyncResult BeginCompute(int x, AsyncCallback? callback, object? state)
                {
                    var source = new TaskCompletionSource<int>(state);
                    Task.Run(() => { source.SetResult(x * 2); callback?.Invoke(source.Task); });
                    return source.Task;
                }

                public int EndCompute(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
            #if NET8_0_OR_GREATER

                public Task<int> ComputeAsync(int x) => Task.Run(() => x * 2);
            #endif
            }
            """;

        [Fact]
        public async Task ApmTwinOnlyInNet8_UsesFromAsync()
        {
            var source = """
                #nullable enable
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    static Task<int> Compute(Legacy legacy, int x)
                    {
                        var source = new TaskCompletionSource<int>();
                        legacy.BeginCompute(x, ar =>
                        {
                            try
                            {
                                source.SetResult(legacy.EndCompute(ar));
                            }
                            catch (Exception e)
                            {
                                source.SetException(e);
                            }
                        }, null);
                        return source.Task;
                    }
                }
                """ + Legacy;
            var expected = """
                #nullable enable
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    static Task<int> Compute(Legacy legacy, int x)
                    {
                        return Task.Factory.FromAsync<int, int>(legacy.BeginCompute, legacy.EndCompute, x, null);
                    }
                }
                """ + Legacy;
            await VerifyLinkedFixAsync(BeginEnd, source, expected, TargetFramework.NetStandard20);
        }

        [Fact]
        public async Task ApmTwinInEveryTarget_UsesTheTwin()
        {
            var legacy = Legacy.Replace("#if NET8_0_OR_GREATER", "#if true");
            var source = """
                #nullable enable
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    static Task<int> Compute(Legacy legacy, int x)
                    {
                        var source = new TaskCompletionSource<int>();
                        legacy.BeginCompute(x, ar =>
                        {
                            try
                            {
                                source.SetResult(legacy.EndCompute(ar));
                            }
                            catch (Exception e)
                            {
                                source.SetException(e);
                            }
                        }, null);
                        return source.Task;
                    }
                }
                """ + legacy;
            var expected = """
                #nullable enable
                using System;
                using System.Threading.Tasks;

                public static class Program
                {
                    static Task<int> Compute(Legacy legacy, int x)
                    {
                        return legacy.ComputeAsync(x);
                    }
                }
                """ + legacy;
            await VerifyLinkedFixAsync(BeginEnd, source, expected, TargetFramework.NetStandard20);
        }

        // ---------------------------------------------------------------- ASYNC204

        [Fact]
        public async Task AwaiterCallback_OtherTargetWithoutConfigureAwaitOptions_IsReportedWithoutFix()
        {
            // ForceYielding has no equivalent there that keeps the callback's context: no fix rather than a different one.
            var source = """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void Start(Task loading)
                    {
                        loading.GetAwaiter().OnCompleted(() => Console.Write("loaded"));
                    }
                }
                """;
            await VerifyLinkedFixAsync(Awaiter, source, expected: null, TargetFramework.NetStandard20);
        }

        // ---------------------------------------------------------------- harness

        private static readonly (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer) ContinueWith = (new ConvertContinueWithToAwaitAnalyzer(), new ConvertContinueWithToAwaitFixer());
        private static readonly (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer) BeginEnd = (new ConvertBeginEndToAwaitAnalyzer(), new ConvertBeginEndToAwaitFixer());
        private static readonly (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer) Awaiter = (new ReplaceAwaiterCallbackWithAwaitAnalyzer(), new ReplaceAwaiterCallbackWithAwaitFixer());

        /// <summary>
        /// Fixes every finding of the net8.0 copy of <paramref name="source"/> (one by one, or through Fix All) and compares
        /// with <paramref name="expected"/>, which must compile in both targets; null: a finding, and no fix offered.
        /// </summary>
        private static Task VerifyLinkedFixAsync((DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer) rule, string source, string? expected, TargetFramework other, bool fixAll = false)
            => LinkedTargetsVerifier.VerifySharedFixAsync(rule.Analyzer, rule.Fixer, EquivalenceKey(rule.Fixer), source, expected, other, fixAll);

        private static string EquivalenceKey(CodeFixProvider fixer) => fixer switch
        {
            ConvertContinueWithToAwaitFixer => ConvertContinueWithToAwaitFixer.AwaitKey,
            ConvertBeginEndToAwaitFixer => ConvertBeginEndToAwaitFixer.AwaitKey,
            _ => ReplaceAwaiterCallbackWithAwaitFixer.AwaitKey,
        };
    }
}
