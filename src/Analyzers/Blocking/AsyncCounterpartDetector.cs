using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC103's leaf: a synchronous call with an async counterpart (or configured as blocking), with the rule's exclusions and options.</summary>
    internal sealed class AsyncCounterpartDetector : IBlockingLeafDetector
    {
        /// <summary>Separates the counterpart's documentation ID from its name in <see cref="BlockingLeaf.Counterpart"/>.</summary>
        public const char FixSeparator = '\n';

        private readonly KnownTypes types;
        private readonly BlockingCallExclusions exclusions;
        private readonly AsyncCounterpartResolver resolver;
        private readonly AnalyzerOptionsReader? options;
        private readonly AnalyzerOptions? analyzerOptions;

        public AsyncCounterpartDetector(KnownTypes types, AnalyzerOptions? options)
        {
            this.types = types;
            exclusions = BlockingCallExclusions.For(types);
            exclusions.RememberOptions(options);
            resolver = AsyncCounterpartResolver.For(types);
            this.options = options is null ? null : new AnalyzerOptionsReader(options);
            analyzerOptions = options;
        }

        /// <inheritdoc/>
        public bool IsHarmlessReceiver(BlockingLeaf leaf, IOperation argument)
        {
            if (leaf.RuleId != DiagnosticIds.UseAsyncCounterpart)
            {
                return false;
            }

            var settings = options?.For(argument.Syntax.SyntaxTree) ?? BlockingCallOptions.Empty;
            return exclusions.HoldsInMemoryData(argument) || (!settings.ReportOwnSyncApisInTests && exclusions.IsHandedOutByApiUnderTest(argument));
        }

        public bool TryDetect(IOperation operation, IMethodSymbol owner, out BlockingLeaf leaf)
        {
            leaf = default;
            if (operation is not IInvocationOperation invocation
                || invocation.Syntax is not InvocationExpressionSyntax syntax
                || exclusions.IsSynchronousLockWait(invocation)
                || !UseAsyncCounterpartAnalyzer.TryMatch(
                    invocation,
                    syntax,
                    owner,
                    owner,
                    types,
                    exclusions,
                    resolver,
                    options?.For(syntax.SyntaxTree) ?? BlockingCallOptions.Empty,
                    analyzerOptions,
                    out var counterpart,
                    out _))
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var fix = counterpart?.DocumentationId is { } id ? id + FixSeparator + counterpart.Method.Name : null;
            leaf = BlockingLeaf.Call(method.ContainingType.Name + "." + method.Name, fix);
            return true;
        }
    }
}
