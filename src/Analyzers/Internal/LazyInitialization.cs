using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// A lazy initializer that never runs: <c>if (_core == null) _core = GetCoreAsync().Result;</c> (or <c>_core ??= ...</c>,
    /// <c>_core ?? (_core = ...)</c>) in a member of a type whose every constructor sets <c>_core</c> and that never sets it
    /// back to null. Once the object exists the field is set, so the blocking call on that branch does not run on any path
    /// but the constructor's own (which is not an async path). Syntax only, read when a rule is about to report.
    /// </summary>
    internal static class LazyInitialization
    {
        public static bool IsDeadAfterConstruction(IOperation site, CancellationToken cancellationToken)
        {
            var child = site;
            for (var parent = site.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                IFieldSymbol? field = parent switch
                {
                    IAnonymousFunctionOperation or ILocalFunctionOperation => null,
                    IConditionalOperation conditional when ReferenceEquals(child, conditional.WhenTrue) => NullTestedField(conditional.Condition),
                    ICoalesceAssignmentOperation coalesce when ReferenceEquals(child, coalesce.Value) => OwnField(coalesce.Target),
                    ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull) => OwnField(coalesce.Value),
                    _ => null,
                };

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (field is not null)
                {
                    return !InConstructor(parent) && IsSetByEveryConstructor(field, cancellationToken);
                }
            }

            return false;
        }

        /// <summary><c>f == null</c>, <c>null == f</c>, <c>f is null</c> for an instance field of this object.</summary>
        private static IFieldSymbol? NullTestedField(IOperation condition)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return equals.RightOperand.IsNullConstant() ? OwnField(equals.LeftOperand) : equals.LeftOperand.IsNullConstant() ? OwnField(equals.RightOperand) : null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: { } constant } } isNull when constant.IsNullConstant():
                    return OwnField(isNull.Value);
                default:
                    return null;
            }
        }

        private static IFieldSymbol? OwnField(IOperation operation)
            => operation.WalkDownConversion() is IFieldReferenceOperation { Field: { IsStatic: false, IsConst: false } field, Instance: null or IInstanceReferenceOperation }
                ? field
                : null;

        private static bool InConstructor(IOperation operation)
        {
            var root = operation;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            return root is IConstructorBodyOperation || root.Syntax is ConstructorDeclarationSyntax;
        }

        private static bool IsSetByEveryConstructor(IFieldSymbol field, CancellationToken cancellationToken)
        {
            var type = field.ContainingType;
            if (type is null || type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            var initialized = false;
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value } && !IsNullLiteral(value))
                {
                    initialized = true;
                }
            }

            if (!initialized)
            {
                foreach (var constructor in type.InstanceConstructors)
                {
                    if (constructor.DeclaringSyntaxReferences.IsEmpty)
                    {
                        return false;
                    }

                    foreach (var reference in constructor.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration || !Sets(declaration, field.Name))
                        {
                            return false;
                        }
                    }
                }
            }

            // Never set back to null anywhere in the type.
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax assignment && IsNullLiteral(assignment.Right) && Names(assignment.Left, field.Name))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>Chains to another constructor of the type, or sets the field by a top-level statement of its body.</summary>
        private static bool Sets(ConstructorDeclarationSyntax constructor, string name)
        {
            if (constructor.Initializer is { } initializer && initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
            {
                return true;
            }

            if (constructor.ExpressionBody is { Expression: AssignmentExpressionSyntax bodyAssignment })
            {
                return IsSetting(bodyAssignment, name);
            }

            if (constructor.Body is null)
            {
                return false;
            }

            foreach (var statement in constructor.Body.Statements)
            {
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && IsSetting(assignment, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSetting(AssignmentExpressionSyntax assignment, string name)
            => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && Names(assignment.Left, name) && !IsNullLiteral(assignment.Right);

        private static bool Names(ExpressionSyntax expression, string name)
            => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
                _ => false,
            };

        private static bool IsNullLiteral(ExpressionSyntax expression)
            => expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression)
                || (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang && IsNullLiteral(bang.Operand));
    }
}
