using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// ASYNC201: <c>ContinueWith</c> chains and <c>Task.Factory.ContinueWhenAll/ContinueWhenAny</c>. One diagnostic per chain,
    /// on its first call; the later links of a chain (also across <c>.Unwrap()</c>) are part of the same finding.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConvertContinueWithToAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ConvertContinueWithToAwait);

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
            var methods = new Lazy<CallbackMethods?>(() => Methods(compilation));
            var inTests = new Lazy<object>(() => Boxes.Of(CallbackUnderTest.IsTestProject(compilation)));
            context.RegisterOperationAction(
                c =>
                {
                    // By name first: the catalog is built only once a candidate is seen.
                    if (((IInvocationOperation)c.Operation).TargetMethod.Name is "ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny" && methods.Value is { } m)
                    {
                        AnalyzeInvocation(c, m, m.Types, (bool)inTests.Value);
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>The compilation's callback catalog, or null when it has nothing this rule looks for.</summary>
        private static CallbackMethods? Methods(Compilation compilation)
        {
            var types = KnownTypes.Create(compilation);
            if (!types.HasTaskTypes)
            {
                return null;
            }

            var methods = CallbackMethods.Create(types);
            return methods.ContinueWith.IsEmpty && methods.FactoryContinuations.IsEmpty ? null : methods;
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, CallbackMethods methods, KnownTypes types, bool inTests)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (methods.IsContinueWith(target))
            {
                if (IsChainLink(invocation.Instance, methods))
                {
                    return;
                }
            }
            else if (!methods.IsFactoryContinuation(target))
            {
                return;
            }

            // A test of the callback API itself checks what the callback does; await would remove what it checks.
            if (inTests && CallbackUnderTest.IsSubject(context.ContainingSymbol, invocation.Syntax))
            {
                return;
            }

            // A finding means a rewrite that keeps the chain's meaning exists; the fixer performs that same plan.
            if (invocation.SemanticModel is not { } model
                || new ContinuationChainPlanner(model, types, methods, new HashSet<string>(), context.CancellationToken).TryPlan(invocation.Syntax) is null)
            {
                return;
            }

            var path = AsyncPath.Classify(invocation, context.ContainingSymbol, types);
            context.ReportVisible(Diagnostic.Create(
                Descriptors.ConvertContinueWithToAwait,
                CallLocation(invocation.Syntax),
                FixProperties.For(path, CallbackRewrite.AwaitTask),
                target.Name));
        }

        /// <summary>True when the receiver is itself a continuation (possibly unwrapped): the chain was reported at its first call.</summary>
        private static bool IsChainLink(IOperation? receiver, CallbackMethods methods)
        {
            if (receiver?.WalkDownConversion() is not IInvocationOperation previous)
            {
                return false;
            }

            if (methods.IsUnwrap(previous.TargetMethod) && previous.Arguments.Length == 1)
            {
                if (previous.Arguments[0].Value.WalkDownConversion() is not IInvocationOperation unwrapped)
                {
                    return false;
                }

                previous = unwrapped;
            }

            return methods.IsContinueWith(previous.TargetMethod) || methods.IsFactoryContinuation(previous.TargetMethod);
        }

        /// <summary>From the method name to the closing parenthesis: <c>t.[ContinueWith(...)]</c>.</summary>
        internal static Location CallLocation(SyntaxNode syntax)
        {
            if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } invocation)
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, invocation.Span.End));
            }

            return syntax.GetLocation();
        }
    }
}
