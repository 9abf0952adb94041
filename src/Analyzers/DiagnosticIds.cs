namespace AsyncAnalyzers
{
    /// <summary>Diagnostic IDs. An ID never changes meaning once shipped.</summary>
    public static class DiagnosticIds
    {
        public const string BlockingWait = "ASYNC101";
        public const string ThreadSleep = "ASYNC102";
        public const string SyncCallWithAsyncCounterpart = "ASYNC103";
        public const string SyncDisposeOfAsyncDisposable = "ASYNC104";
        public const string BlockingThroughHelper = "ASYNC105";
        public const string SyncOverAsync = "ASYNC106";
        public const string ContinueWithChain = "ASYNC201";
        public const string ApmCallback = "ASYNC202";
        public const string EapCallback = "ASYNC203";
        public const string AwaiterCallback = "ASYNC204";
        public const string CpuBoundLoop = "ASYNC301";
    }
}
