using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CpuLoops
{
    /// <summary>
    /// ASP.NET Core request handlers already run on a pool thread with no UI thread to free: MVC controllers (types deriving
    /// from ControllerBase or marked [ApiController]), SignalR hubs, and lambdas passed to MapGet/MapPost/... .
    /// </summary>
    internal static class RequestHandlers
    {
        public static bool IsRequestHandler(AsyncPathInfo path, ISymbol? containingSymbol, CpuLoopSymbols symbols)
        {
            if (symbols.ControllerBase is null && symbols.ApiControllerAttribute is null && symbols.Hub is null && symbols.EndpointRouteBuilderExtensions is null)
            {
                return false;
            }

            if (path.FunctionOperation is IAnonymousFunctionOperation lambda && IsMappedEndpoint(lambda, symbols))
            {
                return true;
            }

            return IsHandlerType(containingSymbol?.ContainingType, symbols);
        }

        private static bool IsHandlerType(INamedTypeSymbol? type, CpuLoopSymbols symbols)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var definition = current.OriginalDefinition;
                if (KnownTypes.Is(definition, symbols.ControllerBase) || KnownTypes.Is(definition, symbols.Hub) || KnownTypes.Is(definition, symbols.HubOfT))
                {
                    return true;
                }

                if (symbols.ApiControllerAttribute is not null)
                {
                    foreach (var attribute in current.GetAttributes())
                    {
                        if (KnownTypes.Is(attribute.AttributeClass, symbols.ApiControllerAttribute))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsMappedEndpoint(IAnonymousFunctionOperation lambda, CpuLoopSymbols symbols)
        {
            if (symbols.EndpointRouteBuilderExtensions is null)
            {
                return false;
            }

            var current = lambda.Parent;
            while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current is IArgumentOperation { Parent: IInvocationOperation invocation }
                && invocation.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal)
                && KnownTypes.Is(invocation.TargetMethod.ContainingType, symbols.EndpointRouteBuilderExtensions);
        }
    }
}
