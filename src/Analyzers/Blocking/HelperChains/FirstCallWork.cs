using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Work a helper does only the first time it runs, then keeps and uses: lazy initialization and memoized preparation.
    /// <list type="bullet">
    /// <item><c>if (!_bound) { ...; _bound = true; } ... use(_binding)</c> and <c>if (_x == null) { _x = Load(); } return _x;</c>:
    /// an <c>if</c> whose branch runs only while a field (or auto-property) of the object, or a static one, is still unset,
    /// that sets it, and whose method then reads something the branch assigned;</item>
    /// <item><c>_x ??= Load()</c> and <c>_x ?? (_x = Load())</c>;</item>
    /// <item><c>if (_x != null) return _x; ... _x = Load(); ...</c>: an early return of the kept value, then the work that sets it.</item>
    /// </list>
    /// A blocking operation there blocks only the first caller per object (per process for a static field), so ASYNC105 does
    /// not report every call site of the helper; ASYNC107 reports the work once, where it is guarded. Teardown guarded by a
    /// flag (<c>if (!_disposed) { ...; _disposed = true; }</c>) is not first-call work: nothing after it uses what it did.
    /// </summary>
    internal static class FirstCallWork
    {
        /// <summary>True when <paramref name="operation"/>, in the body of the method being summarized, runs only on the first call.</summary>
        public static bool IsFirstCallOnly(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILocalFunctionOperation:
                    case IAnonymousFunctionOperation { Symbol.IsAsync: true }:
                        return false;
                    case IConditionalOperation conditional when ReferenceEquals(child, conditional.WhenTrue) && IsFirstCallBranch(conditional):
                        return true;
                    case ICoalesceAssignmentOperation coalesce when ReferenceEquals(child, coalesce.Value)
                        && GuardSymbol(coalesce.Target) is { } filled && IsKeptForGood(filled, coalesce):
                        return true;
                    case ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull)
                        && GuardSymbol(coalesce.Value) is { } kept && SetsGuard(coalesce.WhenNull, kept) && IsKeptForGood(kept, coalesce):
                        return true;
                    case IBlockOperation block when EarlyReturnOfKeptValue(block) is var guardIndex && guardIndex >= 0
                        && block.Operations.IndexOf(child) > guardIndex:
                        return true;
                }
            }

            return false;
        }

        // Per guard, what it decides: every blocking edge under the same guard asks again, and the answer needs walks over
        // the branch and the rest of the body. Weak: operation trees belong to semantic models the driver drops.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, object> Decided = new();

        /// <summary>An <c>if</c> whose true branch is first-call work (see the class summary).</summary>
        private static bool IsFirstCallBranch(IConditionalOperation conditional)
        {
            var answer = Decided.GetValue(conditional, c =>
            {
                var test = (IConditionalOperation)c;
                return UnsetTest(test.Condition, conjunction: true) is { } guard
                    && SetsGuard(test.WhenTrue, guard)
                    && UsesAfterwards(test, test.Root())
                    && IsKeptForGood(guard, test)
                    ? Boxes.True
                    : Boxes.False;
            });
            return answer == Boxes.True;
        }

        /// <summary>
        /// The index in <paramref name="block"/> of the first <c>if (_x != null) return _x;</c> (any kept value) whose field
        /// a later statement of the block sets: the statements after it run only until it is set. -1 when there is none.
        /// </summary>
        private static int EarlyReturnOfKeptValue(IBlockOperation block)
        {
            return (int)Decided.GetValue(block, b =>
            {
                var operations = ((IBlockOperation)b).Operations;
                for (var i = 0; i < operations.Length; i++)
                {
                    if (operations[i] is IConditionalOperation { WhenFalse: null, WhenTrue: var whenTrue, Condition: var condition }
                        && ReturnsAKeptValue(whenTrue)
                        && SetTest(condition) is { } guard
                        && IsKeptForGood(guard, operations[i]))
                    {
                        for (var j = i + 1; j < operations.Length; j++)
                        {
                            if (SetsGuard(operations[j], guard))
                            {
                                return i;
                            }
                        }
                    }
                }

                return -1;
            });
        }

        /// <summary>
        /// The kept value stays set once set: only its own type can write it (a private field, or an auto-property with no
        /// setter or a private one), and nothing in the type sets it back to unset (<c>null</c>, <c>false</c>,
        /// <c>default</c>) except a constructor or <c>Dispose</c>/<c>DisposeAsync</c>. A flag cleared after every use
        /// (<c>finally { _bound = false; }</c> in the method that consumes what was prepared) makes the work run on every
        /// use, not on the first one.
        /// </summary>
        private static bool IsKeptForGood(ISymbol guard, IOperation anywhere)
        {
            var ownedByTheType = guard switch
            {
                IFieldSymbol field => field.DeclaredAccessibility == Accessibility.Private,
                IPropertySymbol property => property.SetMethod is null or { DeclaredAccessibility: Accessibility.Private },
                _ => false,
            };
            if (!ownedByTheType || guard.ContainingType is not { } type || anywhere.SemanticModel?.Compilation is not { } compilation
                || TypeReferences.Of(guard, type.DeclaringSyntaxReferences, compilation, System.Threading.CancellationToken.None) is not { } uses)
            {
                return false;
            }

            foreach (var (name, _) in uses)
            {
                var assignment = TypeReferences.AssignmentTo(name, out var writtenOtherwise);
                if (writtenOtherwise)
                {
                    return false;
                }

                if (assignment is not null && Unsets(assignment) && !InConstructionOrDisposal(assignment))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>f = null</c>, <c>f = false</c>, <c>f = default</c> (also with <c>!</c>), or a compound write other than <c>??=</c>.</summary>
        private static bool Unsets(Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax assignment)
        {
            if (!assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression))
            {
                // '??=' only fills it; any other compound write ('&=', '-=') may clear it.
                return !assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceAssignmentExpression);
            }

            var value = assignment.Right;
            while (value is Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax suppressed
                && suppressed.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression))
            {
                value = suppressed.Operand;
            }

            return value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression)
                || value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression)
                || value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DefaultLiteralExpression)
                || value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DefaultExpression);
        }

        /// <summary>Inside a constructor, a <c>Dispose</c>/<c>DisposeAsync</c> method or a finalizer: the object's first or last state.</summary>
        private static bool InConstructionOrDisposal(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.DestructorDeclarationSyntax:
                        return true;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method:
                        return method.Identifier.ValueText is "Dispose" or "DisposeAsync";
                    case Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax:
                    case Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>A field or auto-property of this object (or a static one): the place first-call work keeps its result.</summary>
        private static ISymbol? GuardSymbol(IOperation? operation)
        {
            switch (operation?.WalkDownConversion())
            {
                case IFieldReferenceOperation { Field: var field, Instance: var instance } when field.IsStatic || instance is IInstanceReferenceOperation:
                    return field.OriginalDefinition;
                case IPropertyReferenceOperation { Property: { Parameters.IsEmpty: true } property, Instance: var instance }
                    when (property.IsStatic || instance is IInstanceReferenceOperation) && IsAutoProperty(property):
                    return property.OriginalDefinition;
                default:
                    return null;
            }
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            var getter = property.GetMethod;
            if (getter is null || getter.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            return getter.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
        }

        /// <summary>
        /// The kept field a condition requires to be unset (<c>!_bound</c>, <c>_x == null</c>, <c>_x is null</c>,
        /// <c>!_x.HasValue</c>), alone or as one operand of <c>&amp;&amp;</c> when <paramref name="conjunction"/>.
        /// </summary>
        private static ISymbol? UnsetTest(IOperation condition, bool conjunction)
        {
            switch (condition.WalkDownConversion())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                    return IsBoolean(operand) ? GuardSymbol(operand) : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when conjunction:
                    return UnsetTest(both.LeftOperand, conjunction) ?? UnsetTest(both.RightOperand, conjunction);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsNullOrFalse(equals.RightOperand) ? GuardSymbol(equals.LeftOperand)
                        : IsNullOrFalse(equals.LeftOperand) ? GuardSymbol(equals.RightOperand)
                        : null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant }, Value: var tested } when IsNullOrFalse(constant):
                    return GuardSymbol(tested);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The kept field a condition finds already set (<c>_x != null</c>, <c>_x is not null</c>, <c>_x is { } x</c>,
        /// <c>_ready</c>, <c>_x.HasValue</c>), alone or as one operand of <c>||</c>.
        /// </summary>
        private static ISymbol? SetTest(IOperation condition)
        {
            switch (condition.WalkDownConversion())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return SetTest(either.LeftOperand) ?? SetTest(either.RightOperand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return IsNull(notEquals.RightOperand) ? GuardSymbol(notEquals.LeftOperand)
                        : IsNull(notEquals.LeftOperand) ? GuardSymbol(notEquals.RightOperand)
                        : null;
                case IIsPatternOperation { Pattern: var pattern, Value: var tested }
                    when pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var negated } } ? IsNull(negated)
                        : pattern is IDeclarationPatternOperation or IRecursivePatternOperation or ITypePatternOperation:
                    return GuardSymbol(tested);
                case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: var nullable }:
                    return GuardSymbol(nullable);
                case var flag when flag is not null && IsBoolean(flag):
                    return GuardSymbol(flag);
                default:
                    return null;
            }
        }

        private static bool IsBoolean(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

        private static bool IsNull(IOperation operation)
            => operation.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: null } } || operation.WalkDownConversion() is IDefaultValueOperation { Type.IsReferenceType: true };

        private static bool IsNullOrFalse(IOperation operation)
            => IsNull(operation) || operation.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: false } };

        /// <summary>The region assigns the kept field a set value: <c>true</c>, or anything but <c>null</c>.</summary>
        private static bool SetsGuard(IOperation region, ISymbol guard)
        {
            foreach (var operation in Descendants(region))
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: var target, Value: var value } when SymbolEqualityComparer.Default.Equals(GuardSymbol(target), guard):
                        if (!IsNullOrFalse(value))
                        {
                            return true;
                        }

                        break;
                    case ICoalesceAssignmentOperation { Target: var target } when SymbolEqualityComparer.Default.Equals(GuardSymbol(target), guard):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// After the guarded <c>if</c> (in source order, in the same body) something reads a field the branch assigned: the
        /// method uses what the first call prepared, rather than only marking the object done.
        /// </summary>
        private static bool UsesAfterwards(IConditionalOperation conditional, IOperation root)
        {
            var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in Descendants(conditional.WhenTrue))
            {
                if (operation is IAssignmentOperation { Target: var target } && GuardSymbol(target) is { } kept)
                {
                    assigned.Add(kept);
                }
            }

            if (assigned.Count == 0)
            {
                return false;
            }

            var end = conditional.Syntax.Span.End;
            foreach (var operation in Descendants(root))
            {
                if (operation.Syntax.SpanStart >= end
                    && operation is IFieldReferenceOperation or IPropertyReferenceOperation
                    && !(operation.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation))
                    && GuardSymbol(operation) is { } read && assigned.Contains(read))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReturnsAKeptValue(IOperation statement)
        {
            if (statement is IBlockOperation { Operations: { Length: > 0 } operations })
            {
                statement = operations[operations.Length - 1];
            }

            return statement is IReturnOperation { ReturnedValue: { } value }
                && (GuardSymbol(value) is not null || value.WalkDownConversion() is ILocalReferenceOperation);
        }

        /// <summary>The operations of a region, not entering nested functions.</summary>
        private static IEnumerable<IOperation> Descendants(IOperation region)
        {
            var pending = new Stack<IOperation>();
            pending.Push(region);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                yield return operation;
                foreach (var child in operation.ChildOperations)
                {
                    if (child is not (ILocalFunctionOperation or IAnonymousFunctionOperation))
                    {
                        pending.Push(child);
                    }
                }
            }
        }
    }
}
