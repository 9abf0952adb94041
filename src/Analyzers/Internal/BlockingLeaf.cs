using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>An operation that blocks the thread by itself: what it is called in messages, and the rule that reports it on an async path.</summary>
    internal readonly struct BlockingLeaf
    {
        public BlockingLeaf(string display, string ruleId, string? fix = null)
        {
            Display = display;
            RuleId = ruleId;
            Fix = fix;
        }

        /// <summary>The rule's own rewrite kind for this operation, when the rule has several (ASYNC101: await, WhenAll...).</summary>
        public string? Fix { get; }

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
