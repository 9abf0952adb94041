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

        public static readonly DiagnosticDescriptor AwaitInsteadOfBlocking = Create(
            DiagnosticIds.AwaitInsteadOfBlocking,
            title: "Blocking wait on a task in an async path",
            messageFormat: "'{0}' blocks the async path of {1}; {2}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "Task.Result, Task.Wait, GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny hold the thread until the task finishes. On an async path that thread is shared: a pool thread other work queues behind, or a synchronization-context thread the task itself may need, which deadlocks. 'await' waits without holding a thread.");

        public static readonly DiagnosticDescriptor UseTaskDelay = Create(
            DiagnosticIds.UseTaskDelay,
            title: "Thread.Sleep blocks an async path",
            messageFormat: "'Thread.Sleep' blocks the async path of {0}; {1}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "Thread.Sleep holds the thread for the whole wait. On an async path that thread is shared: a pool thread other work is queued behind, or a UI/synchronization-context thread that can deadlock. 'await Task.Delay' waits without holding a thread.");

        public static readonly DiagnosticDescriptor UseAsyncCounterpart = Create(
            DiagnosticIds.UseAsyncCounterpart,
            title: "Synchronous call that has an async counterpart blocks an async path",
            messageFormat: "'{0}' blocks the async path of {1}; {2}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "A synchronous I/O or wait call holds the thread until the operation completes. On an async path that thread is shared with other work. The API has an awaitable counterpart that does the same work without holding the thread.");

        public static readonly DiagnosticDescriptor UseAwaitUsing = Create(
            DiagnosticIds.UseAwaitUsing,
            title: "Synchronous dispose of an async-disposable object on an async path",
            messageFormat: "'{0}' is disposed synchronously on the async path; {1}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "The type implements its own DisposeAsync: disposing it synchronously flushes or closes with blocking I/O. On an async path use 'await using' or 'await DisposeAsync()'.");

        public static readonly DiagnosticDescriptor MakeHelperChainAsync = Create(
            DiagnosticIds.MakeHelperChainAsync,
            title: "Call blocks the async path through a synchronous helper",
            messageFormat: "'{0}' blocks the async path: {1}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "A synchronous method of this compilation, called on an async path, blocks the thread itself or through further synchronous helpers (Thread.Sleep, a blocking wait on a task, synchronous I/O with an async counterpart). The blocking line is fine in synchronous callers; on the async path the whole chain should become async.");

        public static readonly DiagnosticDescriptor MakeFirstCallWorkAsync = Create(
            DiagnosticIds.MakeFirstCallWorkAsync,
            title: "Work done on the first call blocks the async paths that reach it",
            messageFormat: "'{0}' blocks {1}, and {2}: {3}; do this work asynchronously{4}",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "A synchronous helper does blocking work only the first time it runs and keeps the result (a lazily initialized field, a value prepared once and reused), and async code calls it. Only the first call blocks (or the first call after another member resets the kept value), and which call site that is depends on the order calls run in, so its call sites are not reported one by one; the work is reported once, where it is guarded. Make the initialization asynchronous (an async factory, a Lazy<Task<T>>, an awaited EnsureInitializedAsync step) or, when nothing resets it, do it before the async path starts. There is no automatic fix: where the work should move is a design decision.",
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor PropagateAsync = Create(
            DiagnosticIds.PropagateAsync,
            title: "Synchronous method blocks on async work it starts",
            messageFormat: "'{0}' blocks '{1}' on async work it starts; make '{1}' async and await it",
            category: Categories.Blocking,
            severity: DiagnosticSeverity.Warning,
            description: "A synchronous method starts async work and waits for it (sync over async). The calling thread is held for the whole operation, and under a single-threaded synchronization context the continuation can never run: a deadlock. Making the method async and awaiting the work, all the way up, removes both. Disabled by default: synchronous signatures are often fixed by a contract.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor ConvertContinueWithToAwait = Create(
            DiagnosticIds.ConvertContinueWithToAwait,
            title: "ContinueWith callback chain can be written with await",
            messageFormat: "Replace the '{0}' callback with 'await'",
            category: Categories.Callbacks,
            severity: DiagnosticSeverity.Warning,
            description: "ContinueWith and Task.Factory.ContinueWhenAll/ContinueWhenAny run continuations on TaskScheduler.Current, hand faults over as AggregateException, and turn straight-line code into nested callbacks. 'await' (with Task.WhenAll/WhenAny for several tasks) says the same thing in order, propagates the original exception and respects the caller's context.");

        public static readonly DiagnosticDescriptor ConvertBeginEndToAwait = Create(
            DiagnosticIds.ConvertBeginEndToAwait,
            title: "Begin/End callback pair can be written with await",
            messageFormat: "Replace the '{0}'/'{1}' callback pair with 'await'",
            category: Categories.Callbacks,
            severity: DiagnosticSeverity.Warning,
            description: "The Asynchronous Programming Model (BeginXxx with a callback that calls EndXxx) splits one operation across two methods, loses exceptions thrown in the callback and cannot be composed. 'await' on the Task-based counterpart (or on Task.Factory.FromAsync) keeps the code in order and the exceptions with the caller.");

        public static readonly DiagnosticDescriptor ConvertEventBasedAsyncToAwait = Create(
            DiagnosticIds.ConvertEventBasedAsyncToAwait,
            title: "Completed event and XxxAsync call can be written with await",
            messageFormat: "Replace the '{0}' handler and the '{1}' call with 'await'",
            category: Categories.Callbacks,
            severity: DiagnosticSeverity.Warning,
            description: "The Event-based Asynchronous Pattern (subscribe to XxxCompleted, then call XxxAsync) moves the result into an event handler, hides failures in e.Error and leaves the subscription behind. Where the type offers a Task-returning counterpart, 'await' on it keeps the code in order and the exceptions with the caller.");

        public static readonly DiagnosticDescriptor ReplaceAwaiterCallbackWithAwait = Create(
            DiagnosticIds.ReplaceAwaiterCallbackWithAwait,
            title: "Awaiter callback can be written with await",
            messageFormat: "Replace the awaiter's '{0}' callback with 'await'",
            category: Categories.Callbacks,
            severity: DiagnosticSeverity.Warning,
            description: "GetAwaiter().OnCompleted/UnsafeOnCompleted are the compiler's hooks for 'await'. Called by hand they register a callback that runs on its own, whose exceptions go unhandled and whose result nobody observes. 'await' says the same thing, in order, with exceptions flowing to the caller.");

        public static readonly DiagnosticDescriptor OffloadCpuBoundLoop = Create(
            DiagnosticIds.OffloadCpuBoundLoop,
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
            bool isEnabledByDefault = true,
            params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault,
                description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags: customTags);
        }
    }
}
