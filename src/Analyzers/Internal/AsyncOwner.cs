using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// Whether the function that owns a node can become <c>async</c> without breaking its contract or its callers: the
    /// preconditions of the fixers' MakeAsync, here so that analyzers can ask before reporting a finding whose fix needs it.
    /// </summary>
    internal static class AsyncOwner
    {
        public static bool CanMakeAsync(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
            => CanMakeAsync(owner, model, cancellationToken, movedIntoLambda: null);

        /// <summary>
        /// As above, ignoring the statements in <paramref name="movedIntoLambda"/>: a fix moves them into a lambda (a span
        /// created inside <c>Task.Run</c>), so their ref locals do not stay in the function that becomes async.
        /// </summary>
        public static bool CanMakeAsync(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken, IReadOnlyList<SyntaxNode>? movedIntoLambda)
        {
            if (FunctionSyntax.IsAsync(owner))
            {
                return true;
            }

            var types = KnownTypes.Create(model.Compilation);
            var function = FunctionSymbol(owner, model, cancellationToken);
            if (function is null || HasRefParameters(function))
            {
                return false;
            }

            if (FunctionSyntax.Body(owner) is not { } body || ContainsRefLocalOrYield(body, model, movedIntoLambda, cancellationToken))
            {
                return false;
            }

            if (types.IsAwaitableReturnType(function.ReturnType))
            {
                // Only the returns change; each must be something we can await or unwrap.
                foreach (var returned in ReturnedExpressions(owner))
                {
                    if (Classify(returned, function.ReturnType, model, types, cancellationToken) == ReturnShape.Unsupported)
                    {
                        return false;
                    }
                }

                return owner is not AccessorDeclarationSyntax and not OperatorDeclarationSyntax and not ConversionOperatorDeclarationSyntax;
            }

            switch (owner)
            {
                case MethodDeclarationSyntax method:
                    // Changing the signature of an override or interface implementation breaks the contract.
                    if (function.ReturnsVoid && IsEventHandler(function, types))
                    {
                        return true;
                    }

                    return !function.IsOverride
                        && function.ExplicitInterfaceImplementations.IsEmpty
                        && !ImplementsInterfaceMember(function)
                        && method.ReturnType is not RefTypeSyntax;
                case LocalFunctionStatementSyntax local:
                    return local.ReturnType is not RefTypeSyntax;
                case AnonymousFunctionExpressionSyntax lambda:
                    // A lambda's type comes from its target: only an event-handler-shaped void delegate may become async void.
                    // A lambda given as a plain Delegate (a minimal API endpoint: app.MapGet("/", () => ...)) takes its natural
                    // type, so the async lambda is a Func<Task> or Func<Task<T>> that the framework awaits.
                    return (function.ReturnsVoid && IsEventHandler(function, types))
                        || model.GetTypeInfo(lambda, cancellationToken).ConvertedType?.SpecialType == SpecialType.System_Delegate;
                default:
                    return false;
            }
        }

        internal enum ReturnShape
        {
            Unsupported,
            Await,
            Unwrap,
            Completed,
        }

        internal static ReturnShape Classify(ExpressionSyntax expression, ITypeSymbol returnType, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            var isGeneric = types.IsGenericTaskType(returnType);
            var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;

            if (symbol is IMethodSymbol { Name: "FromResult", Parameters.Length: 1 } fromResult
                && (KnownTypes.Is(fromResult.ContainingType, types.Task) || KnownTypes.Is(fromResult.ContainingType, types.ValueTask))
                && expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 })
            {
                return isGeneric ? ReturnShape.Unwrap : ReturnShape.Unsupported;
            }

            if (symbol is IPropertySymbol { Name: "CompletedTask", IsStatic: true } completed
                && (KnownTypes.Is(completed.ContainingType, types.Task) || KnownTypes.Is(completed.ContainingType, types.ValueTask)))
            {
                return isGeneric ? ReturnShape.Unsupported : ReturnShape.Completed;
            }

            var convertedType = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            if (expression is BaseObjectCreationExpressionSyntax creation
                && symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && (KnownTypes.Is(constructor.ContainingType.OriginalDefinition, types.ValueTask) || KnownTypes.Is(constructor.ContainingType.OriginalDefinition, types.ValueTaskOfT)))
            {
                var arguments = creation.ArgumentList?.Arguments.Count ?? 0;
                if (arguments == 0 && !isGeneric)
                {
                    return ReturnShape.Completed;
                }

                if (arguments == 1 && isGeneric && constructor.Parameters[0].Type.Equals(((INamedTypeSymbol)convertedType!).TypeArguments[0], SymbolEqualityComparer.Default))
                {
                    return ReturnShape.Unwrap;
                }

                return ReturnShape.Await;
            }

            if (expression.IsKind(SyntaxKind.DefaultLiteralExpression) || expression.IsKind(SyntaxKind.DefaultExpression) || expression.IsKind(SyntaxKind.NullLiteralExpression))
            {
                // default(Task) is null (awaiting it throws); default(ValueTask) is a completed task.
                return !isGeneric && KnownTypes.Is(returnType.OriginalDefinition, types.ValueTask) && !expression.IsKind(SyntaxKind.NullLiteralExpression)
                    ? ReturnShape.Completed
                    : ReturnShape.Unsupported;
            }

            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            return types.IsAwaitableReturnType(type) ? ReturnShape.Await : ReturnShape.Unsupported;
        }

        internal static IEnumerable<ExpressionSyntax> ReturnedExpressions(SyntaxNode owner)
        {
            var body = FunctionSyntax.Body(owner);
            if (body is ArrowExpressionClauseSyntax arrow)
            {
                yield return arrow.Expression;
                yield break;
            }

            if (body is ExpressionSyntax expression)
            {
                yield return expression;
                yield break;
            }

            foreach (var returnStatement in ReturnStatements(owner))
            {
                if (returnStatement.Expression is not null)
                {
                    yield return returnStatement.Expression;
                }
            }
        }

        /// <summary>The owner's own return statements, not those of nested lambdas and local functions.</summary>
        internal static IEnumerable<ReturnStatementSyntax> ReturnStatements(SyntaxNode owner)
        {
            if (FunctionSyntax.Body(owner) is not BlockSyntax block)
            {
                yield break;
            }

            foreach (var node in block.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is ReturnStatementSyntax returnStatement)
                {
                    yield return returnStatement;
                }
            }
        }

        /// <summary>Ref locals, ref-struct and pointer locals cannot live across an await; an iterator cannot simply become async.</summary>
        private static bool IsWithin(SyntaxNode node, IReadOnlyList<SyntaxNode> containers)
        {
            foreach (var container in containers)
            {
                if (container.Span.Contains(node.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsRefLocalOrYield(SyntaxNode body, SemanticModel model, IReadOnlyList<SyntaxNode>? movedIntoLambda, CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (movedIntoLambda is not null && IsWithin(node, movedIntoLambda))
                {
                    continue;
                }

                if (node is VariableDeclarationSyntax declaration)
                {
                    if (declaration.Type is RefTypeSyntax)
                    {
                        return true;
                    }

                    var type = model.GetTypeInfo(declaration.Type, cancellationToken).Type;
                    if (type is { IsRefLikeType: true } || type is IPointerTypeSymbol)
                    {
                        return true;
                    }
                }
                else if (node is UnsafeStatementSyntax or StackAllocArrayCreationExpressionSyntax or YieldStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasRefParameters(IMethodSymbol function)
        {
            foreach (var parameter in function.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type is IPointerTypeSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

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

        /// <summary>(object sender, SomeEventArgs e) returning void: the one place async void is right.</summary>
        public static bool IsEventHandler(IMethodSymbol method, KnownTypes types)
        {
            return method.ReturnsVoid
                && method.Parameters.Length == 2
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
                && types.IsEventArgs(method.Parameters[1].Type);
        }

        internal static IMethodSymbol? FunctionSymbol(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            return owner switch
            {
                AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
                _ => model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol,
            };
        }

        /// <summary>
        /// The void method or local function <paramref name="owner"/>, when a callback rewrite can make it <c>async Task</c>:
        /// an await may go at <paramref name="site"/>, the function can become async, and returning a task breaks no contract.
        /// </summary>
        public static IMethodSymbol? VoidFunctionThatCanReturnTask(SyntaxNode owner, SyntaxNode site, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            return model.GetDeclaredSymbol(owner, cancellationToken) is IMethodSymbol function
                && function.ReturnsVoid
                && FunctionSyntax.CanAwaitAt(site, owner)
                && CanMakeAsync(owner, model, cancellationToken)
                && CanReturnTask(function, owner, model, types, cancellationToken)
                ? function
                : null;
        }

        /// <summary>
        /// For a void function that a fix turns into <c>async Task</c> (an event handler stays <c>async void</c>): true when its
        /// signature is not a contract. A method visible outside a library is its public API; a method or local function used
        /// as a delegate anywhere in the compilation (<c>+= OnRead</c>, <c>Action a = Start</c>) must keep returning void.
        /// </summary>
        public static bool CanReturnTask(IMethodSymbol function, SyntaxNode owner, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            if (IsEventHandler(function, types))
            {
                return true;
            }

            if (owner is LocalFunctionStatementSyntax)
            {
                return FindOwnerMember(owner) is not { } member || !UsedAsDelegate(member, function.Name);
            }

            if (IsExternallyVisible(function) && IsLibrary(model.Compilation))
            {
                return false;
            }

            if (function.DeclaredAccessibility == Accessibility.Private)
            {
                foreach (var reference in function.ContainingType.DeclaringSyntaxReferences)
                {
                    if (UsedAsDelegate(reference.GetSyntax(cancellationToken), function.Name))
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var tree in model.Compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (tree.TryGetText(out var text) && text.ToString().IndexOf(function.Name, System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                if (UsedAsDelegate(tree.GetRoot(cancellationToken), function.Name))
                {
                    return false;
                }
            }

            return true;
        }

        private static SyntaxNode? FindOwnerMember(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                if (current is MemberDeclarationSyntax)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>A simple name <paramref name="name"/> that is not the target of a call: a method group converted to a delegate.</summary>
        private static bool UsedAsDelegate(SyntaxNode scope, string name)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not SimpleNameSyntax simple || simple.Identifier.ValueText != name)
                {
                    continue;
                }

                SyntaxNode expression = simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple ? access : simple;
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    continue;
                }

                if (expression.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } })
                {
                    continue;
                }

                return true;
            }

            return false;
        }

        private static bool IsLibrary(Compilation compilation)
            => compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule or OutputKind.WindowsRuntimeMetadata;

        private static bool IsExternallyVisible(ISymbol symbol)
        {
            for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingType)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.Protected:
                    case Accessibility.ProtectedOrInternal:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }
    }
}
