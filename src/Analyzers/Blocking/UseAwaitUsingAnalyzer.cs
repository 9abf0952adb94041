using System;
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
            ImmutableArray.Create(Descriptors.UseAwaitUsing);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Built on the first operation seen, not here: see KnownTypes.Create.
            var compilation = context.Compilation;
            // Reference types only in these Lazy<T>: an instantiation over a value type is JIT-compiled in every fresh compiler process.
            var state = new Lazy<AsyncDisposables?>(() =>
                KnownTypes.Create(compilation) is { HasTaskTypes: true } types ? AsyncDisposables.Create(types) : null);
            var analyzerOptions = context.Options;
            var options = new AnalyzerOptionsReader(context.Options);
            context.RegisterOperationAction(
                c =>
                {
                    // Only a type that implements IAsyncDisposable can be a finding: the catalog is built once one is seen.
                    if (DeclaresAsyncDisposable(c.Operation) && state.Value is { } s)
                    {
                        BlockingCallExclusions.For(s.Types).RememberOptions(analyzerOptions);
                        AnalyzeUsing(c, s.Types, s);
                    }
                },
                OperationKind.Using,
                OperationKind.UsingDeclaration);
            context.RegisterOperationAction(
                c =>
                {
                    if (c.Operation is IInvocationOperation { TargetMethod.Name: "Dispose" } call
                        && AsyncDisposables.MayImplementAsyncDisposable(call.Instance?.WalkDownConversion().Type)
                        && state.Value is { } s)
                    {
                        AnalyzeDisposeCall(c, s.Types, s, options);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>True when a resource of this <c>using</c> has a type that implements IAsyncDisposable (by name: nothing is resolved).</summary>
        private static bool DeclaresAsyncDisposable(IOperation operation)
        {
            var resources = operation switch
            {
                IUsingOperation usingStatement => usingStatement.Resources,
                IUsingDeclarationOperation usingDeclaration => usingDeclaration.DeclarationGroup,
                _ => null,
            };
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (AsyncDisposables.MayImplementAsyncDisposable(declarator.Symbol.Type))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            return resources is not null && AsyncDisposables.MayImplementAsyncDisposable(resources.WalkDownConversion().Type);
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
                        if (disposables.IsDeclaredResourceToReport(context.Operation, declaration, declarator, context.ContainingSymbol))
                        {
                            path ??= AsyncPath.Classify(context.Operation, context.ContainingSymbol, types, includeRequestHandlers: true);
                            Report(context, types, path.Value, declarator.Syntax, declarator.Symbol.Type, "await using");
                        }
                    }
                }
            }
            else if (disposables.IsExpressionResourceToReport(context.Operation, resources))
            {
                path = AsyncPath.Classify(context.Operation, context.ContainingSymbol, types, includeRequestHandlers: true);
                Report(context, types, path.Value, resources.Syntax, resources.WalkDownConversion().Type!, "await using");
            }
        }

        private static void AnalyzeDisposeCall(OperationAnalysisContext context, KnownTypes types, AsyncDisposables disposables, AnalyzerOptionsReader options)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!disposables.IsExplicitDispose(invocation, out var receiver))
            {
                return;
            }

            // In a test project, an explicit Dispose() of an object of the library under test is that library's synchronous API,
            // called on purpose (use after dispose, dispose twice): left alone like the rest of it. A 'using' stays reported,
            // Disposal in a finally is cleanup of the test's resources, like a 'using', and stays reported.
            if (!options.For(invocation.Syntax.SyntaxTree).ReportOwnSyncApisInTests && BlockingCallExclusions.For(types).IsOwnApiInTestProject(invocation.TargetMethod, receiver)
                && !SymbolEqualityComparer.Default.Equals(receiver.Type?.ContainingAssembly, types.Compilation.Assembly)
                && !IsInFinally(invocation))
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types, includeRequestHandlers: true);
            if (AsyncDisposables.IsDisposeAsync(path.Function))
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

            var receiverText = receiverSyntax is null ? "x" : MessageText.OneLine(receiverSyntax.ToString());
            if (receiverText.Length > 40)
            {
                receiverText = "x";
            }

            // x?.Dispose() skips a null x: the advice keeps that test, or following it would throw. A name is tested and
            // used as it is; a receiver that is computed (evaluated once by '?.') or a nullable struct (whose DisposeAsync
            // is its value's) goes through a pattern variable.
            string replacement;
            if (node is not ConditionalAccessExpressionSyntax)
            {
                replacement = "await " + receiverText + ".DisposeAsync()";
            }
            else if (receiverSyntax is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax }
                && receiverText != "x"
                && invocation.SemanticModel?.GetTypeInfo(receiverSyntax, context.CancellationToken).Type is { IsValueType: false })
            {
                replacement = "if (" + receiverText + " != null) await " + receiverText + ".DisposeAsync()";
            }
            else
            {
                replacement = "if (" + receiverText + " is { } disposable) await disposable.DisposeAsync()";
            }
            Report(context, types, path, node, receiver.Type!, replacement);
        }

        private static bool IsInFinally(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is ITryOperation attempt && ReferenceEquals(attempt.Finally, child))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, KnownTypes types, AsyncPathInfo path, SyntaxNode node, ITypeSymbol type, string replacement)
        {
            // Teardown on the way to a failure (a catch that rethrows, a finally that disposes only what a failed body left)
            // is left alone, as ASYNC105 does for helper chains: see FailurePath.
            if (!path.IsAsyncPath || context.Operation.IsInsideLock() || AsyncPath.IsDeliberateBlocking(context.Operation, context.ContainingSymbol)
                || FailurePath.IsOnFailurePath(context.Operation))
            {
                return;
            }

            var plan = DualModeDisposal.For(context.Operation, path, replacement, FixProperties.For(path), types, context.CancellationToken);
            if (!plan.Report)
            {
                return;
            }

            context.ReportVisible(Diagnostic.Create(
                Descriptors.UseAwaitUsing,
                node.GetLocation(),
                plan.Properties,
                type.Name,
                plan.Message));
        }
    }
}
