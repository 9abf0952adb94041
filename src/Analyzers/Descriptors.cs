using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers
{
    /// <summary>Every rule's descriptor, created through one factory so category, help link and tags stay uniform.</summary>
    public static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/asyncanalyzers/AsyncAnalyzers/blob/main/docs/rules/";

        public static class Categories
        {
            public const string Blocking = "AsyncAnalyzers.Blocking";
            public const string Callbacks = "AsyncAnalyzers.Callbacks";
            public const string CpuLoops = "AsyncAnalyzers.CpuLoops";
        }

        public static readonly DiagnosticDescriptor ThreadSleep = Create(
            DiagnosticIds.ThreadSleep,
            title: "Thread.Sleep blocks an async path",
            messageFormat: "'Thread.Sleep' blocks the async path of '{0}'; use 'await Task.Delay' instead",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "Thread.Sleep holds the thread for the whole wait. On an async path that thread is shared: a pool thread other work is queued behind, or a UI/synchronization-context thread that can deadlock. 'await Task.Delay' waits without holding a thread.");

        public static readonly DiagnosticDescriptor CpuBoundLoop = Create(
            DiagnosticIds.CpuBoundLoop,
            title: "CPU-bound loop on an async path",
            messageFormat: "CPU-bound loop ({1}) runs on the async path of '{0}': {2}",
            category: Categories.CpuLoops,
            severity: DiagnosticSeverity.Warning,
            description: "A loop that only computes, with a large estimated cost, holds the thread of an async path until it finishes: the caller's UI or request thread, or a pool thread other continuations wait for. 'await Task.Run' moves it to the thread pool; when its iterations are independent, Parallel.For/ForEach also spreads it over the cores.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            bool isEnabledByDefault = true)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLinkBase + id + ".md");
        }
    }
}
