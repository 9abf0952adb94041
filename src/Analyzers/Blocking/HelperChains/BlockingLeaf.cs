using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>An operation that blocks the thread by itself: what it is called in messages, and the rule that reports it on an async path.</summary>
    internal readonly struct BlockingLeaf
    {
        public BlockingLeaf(string display, string ruleId)
            : this(display, ruleId, BlockingWaitFix.None, AsyncDisposeFix.None, null)
        {
        }

        private BlockingLeaf(string display, string ruleId, BlockingWaitFix waitFix, AsyncDisposeFix disposeFix, string? counterpart, bool isFixtureFile = false)
        {
            Display = display;
            RuleId = ruleId;
            WaitFix = waitFix;
            DisposeFix = disposeFix;
            Counterpart = counterpart;
            IsFixtureFile = isFixtureFile;
        }

        /// <summary>
        /// In a test project, the leaf is a helper's access to a local fixture file
        /// (<see cref="BlockingCallExclusions.IsFixtureFileAccess"/>): ASYNC105 does not report a chain that ends there.
        /// Every other reader of the summary sees an ordinary leaf.
        /// </summary>
        public bool IsFixtureFile { get; }

        public BlockingLeaf AsFixtureFile() => new BlockingLeaf(Display, RuleId, WaitFix, DisposeFix, Counterpart, isFixtureFile: true);

        /// <summary>An ASYNC101 leaf (a blocking wait) and the rewrite that keeps its meaning.</summary>
        public static BlockingLeaf Wait(string display, BlockingWaitFix fix)
            => new BlockingLeaf(display, DiagnosticIds.AwaitInsteadOfBlocking, fix, AsyncDisposeFix.None, null);

        /// <summary>An ASYNC104 leaf (a synchronous dispose) and how it becomes asynchronous.</summary>
        public static BlockingLeaf Dispose(string display, AsyncDisposeFix fix)
            => new BlockingLeaf(display, DiagnosticIds.UseAwaitUsing, BlockingWaitFix.None, fix, null);

        /// <summary>An ASYNC103 leaf (a synchronous call) and its async counterpart, when it has one to rewrite to.</summary>
        public static BlockingLeaf Call(string display, string? counterpart)
            => new BlockingLeaf(display, DiagnosticIds.UseAsyncCounterpart, BlockingWaitFix.None, AsyncDisposeFix.None, counterpart);

        /// <summary>ASYNC101 leaves: the rewrite of the wait.</summary>
        public BlockingWaitFix WaitFix { get; }

        /// <summary>ASYNC104 leaves: the rewrite of the dispose.</summary>
        public AsyncDisposeFix DisposeFix { get; }

        /// <summary>
        /// ASYNC103 leaves: the counterpart's documentation ID and its name, separated by
        /// <see cref="Blocking.AsyncCounterpartDetector.FixSeparator"/> (null: no counterpart to rewrite to).
        /// </summary>
        public string? Counterpart { get; }

        /// <summary>Short name for chain messages: "Thread.Sleep", "Task<int>.Result", "File.ReadAllText".</summary>
        public string Display { get; }

        public string RuleId { get; }
    }

    /// <summary>
    /// Recognizes one kind of blocking operation, with that rule's own exemptions (zero sleeps, known-complete tasks...).
    /// The rules use it on async paths; the cross-method summary (<see cref="BlockingSummary"/>) uses every detector on the
    /// bodies of synchronous helpers, so a helper blocks exactly when one of the rules would report its code on an async path.
    /// </summary>
    internal interface IBlockingLeafDetector
    {
        /// <param name="owner">The synchronous method whose body holds <paramref name="operation"/>.</param>
        bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf);

        /// <summary>
        /// For <paramref name="leaf"/> found on a parameter of its method (<c>ReadN(Stream s) =&gt; s.Read(...)</c>): true when
        /// this detector found it and <paramref name="argument"/>, the value a caller passes for that parameter, makes it
        /// harmless (a stream over memory; in a test project, an object the library under test handed out).
        /// </summary>
        bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument);
    }
}
