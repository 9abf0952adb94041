namespace AsyncAnalyzers
{
    /// <summary>Diagnostic IDs. An ID never changes meaning once shipped.</summary>
    public static class DiagnosticIds
    {
        public const string AwaitInsteadOfBlocking = "ASYNC101";
        public const string UseTaskDelay = "ASYNC102";
        public const string UseAsyncCounterpart = "ASYNC103";
        public const string UseAwaitUsing = "ASYNC104";
        public const string MakeHelperChainAsync = "ASYNC105";
        public const string PropagateAsync = "ASYNC106";
        public const string MakeFirstCallWorkAsync = "ASYNC107";
        public const string ConvertContinueWithToAwait = "ASYNC201";
        public const string ConvertBeginEndToAwait = "ASYNC202";
        public const string ConvertEventBasedAsyncToAwait = "ASYNC203";
        public const string ReplaceAwaiterCallbackWithAwait = "ASYNC204";
        public const string OffloadCpuBoundLoop = "ASYNC301";
    }
}
