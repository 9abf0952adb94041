using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>ASYNC301's view of request handlers: the shared answer in <see cref="Internal.RequestHandlers"/>.</summary>
    internal static class RequestHandlers
    {
        public static bool IsRequestHandler(AsyncPathInfo path, ISymbol? containingSymbol, CpuLoopSymbols symbols)
            => Internal.RequestHandlers.IsInRequestHandler(path, containingSymbol, symbols.Types.RequestHandlers);
    }
}
