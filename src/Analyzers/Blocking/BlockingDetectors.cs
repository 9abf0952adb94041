using System.Collections.Immutable;
using AsyncAnalyzers.Internal;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>Every blocking-operation detector of the ASYNC1xx family, created once per compilation for the cross-method summary.</summary>
    internal static class BlockingDetectors
    {
        public static ImmutableArray<IBlockingLeafDetector> Create(KnownTypes types, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options)
        {
            var builder = ImmutableArray.CreateBuilder<IBlockingLeafDetector>();
            if (ThreadSleepDetector.TryCreate(types) is { } sleep)
            {
                builder.Add(sleep);
            }

            builder.Add(new BlockingWaitDetector(new TaskMembers(types), options));
            builder.Add(new AsyncCounterpartDetector(types, options));
            if (AsyncDisposeDetector.TryCreate(types) is { } dispose)
            {
                builder.Add(dispose);
            }

            return builder.ToImmutable();
        }
    }
}
