using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// ASYNC104: <c>using</c>, <c>using var</c> or <c>.Dispose()</c> on an async path, for a type with its own
    /// <c>DisposeAsync</c> (one that does asynchronous work, not the Stream/TextWriter/DbConnection default that calls Dispose).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseAwaitUsingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SyncDisposeOfAsyncDisposable);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var types = KnownTypes.Create(context.Compilation);
            var disposables = AsyncDisposables.Create(types);
            if (!types.HasTaskTypes || disposables is null)
            {
                return;
            }

            context.RegisterOperationAction(c => AnalyzeUsing(c, types, disposables), OperationKind.Using, OperationKind.UsingDeclaration);
            context.RegisterOperationAction(c => AnalyzeDisposeCall(c, types, disposables), OperationKind.Invocation);
        }

        private static void AnalyzeUsing(OperationAnalysisContext context, KnownTypes types, AsyncDisposables disposables)
        {
            IOperation? resources;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: false } usingStatement:
                    resources = usingStatement.Resources;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false } usingDeclaration:
                    resources = usingDeclaration.DeclarationGroup;
                    break;
                default:
                    return;
            }

            if (resources is null)
            {
                return;
            }

            AsyncPathInfo? path = null;
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var type = declarator.Symbol.Type;
                        if (disposables.HasOwnDisposeAsync(type) && !disposables.IsOpenedForReading(declarator.Initializer?.Value ?? declaration.Initializer?.Value))
                        {
                            path ??= AsyncPath.Classify(context.Operation, context.ContainingSymbol, types);
                            Report(context, path.Value, declarator.Syntax, type, "await using");
                        }
                    }
                }
            }
            else if (disposables.HasOwnDisposeAsync(resources.WalkDownConversion().Type) && !disposables.IsOpenedForReading(resources))
            {
                path = AsyncPath.Classify(context.Operation, context.ContainingSymbol, types);
                Report(context, path.Value, resources.Syntax, resources.WalkDownConversion().Type!, "await using");
            }
        }

        private static void AnalyzeDisposeCall(OperationAnalysisContext context, KnownTypes types, AsyncDisposables disposables)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name != "Dispose" || method.IsStatic || !method.ReturnsVoid || method.Parameters.Length != 0 || invocation.Instance is null)
            {
                return;
            }

            // this.Dispose()/base.Dispose(): a type disposing itself, typically inside its own DisposeAsync.
            var receiver = invocation.Instance.WalkDownConversion();
            if (receiver is IInstanceReferenceOperation || !disposables.HasOwnDisposeAsync(receiver.Type))
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types);
            if (path.Function is { Name: "DisposeAsync" })
            {
                return;
            }

            // x?.Dispose() is reported on the whole conditional access, x.Dispose() on the call.
            var node = invocation.Syntax;
            ExpressionSyntax? receiverSyntax = null;
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
            {
                receiverSyntax = access.Expression;
            }
            else if (node.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == node)
            {
                node = conditional;
                receiverSyntax = conditional.Expression;
            }

            var receiverText = receiverSyntax?.ToString() ?? "x";
            if (receiverText.Length > 40)
            {
                receiverText = "x";
            }

            Report(context, path, node, receiver.Type!, "await " + receiverText + ".DisposeAsync()");
        }

        private static void Report(OperationAnalysisContext context, AsyncPathInfo path, SyntaxNode node, ITypeSymbol type, string replacement)
        {
            if (!path.IsAsyncPath || IsInsideLock(context.Operation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SyncDisposeOfAsyncDisposable,
                node.GetLocation(),
                FixProperties.For(path),
                type.Name,
                replacement));
        }

        private static bool IsInsideLock(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILockOperation:
                        return true;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }
    }

    /// <summary>Which types have a DisposeAsync of their own, resolved once per type per compilation.</summary>
    internal sealed class AsyncDisposables
    {
        private readonly IMethodSymbol disposeAsync;
        private readonly INamedTypeSymbol asyncDisposable;
        private readonly ImmutableArray<INamedTypeSymbol> defaultImplementations;
        private readonly ImmutableArray<INamedTypeSymbol> excluded;
        private readonly BlockingCallExclusions exclusions;
        private const int ReadAccess = 1; // FileAccess.Read
        private const int DecompressMode = 0; // CompressionMode.Decompress

        private readonly INamedTypeSymbol? file;
        private readonly INamedTypeSymbol? fileAccess;
        private readonly INamedTypeSymbol? compressionMode;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> cache = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        private AsyncDisposables(KnownTypes types, INamedTypeSymbol asyncDisposable, IMethodSymbol disposeAsync)
        {
            this.asyncDisposable = asyncDisposable;
            this.disposeAsync = disposeAsync;
            exclusions = new BlockingCallExclusions(types);
            file = types.Compilation.GetTypeByMetadataName("System.IO.File");
            fileAccess = types.Compilation.GetTypeByMetadataName("System.IO.FileAccess");
            compressionMode = types.Compilation.GetTypeByMetadataName("System.IO.Compression.CompressionMode");
            defaultImplementations = Resolve(
                types.Compilation,
                "System.IO.Stream",
                "System.IO.TextWriter",
                "System.Data.Common.DbConnection",
                "System.Data.Common.DbCommand",
                "System.Data.Common.DbDataReader",
                "System.Data.Common.DbTransaction",
                "System.Data.Common.DbBatch");

            // Timer.DisposeAsync also waits for running callbacks to finish, which Dispose() does not: not the same operation.
            excluded = Resolve(types.Compilation, "System.Threading.Timer");
        }

        public static AsyncDisposables? Create(KnownTypes types)
        {
            var asyncDisposable = types.Compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            if (asyncDisposable is null)
            {
                return null;
            }

            foreach (var member in asyncDisposable.GetMembers("DisposeAsync"))
            {
                if (member is IMethodSymbol method)
                {
                    return new AsyncDisposables(types, asyncDisposable, method);
                }
            }

            return null;
        }

        /// <summary>
        /// A stream opened only for reading: <c>File.OpenRead(...)</c>, a call or constructor given <c>FileAccess.Read</c>, or
        /// a compression stream given <c>CompressionMode.Decompress</c>. It has no write buffer, so its DisposeAsync only
        /// closes the handle, synchronously, like Dispose.
        /// </summary>
        public bool IsOpenedForReading(IOperation? resource)
        {
            ImmutableArray<IArgumentOperation> arguments;
            switch (resource?.WalkDownConversion())
            {
                case IInvocationOperation { TargetMethod: { Name: "OpenRead", IsStatic: true } method } when KnownTypes.Is(method.ContainingType, file):
                    return true;
                case IInvocationOperation invocation:
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                default:
                    return false;
            }

            foreach (var argument in arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value.ConstantValue is not { HasValue: true, Value: int constant })
                {
                    continue;
                }

                if ((KnownTypes.Is(value.Type, fileAccess) && constant == ReadAccess)
                    || (KnownTypes.Is(value.Type, compressionMode) && constant == DecompressMode))
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasOwnDisposeAsync(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic)
            {
                return false;
            }

            return cache.GetOrAdd(type, Compute);
        }

        private bool Compute(ITypeSymbol type)
        {
            if (exclusions.IsInMemory(type) || IsOrDerivesFrom(excluded, type) || IsSqlite(type))
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                return KnownTypes.Is(type, asyncDisposable) || Implements(type, asyncDisposable);
            }

            if (!Implements(type, asyncDisposable) || type.FindImplementationForInterfaceMember(disposeAsync) is not IMethodSymbol implementation)
            {
                return false;
            }

            // The declaring type of the DisposeAsync that runs: a default implementation that only calls Dispose() does not count.
            return !ContainsExactly(defaultImplementations, MostDerivedOverride(type, implementation).ContainingType);
        }

        /// <summary>The interface implementation as it runs on <paramref name="type"/>: the last override of it down the hierarchy.</summary>
        private static IMethodSymbol MostDerivedOverride(ITypeSymbol type, IMethodSymbol implementation)
        {
            if (!implementation.IsVirtual && !implementation.IsAbstract && !implementation.IsOverride)
            {
                return implementation;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(implementation.Name))
                {
                    for (var method = member as IMethodSymbol; method is not null; method = method.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, implementation.OriginalDefinition))
                        {
                            return (IMethodSymbol)member;
                        }
                    }
                }
            }

            return implementation;
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (KnownTypes.Is(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOrDerivesFrom(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (ContainsExactly(list, current))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsExactly(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
        {
            foreach (var item in list)
            {
                if (KnownTypes.Is(type.OriginalDefinition, item))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Microsoft.Data.Sqlite's async methods run synchronously; its DisposeAsync is no exception.</summary>
        private static bool IsSqlite(ITypeSymbol type)
        {
            var ns = type.ContainingNamespace?.ToDisplayString();
            return ns is not null && (ns == "Microsoft.Data.Sqlite" || ns.StartsWith("Microsoft.Data.Sqlite.", StringComparison.Ordinal));
        }

        private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, params string[] names)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in names)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }
}
