namespace AsyncAnalyzers
{
    /// <summary>Diagnostic IDs. An ID never changes meaning once shipped.</summary>
    public static class DiagnosticIds
    {
        public const string ThreadSleep = "ASYNC102";
        public const string CpuBoundLoop = "ASYNC301";
    }
}
