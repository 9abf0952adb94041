using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>How the counterpart's result relates to the synchronous method's.</summary>
    internal enum CounterpartShape
    {
        /// <summary>Awaiting it gives what the synchronous method returns (void and Task, R and Task&lt;R&gt;).</summary>
        SameResult,

        /// <summary>
        /// The synchronous method returns its receiver's type so calls can be chained (test kits, builders:
        /// <c>probe.Request(2).ExpectNext(1)</c>), the counterpart returns a plain Task/ValueTask: the same operation, with no
        /// value to chain on.
        /// </summary>
        Fluent,

        /// <summary>The synchronous method returns <c>IEnumerable&lt;T&gt;</c>, the counterpart <c>IAsyncEnumerable&lt;T&gt;</c>: enumerated with <c>await foreach</c>.</summary>
        AsyncEnumerable,

        /// <summary>
        /// The synchronous method returns a materialized collection (<c>T[]</c>, <c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>...),
        /// the counterpart <c>IAsyncEnumerable&lt;T&gt;</c>: collected with <c>await XAsync(...).ToListAsync()</c>. See <see cref="AsyncStreamCollection"/>.
        /// </summary>
        Collection,
    }
}
