using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC104 inside a dual-mode function (<c>async Task WriteCore(bool async, ...)</c> serving a synchronous and an
    /// asynchronous API): an unconditional <c>await using</c> would make the synchronous API dispose asynchronously and
    /// block on it from the outside. The fix keeps both modes instead: the disposal moves into a <c>finally</c> that awaits
    /// <c>DisposeAsync()</c> when the flag selects the async mode and calls <c>Dispose()</c> otherwise. Decided here, once,
    /// and handed to the fixer through the diagnostic's properties.
    /// </summary>
    internal static class DualModeDisposal
    {
        /// <summary>The condition that selects the async mode (<c>async</c>, <c>!sync</c>): the fixer keeps both modes with it.</summary>
        public const string FlagProperty = "DualModeFlag";

        /// <summary>"true" when the site has no faithful two-mode rewrite: the fixer offers nothing.</summary>
        public const string NoFixProperty = "DualModeNoFix";

        /// <summary>How the finding is reported and fixed inside (or outside) a dual-mode function.</summary>
        public readonly struct Plan
        {
            public Plan(bool report, string message, ImmutableDictionary<string, string?> properties)
            {
                Report = report;
                Message = message;
                Properties = properties;
            }

            public bool Report { get; }

            /// <summary>The message's advice ("use 'await using'", or the two-mode form, or why there is no fix).</summary>
            public string Message { get; }

            public ImmutableDictionary<string, string?> Properties { get; }
        }

        public static Plan For(IOperation site, AsyncPathInfo path, string replacement, ImmutableDictionary<string, string?> properties, KnownTypes types, CancellationToken cancellationToken)
        {
            var plain = new Plan(true, "use '" + replacement + "'", properties);
            if (path.Function is not { IsAsync: true } function || Body(site, path) is not { } body
                || DualMode.AsyncFlag(body, function) is not { } flag)
            {
                return plain;
            }

            switch (DualMode.ReachOf(site, body, function, flag))
            {
                case DualModeReach.SyncOnly:
                    // Only the synchronous API runs this: disposing synchronously is what it should do.
                    return new Plan(false, string.Empty, properties);
                case DualModeReach.AsyncOnly:
                    return plain;
            }

            var condition = DualMode.AsyncCondition(flag);
            var advice = "use '" + replacement + "' when '" + condition + "' and keep 'Dispose()' for the synchronous mode";
            if (WhyNoFix(site, types, cancellationToken) is { } reason)
            {
                return new Plan(true, advice + " (no automatic fix: " + reason + ")", properties.SetItem(NoFixProperty, "true"));
            }

            return new Plan(true, advice, properties.SetItem(FlagProperty, condition));
        }

        /// <summary>The operation of the function that owns the site: the lambda or local function, else the member's body.</summary>
        private static IOperation? Body(IOperation site, AsyncPathInfo path)
        {
            if (path.FunctionOperation is { } owner)
            {
                return owner;
            }

            var current = site;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>Null when the two-mode rewrite keeps both modes' behaviour at this site, else why not.</summary>
        private static string? WhyNoFix(IOperation site, KnownTypes types, CancellationToken cancellationToken)
        {
            switch (site)
            {
                case IInvocationOperation invocation:
                    return invocation.Syntax is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax }
                        ? WhyNotDisposable(invocation.Instance?.WalkDownConversion().Type, types)
                        : "the call is not a statement of its own";
                case IUsingDeclarationOperation declaration:
                    if (declaration.Syntax.Parent is not BlockSyntax block)
                    {
                        return "the declaration is not directly in a block";
                    }

                    // The rest of the block moves into a try: a local function declared there would leave the scope of
                    // the calls before the declaration.
                    foreach (var statement in block.Statements)
                    {
                        if (statement is LocalFunctionStatementSyntax && statement.SpanStart > declaration.Syntax.SpanStart)
                        {
                            return "a local function is declared after it in the same block";
                        }
                    }

                    return WhyNotDisposable(declaration.DeclarationGroup, types);
                case IUsingOperation { Resources: IVariableDeclarationGroupOperation group }:
                    return WhyNotDisposable(group, types);
                case IUsingOperation { Resources: { } resource } statement:
                    var value = resource.WalkDownConversion();
                    ISymbol? symbol = value switch
                    {
                        ILocalReferenceOperation { Local.RefKind: RefKind.None } local => local.Local,
                        IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => parameter.Parameter,
                        _ => null,
                    };
                    if (symbol is null)
                    {
                        return "the resource is an expression, not a local; declare it in a local first";
                    }

                    if (statement.Syntax is UsingStatementSyntax { Statement: { } body } && statement.SemanticModel is { } model
                        && model.AnalyzeDataFlow(body) is { Succeeded: true } flow && flow.WrittenInside.Contains(symbol))
                    {
                        return "the body assigns the resource's variable";
                    }

                    return WhyNotDisposable(value.Type, types);
                default:
                    return "unsupported shape";
            }
        }

        private static string? WhyNotDisposable(IVariableDeclarationGroupOperation group, KnownTypes types)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    if (WhyNotDisposable(declarator.Symbol.Type, types) is { } reason)
                    {
                        return reason;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The rewrite calls <c>x.DisposeAsync()</c> and <c>x.Dispose()</c> on a variable: both must be public on a reference
        /// type (a struct resource would be copied; an explicit implementation would not bind).
        /// </summary>
        private static string? WhyNotDisposable(ITypeSymbol? type, KnownTypes types)
        {
            if (type is null || !type.IsReferenceType || type.TypeKind == TypeKind.TypeParameter)
            {
                return "the resource is not a reference type";
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            return IsPublicImplementation(type, types.AsyncDisposable, "DisposeAsync")
                && IsPublicImplementation(type, types.Compilation.GetSpecialType(SpecialType.System_IDisposable), "Dispose")
                ? null
                : "the type implements Dispose or DisposeAsync explicitly";
        }

        private static bool IsPublicImplementation(ITypeSymbol type, INamedTypeSymbol? contract, string name)
        {
            if (contract is null)
            {
                return false;
            }

            foreach (var member in contract.GetMembers(name))
            {
                if (member is IMethodSymbol { Parameters.Length: 0 } method)
                {
                    return type.FindImplementationForInterfaceMember(method) is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public };
                }
            }

            return false;
        }
    }
}
