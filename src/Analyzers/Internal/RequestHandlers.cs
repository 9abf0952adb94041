using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>The ASP.NET Core types that make code a request handler, resolved once per compilation (all null without ASP.NET Core).</summary>
    internal sealed class RequestHandlerTypes
    {
        public RequestHandlerTypes(KnownTypes types)
        {
            // Nine lookups that each search every reference, for types most compilations cannot have: asked only when
            // ASP.NET Core is referenced (Microsoft.AspNetCore.* assemblies) or this compilation declares its namespace.
            if (!MayHaveAspNetCore(types.Compilation))
            {
                return;
            }

            ControllerBase = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiControllerAttribute = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            ControllerAttribute = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonActionAttribute = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            PageModel = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            NonHandlerAttribute = types.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");
            Hub = types.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            HubOfT = types.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub`1");
            EndpointRouteBuilderExtensions = types.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        }

        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? NonHandlerAttribute { get; }
        public INamedTypeSymbol? Hub { get; }
        public INamedTypeSymbol? HubOfT { get; }
        public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

        private static bool MayHaveAspNetCore(Compilation compilation)
        {
            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                if (reference.Name.StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            foreach (var member in compilation.Assembly.GlobalNamespace.GetNamespaceMembers())
            {
                if (member.Name == "Microsoft")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>False for every compilation that does not reference ASP.NET Core: the common case costs one check.</summary>
        public bool Any => ControllerBase is not null || ApiControllerAttribute is not null || PageModel is not null || Hub is not null || EndpointRouteBuilderExtensions is not null;
    }

    /// <summary>
    /// ASP.NET Core request handlers: MVC controller actions (types deriving from ControllerBase, or marked [ApiController] or
    /// [Controller]), Razor Page handlers (<c>OnGet</c>, <c>OnPostAsync</c>... of a PageModel), SignalR hub methods, and lambdas
    /// passed to <c>MapGet</c>/<c>MapPost</c>/... . They run on a pool thread with no UI thread to free, and each request holds
    /// one: so a synchronous handler is an async path for the blocking rules, and offloading a loop there only moves it.
    /// </summary>
    internal static class RequestHandlers
    {
        private static readonly ImmutableArray<string> HttpVerbs = ImmutableArray.Create("Get", "Post", "Put", "Delete", "Patch", "Head", "Options");

        /// <summary>Code that runs as part of a request handler: anything in a controller, page model or hub, or in a mapped endpoint lambda (ASYNC301).</summary>
        public static bool IsInRequestHandler(AsyncPathInfo path, ISymbol? containingSymbol, RequestHandlerTypes types)
        {
            if (!types.Any)
            {
                return false;
            }

            if (path.FunctionOperation is IAnonymousFunctionOperation lambda && IsMappedEndpoint(lambda, types))
            {
                return true;
            }

            return HandlerTypeKind(containingSymbol?.ContainingType, types) != HandlerType.None;
        }

        /// <summary>
        /// <paramref name="function"/> is itself the entry point of a request, written synchronously: a public action of a
        /// controller, a handler method of a page model, a public hub method, or a synchronous lambda mapped as an endpoint.
        /// Helpers, overrides, interface implementations and [NonAction]/[NonHandler] methods are not.
        /// </summary>
        public static bool IsSyncHandler(IMethodSymbol function, IOperation? functionOperation, RequestHandlerTypes types)
        {
            if (!types.Any)
            {
                return false;
            }

            if (function.MethodKind == MethodKind.AnonymousFunction)
            {
                return functionOperation is IAnonymousFunctionOperation lambda && IsMappedEndpoint(lambda, types);
            }

            if (function.MethodKind != MethodKind.Ordinary || function.DeclaredAccessibility != Accessibility.Public
                || function.IsStatic || function.IsAbstract || function.IsGenericMethod || function.IsOverride
                || !function.ExplicitInterfaceImplementations.IsEmpty)
            {
                return false;
            }

            var kind = HandlerTypeKind(function.ContainingType, types);
            switch (kind)
            {
                case HandlerType.None:
                    return false;
                case HandlerType.PageModel when !IsPageHandlerName(function.Name):
                    return false;
            }

            foreach (var attribute in function.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, types.NonActionAttribute) || KnownTypes.Is(attribute.AttributeClass, types.NonHandlerAttribute))
                {
                    return false;
                }
            }

            return !ImplementsInterfaceMember(function);
        }

        private enum HandlerType
        {
            None,
            Controller,
            PageModel,
            Hub,
        }

        private static HandlerType HandlerTypeKind(INamedTypeSymbol? type, RequestHandlerTypes types)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var definition = current.OriginalDefinition;
                if (KnownTypes.Is(definition, types.ControllerBase))
                {
                    return HandlerType.Controller;
                }

                if (KnownTypes.Is(definition, types.Hub) || KnownTypes.Is(definition, types.HubOfT))
                {
                    return HandlerType.Hub;
                }

                if (KnownTypes.Is(definition, types.PageModel))
                {
                    return HandlerType.PageModel;
                }

                if (types.ApiControllerAttribute is not null || types.ControllerAttribute is not null)
                {
                    foreach (var attribute in current.GetAttributes())
                    {
                        if (KnownTypes.Is(attribute.AttributeClass, types.ApiControllerAttribute) || KnownTypes.Is(attribute.AttributeClass, types.ControllerAttribute))
                        {
                            return HandlerType.Controller;
                        }
                    }
                }
            }

            return HandlerType.None;
        }

        /// <summary>OnGet, OnPost, OnPostDelete, OnGetAsync...: "On" and an HTTP method, the convention Razor Pages binds by.</summary>
        private static bool IsPageHandlerName(string name)
        {
            if (!name.StartsWith("On", System.StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var verb in HttpVerbs)
            {
                if (string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            var type = method.ContainingType;
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsMappedEndpoint(IAnonymousFunctionOperation lambda, RequestHandlerTypes types)
        {
            if (types.EndpointRouteBuilderExtensions is null)
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
                && KnownTypes.Is(invocation.TargetMethod.ContainingType, types.EndpointRouteBuilderExtensions);
        }
    }
}
