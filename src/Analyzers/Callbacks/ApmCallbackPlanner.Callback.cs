using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    internal static partial class ApmCallbackPlanner
    {
        /// <summary>
        /// The callback: a lambda or anonymous method, or a method group naming a private, non-virtual, non-generic method
        /// of the same type, declared once and referenced only here (a callback shared by two Begin sites is not inlined),
        /// whose body does not mention a name the initiating method declares.
        /// </summary>
        private static (SyntaxNode Callback, SyntaxNode Body, IParameterSymbol Parameter, MethodDeclarationSyntax? Method)? Callback(
            ExpressionSyntax expression, IMethodSymbol function, SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
        {
            if (expression is AnonymousFunctionExpressionSyntax lambda)
            {
                if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                    || CallbackParameter(lambda) is not { } parameterSyntax
                    || model.GetDeclaredSymbol(parameterSyntax, cancellationToken) is not IParameterSymbol lambdaParameter)
                {
                    return null;
                }

                return (lambda, lambda.Body, lambdaParameter, null);
            }

            if (expression is not IdentifierNameSyntax
                || model.GetSymbolInfo(expression, cancellationToken).Symbol is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, function.ContainingType)
                || method.DeclaredAccessibility != Accessibility.Private
                || method.IsVirtual || method.IsOverride || method.IsAbstract || method.IsGenericMethod || method.IsAsync
                || method.ContainingType.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: { } body, ParameterList.Parameters.Count: 1 } declaration
                || declaration.SyntaxTree != expression.SyntaxTree
                || declaration.Parent is not TypeDeclarationSyntax type
                || model.GetDeclaredSymbol(declaration.ParameterList.Parameters[0], cancellationToken) is not IParameterSymbol parameter)
            {
                return null;
            }

            var references = 0;
            foreach (var token in type.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == method.Name)
                {
                    references++;
                }
            }

            if (references != 2)
            {
                return null;
            }

            // Moved into the initiating method, the body must not meet its parameters and locals.
            var ownerNames = DeclaredNames.Of(owner, includeParameters: true, intoNestedFunctions: true);
            foreach (var token in body.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && ownerNames.Contains(token.ValueText))
                {
                    return null;
                }
            }

            return (declaration, body, parameter, declaration);
        }

        /// <summary><c>ar.AsyncState</c>, possibly cast (<c>(Stream)ar.AsyncState</c>, <c>ar.AsyncState as Stream</c>) and parenthesized.</summary>
        private static bool ReadsState(ExpressionSyntax expression, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            var current = expression;
            while (true)
            {
                switch (current)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        current = cast.Expression;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asExpression:
                        current = asExpression.Left;
                        continue;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                        current = bang.Operand;
                        continue;
                }

                break;
            }

            return current is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsyncState", Expression: IdentifierNameSyntax target }
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, parameter);
        }

        private static ParameterSyntax? CallbackParameter(AnonymousFunctionExpressionSyntax callback)
        {
            return callback switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
                AnonymousMethodExpressionSyntax { ParameterList.Parameters.Count: 1 } anonymous => anonymous.ParameterList.Parameters[0],
                _ => null,
            };
        }

        /// <summary>A receiver that names the same object each time it is evaluated: <c>this</c>, a local, a parameter, a readonly field.</summary>
        private static bool IsStableReceiver(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
        {
            if (receiver is ThisExpressionSyntax)
            {
                return true;
            }

            // A static pair's receiver is its type: naming it does nothing.
            if (receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax or PredefinedTypeSyntax
                && model.GetSymbolInfo(receiver, cancellationToken).Symbol is INamedTypeSymbol)
            {
                return true;
            }

            return receiver is IdentifierNameSyntax
                && model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol { IsReadOnly: true };
        }

        private static bool SameReceiver(ExpressionSyntax begin, ExpressionSyntax end, SemanticModel model, CancellationToken cancellationToken)
        {
            if (begin is ThisExpressionSyntax || end is ThisExpressionSyntax)
            {
                return begin is ThisExpressionSyntax && end is ThisExpressionSyntax;
            }

            var beginSymbol = model.GetSymbolInfo(begin, cancellationToken).Symbol;
            return beginSymbol is not null && SymbolEqualityComparer.Default.Equals(beginSymbol, model.GetSymbolInfo(end, cancellationToken).Symbol);
        }
    }
}
