namespace AsyncAnalyzers
{
    /// <summary>Diagnostic IDs. An ID never changes meaning once shipped.</summary>
    public static class DiagnosticIds
    {
        public const string ThreadSleep = "ASYNC102";
        public const string ContinueWithChain = "ASYNC201";
        public const string ApmCallback = "ASYNC202";
        public const string EapCallback = "ASYNC203";
        public const string AwaiterCallback = "ASYNC204";
    }
}
