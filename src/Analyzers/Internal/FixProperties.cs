using System.Collections.Immutable;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Facts the analyzer computed that a fixer needs, passed through <c>Diagnostic.Properties</c>.</summary>
    internal static class FixProperties
    {
        /// <summary>"true" when the owning function is awaitable-returning but not <c>async</c>: a fix that adds an await must add the modifier and rewrite its returns.</summary>
        public const string MakeAsync = "MakeAsync";

        private static readonly ImmutableDictionary<string, string?> AlreadyAsync =
            ImmutableDictionary<string, string?>.Empty.Add(MakeAsync, "false");

        private static readonly ImmutableDictionary<string, string?> NeedsAsync =
            ImmutableDictionary<string, string?>.Empty.Add(MakeAsync, "true");

        /// <summary>"false" when <c>await</c> cannot go where the diagnostic is (a synchronous lambda that runs inline on the async path).</summary>
        public const string CanAwait = "CanAwait";

        private static readonly ImmutableDictionary<string, string?> InlineLambda =
            AlreadyAsync.Add(CanAwait, "false");

        public static ImmutableDictionary<string, string?> For(AsyncPathInfo path)
            => path.Kind == AsyncPathKind.InlineLambda ? InlineLambda : path.NeedsAsyncModifier ? NeedsAsync : AlreadyAsync;

        /// <summary>
        /// Which rewrite the analyzer planned for the finding (callback rules: a finding is reported only with one). The
        /// fixer offers that action without planning again; it plans once more only to build the edit.
        /// </summary>
        public const string Rewrite = "Rewrite";

        public static ImmutableDictionary<string, string?> For(AsyncPathInfo path, CallbackRewrite rewrite) => For(path).SetItem(Rewrite, rewrite.ToPropertyValue());

        /// <summary>ASYNC101: which rewrite the analyzer planned for the blocking wait (a <see cref="BlockingWaitFix"/>).</summary>
        public const string WaitFix = "BlockingWaitFix";

        public static ImmutableDictionary<string, string?> For(AsyncPathInfo path, BlockingWaitFix fix) => For(path).Add(WaitFix, fix.ToPropertyValue());

        public static bool CanAwaitAtDiagnostic(ImmutableDictionary<string, string?> properties)
            => !(properties.TryGetValue(CanAwait, out var value) && value == "false");

        public static bool NeedsAsyncModifier(ImmutableDictionary<string, string?> properties)
            => properties.TryGetValue(MakeAsync, out var value) && value == "true";
    }
}
