using System.Collections.Generic;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Work a helper does only the first time it runs, then keeps and uses: lazy initialization and memoized preparation.
    /// <list type="bullet">
    /// <item><c>if (!_bound) { ...; _bound = true; } ... use(_binding)</c> and <c>if (_x == null) { _x = Load(); } return _x;</c>:
    /// an <c>if</c> whose branch runs only while a kept value is unset, that sets it on every path through the branch,
    /// and whose method then reads something the branch assigned;</item>
    /// <item><c>_x ??= Load()</c> and <c>_x ?? (_x = Load())</c>;</item>
    /// <item><c>if (_x != null) return _x; ... _x = Load(); ...</c>: an early return of the kept value, then statements that set it.</item>
    /// </list>
    /// The kept value is a field or auto-property that only its own type can write (a private field, an auto-property with
    /// no setter or a private one), of a class or a static one (a struct is copied, and each copy starts unset), and that
    /// the member holding the work does not set back to unset outside the work. A blocking operation there blocks only the
    /// first caller per object (per process for a static value), or the first caller after another member of the type resets
    /// the value; which call site that is depends on the order calls run in, so ASYNC105 does not report every call site of
    /// the helper, and ASYNC107 reports the work once, where it is guarded, naming the members that reset it. Teardown guarded
    /// by a flag (<c>if (!_disposed) { ...; _disposed = true; }</c>) is not first-call work: nothing after it uses what it did.
    /// </summary>
    internal static class FirstCallWork
    {
        /// <summary>
        /// The kept value that makes <paramref name="operation"/>, in the body of the method being summarized, run only on
        /// the first call; null when it runs on every call.
        /// </summary>
        public static ISymbol? GuardOf(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILocalFunctionOperation:
                    case IAnonymousFunctionOperation { Symbol.IsAsync: true }:
                        return null;
                    case IConditionalOperation conditional when ReferenceEquals(child, conditional.WhenTrue)
                        && FirstCallBranchGuard(conditional) is { } branchGuard:
                        return branchGuard;
                    case ICoalesceAssignmentOperation coalesce when ReferenceEquals(child, coalesce.Value)
                        && GuardSymbol(coalesce.Target) is { } filled && IsKeptForGood(filled, coalesce.Syntax):
                        return filled;
                    case ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull)
                        && GuardSymbol(coalesce.Value) is { } kept && SetsGuard(coalesce.WhenNull, kept) && IsKeptForGood(kept, coalesce.Syntax):
                        return kept;
                    case IBlockOperation block when EarlyReturnOfKeptValue(block) is { } early && block.Operations.IndexOf(child) > early.Index:
                        return early.Guard;
                }
            }

            return null;
        }

        // Per guard, what it decides: every blocking edge under the same guard asks again, and the answer needs walks over
        // the branch and the rest of the body. Weak: operation trees belong to semantic models the driver drops.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, object> Decided = new();

        // Per kept value, every write of it in its type (read once per symbol, whatever number of guards test it).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISymbol, Writes> WritesOf = new();

        private static readonly object NoGuard = new object();

        /// <summary>The kept value of an <c>if</c> whose true branch is first-call work (see the class summary), or null.</summary>
        private static ISymbol? FirstCallBranchGuard(IConditionalOperation conditional)
        {
            var answer = Decided.GetValue(conditional, c =>
            {
                var test = (IConditionalOperation)c;
                return UnsetTest(test.Condition, conjunction: true) is { } guard
                    && SetsGuard(test.WhenTrue, guard)
                    && UsesAfterwards(test, test.Root())
                    && IsKeptForGood(guard, test.WhenTrue.Syntax)
                    ? guard
                    : NoGuard;
            });
            return answer as ISymbol;
        }

        private sealed class EarlyReturn
        {
            public EarlyReturn(int index, ISymbol guard)
            {
                Index = index;
                Guard = guard;
            }

            public int Index { get; }

            public ISymbol Guard { get; }
        }

        /// <summary>
        /// The first <c>if (_x != null) return _x;</c> (any kept value) in <paramref name="block"/> whose value a later
        /// statement of the block sets on every path through it: the statements after it run only until it is set.
        /// </summary>
        private static EarlyReturn? EarlyReturnOfKeptValue(IBlockOperation block)
        {
            return Decided.GetValue(block, b =>
            {
                var operations = ((IBlockOperation)b).Operations;
                for (var i = 0; i < operations.Length; i++)
                {
                    if (operations[i] is IConditionalOperation { WhenFalse: null, WhenTrue: var whenTrue, Condition: var condition }
                        && ReturnsAKeptValue(whenTrue)
                        && SetTest(condition) is { } guard)
                    {
                        for (var j = i + 1; j < operations.Length; j++)
                        {
                            if (SetsGuard(operations[j], guard))
                            {
                                return IsKeptForGood(guard, b.Syntax) ? new EarlyReturn(i, guard) : NoGuard;
                            }
                        }
                    }
                }

                return NoGuard;
            }) as EarlyReturn;
        }


        /// <summary>
        /// A field or auto-property of this object (or a static one): the place first-call work keeps its result. Not an
        /// instance member of a struct: a struct is copied, and each copy starts unset.
        /// </summary>
        private static ISymbol? GuardSymbol(IOperation? operation)
        {
            switch (operation?.WalkDownConversion())
            {
                case IFieldReferenceOperation { Field: var field, Instance: var instance }
                    when field.IsStatic || (instance is IInstanceReferenceOperation && field.ContainingType is { IsValueType: false }):
                    return field.OriginalDefinition;
                case IPropertyReferenceOperation { Property: { Parameters.IsEmpty: true } property, Instance: var instance }
                    when (property.IsStatic || (instance is IInstanceReferenceOperation && property.ContainingType is { IsValueType: false })) && AutoProperties.IsAuto(property):
                    return property.OriginalDefinition;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The kept value a condition requires to be unset (<c>!_bound</c>, <c>_x == null</c>, <c>_x is null</c>), alone or
        /// as one operand of <c>&amp;&amp;</c> when <paramref name="conjunction"/>.
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
        /// The kept value a condition finds already set: <c>_x != null</c>, <c>_x is not null</c>, <c>_x is { } x</c>,
        /// <c>_x is T t</c>, <c>_ready</c>, alone or as one operand of <c>||</c>. A pattern that asks more of the value
        /// (<c>_x is { Length: &gt; 0 }</c>) is not a set test: a value kept but failing it sends every call to the work.
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
                case IIsPatternOperation { Pattern: var pattern, Value: var tested } when IsNonNullPattern(pattern):
                    return GuardSymbol(tested);
                case var flag when flag is not null && IsBoolean(flag):
                    return GuardSymbol(flag);
                default:
                    return null;
            }
        }

        private static bool IsNonNullPattern(IPatternOperation pattern)
            => pattern switch
            {
                INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var negated } } => IsNull(negated),
                IDeclarationPatternOperation or ITypePatternOperation => true,
                IRecursivePatternOperation recursive => recursive.PropertySubpatterns.IsEmpty && recursive.DeconstructionSubpatterns.IsEmpty,
                _ => false,
            };

        private static bool IsBoolean(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

        private static bool IsNull(IOperation operation)
            => operation.IsNullConstant() || operation.WalkDownConversion() is IDefaultValueOperation { Type.IsReferenceType: true };

        private static bool IsNullOrFalse(IOperation operation)
            => IsNull(operation) || operation.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: false } };

        /// <summary>
        /// The region sets the kept value on every path through it: <c>_bound = true</c> for a flag, anything but
        /// <c>null</c> or <c>default</c> otherwise, as a statement that no <c>if</c>, loop, <c>switch</c> or <c>catch</c>
        /// of the region skips.
        /// </summary>
        private static bool SetsGuard(IOperation region, ISymbol guard)
        {
            var flag = guard is IFieldSymbol { Type.SpecialType: SpecialType.System_Boolean } or IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean };
            foreach (var operation in Descendants(region))
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: var target, Value: var value } when SymbolEqualityComparer.Default.Equals(GuardSymbol(target), guard):
                        if ((flag ? value.WalkDownConversion() is { ConstantValue: { HasValue: true, Value: true } } : !IsNullOrFalse(value))
                            && IsUnconditional(operation, region))
                        {
                            return true;
                        }

                        break;
                    case ICoalesceAssignmentOperation { Target: var target } when SymbolEqualityComparer.Default.Equals(GuardSymbol(target), guard) && IsUnconditional(operation, region):
                        return true;
                }
            }

            return false;
        }

        /// <summary>Nothing between <paramref name="operation"/> and <paramref name="region"/> decides whether it runs.</summary>
        private static bool IsUnconditional(IOperation operation, IOperation region)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(child, region); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IBlockOperation:
                    case IExpressionStatementOperation:
                    case ILockOperation:
                    case IUsingOperation:
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case ISimpleAssignmentOperation:
                    case ILabeledOperation:
                        continue;
                    case ITryOperation attempt when ReferenceEquals(child, attempt.Body) || ReferenceEquals(child, attempt.Finally):
                        continue;
                    default:
                        return false;
                }
            }

            return true;
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

        /// <summary>
        /// The kept value stays set until something else sets it back: only its own type can write it, and the member that
        /// holds the work (<paramref name="holder"/>) does not set it back on its own path (<see cref="ResetKind.OnPath"/>,
        /// directly or through its calls), which would make every call do the work again. Writes elsewhere in the type that may unset it (a <c>Reset</c>, <c>Invalidate</c>, or the
        /// consumer that clears a flag after each use) start a new cycle: the work runs again on the first call after them,
        /// which is still not every call, and the report says which members reset the value (<see cref="ResettersOf"/>).
        /// A constructor of the same kind (static or instance) and <c>Dispose</c>/<c>DisposeAsync</c> do not count: they are
        /// the object's first and last states. Any write that is not plainly a set value counts as a possible reset: a
        /// parameter, a cast of <c>null</c>, a tuple, a <c>ref</c> or <c>out</c> argument.
        /// </summary>
        private static bool IsKeptForGood(ISymbol guard, SyntaxNode holder)
        {
            if (WriterAccess(guard) is not (Accessibility.Private or Accessibility.ProtectedAndInternal) || guard.ContainingType is null)
            {
                return false;
            }

            var writes = WritesOf.GetValue(guard, g => Writes.Read(g));
            return !writes.Unknown && MemberOf(holder) is { } member && !writes.ResetsOnItsPath(member, guard, null);
        }

        /// <summary>
        /// <paramref name="method"/> (a step of a helper chain above first-call work, or the async function that calls it)
        /// sets <paramref name="guard"/> back to unset on its own path, itself or through calls of members that do: the work
        /// below runs again on every call of it (<c>Reload() { text = null; return Text; }</c>).
        /// </summary>
        public static bool ResetsOnItsPath(IMethodSymbol method, ISymbol guard)
        {
            if (!guard.IsStatic && !IsSameOrDerived(method.ContainingType, guard.ContainingType))
            {
                // An instance value: only members of its type (or a derived one) reach it on their own object.
                return false;
            }

            var writes = WritesOf.GetValue(guard.OriginalDefinition, g => Writes.Read(g));
            if (writes.Unknown || !writes.HasResetsOnAPath)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (MemberOf(reference.GetSyntax()) is { } member && writes.ResetsOnItsPath(member, guard, null))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSameOrDerived(INamedTypeSymbol? type, INamedTypeSymbol? ancestor)
        {
            for (var current = type; current is not null && ancestor is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where a write of the kept value sits in its member, which decides what it means.</summary>
        private enum ResetKind
        {
            /// <summary>The work that fills the value storing it (<c>if (x == null) { var v = Load(); x = v; }</c>): no reset.</summary>
            Store,

            /// <summary>On every run of the member: after the work, outside it, or a plain clear inside it.</summary>
            OnPath,

            /// <summary>In a lambda: a callback that runs later (a file watcher clearing a cache).</summary>
            Callback,

            /// <summary>In a <c>catch</c>: a failed run.</summary>
            Failure,

            /// <summary>Under a test of the value and of something else (<c>if (bound &amp;&amp; format != required)</c>): a stale value dropped.</summary>
            Revalidation,
        }

        /// <summary>
        /// What a write (or a call of a member that resets the value) means where it sits, from the node up to its member:
        /// in a lambda, a <c>catch</c>, the body of an <c>if</c> that runs while the value is unset or that follows an
        /// early return of the set value (the work: a store, unless a plain clear), or under a test of the value joined with
        /// another condition by <c>&amp;&amp;</c> (re-validation). Anything else runs on the member's path.
        /// </summary>
        private static ResetKind Classify(SyntaxNode node, SyntaxNode member, ISymbol guard)
        {
            var inWork = false;
            var child = node;
            for (var current = node.Parent; current is not null && current != member; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                        return ResetKind.Callback;
                    case CatchClauseSyntax:
                        return ResetKind.Failure;
                    case IfStatementSyntax test when child == test.Statement:
                        if (IsUnsetTest(test.Condition, guard))
                        {
                            inWork = true;
                        }
                        else if (IsStaleTest(test.Condition, guard))
                        {
                            return ResetKind.Revalidation;
                        }

                        break;
                    case BlockSyntax block when child is StatementSyntax statement && FollowsEarlyReturn(block, statement, guard):
                        inWork = true;
                        break;
                }
            }

            return inWork && !IsPlainClear(node) ? ResetKind.Store : ResetKind.OnPath;
        }

        private static bool Names(ExpressionSyntax expression, ISymbol guard)
        {
            expression = Unparenthesized(expression);

            return expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == guard.Name,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax or IdentifierNameSyntax, Name: var name } => name.Identifier.ValueText == guard.Name,
                _ => false,
            };
        }

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary><c>!bound</c>, <c>x == null</c>, <c>x is null</c>, <c>bound == false</c>, or one of them joined by <c>&amp;&amp;</c>.</summary>
        private static bool IsUnsetTest(ExpressionSyntax condition, ISymbol guard)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsUnsetTest(parenthesized.Expression, guard);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var operand }:
                    return Names(operand, guard);
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both:
                    return IsUnsetTest(both.Left, guard) || IsUnsetTest(both.Right, guard);
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals:
                    return (Names(equals.Left, guard) && IsNullOrFalseLiteral(equals.Right)) || (Names(equals.Right, guard) && IsNullOrFalseLiteral(equals.Left));
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant }, Expression: var tested }:
                    return Names(tested, guard) && IsNullOrFalseLiteral(constant);
                default:
                    return false;
            }
        }

        /// <summary><c>bound &amp;&amp; format != required</c>: the value is set and something else says it no longer fits.</summary>
        private static bool IsStaleTest(ExpressionSyntax condition, ISymbol guard)
        {
            condition = Unparenthesized(condition);

            return condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both
                && ((IsSetTest(both.Left, guard) && !Mentions(both.Right, guard)) || (IsSetTest(both.Right, guard) && !Mentions(both.Left, guard))
                    || IsStaleTest(both.Left, guard) || IsStaleTest(both.Right, guard));
        }

        /// <summary><c>bound</c>, <c>x != null</c>, <c>x is not null</c>, <c>x is { }</c>.</summary>
        private static bool IsSetTest(ExpressionSyntax condition, ISymbol guard)
        {
            condition = Unparenthesized(condition);

            return condition switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } notEquals
                    => (Names(notEquals.Left, guard) && IsNullOrFalseLiteral(notEquals.Right)) || (Names(notEquals.Right, guard) && IsNullOrFalseLiteral(notEquals.Left)),
                IsPatternExpressionSyntax { Expression: var tested } => Names(tested, guard),
                _ => Names(condition, guard),
            };
        }

        private static bool IsNullOrFalseLiteral(ExpressionSyntax expression)
            => expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.FalseLiteralExpression)
                || expression.IsKind(SyntaxKind.DefaultLiteralExpression);

        /// <summary>An earlier statement of the block is <c>if (x != null) return x;</c> (a set test, then a return): what follows is the work.</summary>
        private static bool FollowsEarlyReturn(BlockSyntax block, StatementSyntax statement, ISymbol guard)
        {
            foreach (var earlier in block.Statements)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IfStatementSyntax { Else: null, Condition: var condition, Statement: var then }
                    && (then is ReturnStatementSyntax || then is BlockSyntax { Statements: { Count: > 0 } inner } && inner[inner.Count - 1] is ReturnStatementSyntax)
                    && IsSetTest(condition, guard))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Mentions(SyntaxNode condition, ISymbol guard)
        {
            foreach (var node in condition.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == guard.Name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>x = null</c>, <c>x = default</c>, <c>x = false</c>.</summary>
        private static bool IsPlainClear(SyntaxNode reset)
        {
            if (reset is not AssignmentExpressionSyntax { Right: var value })
            {
                return false;
            }

            value = Unparenthesized(value);

            return IsNullOrFalseLiteral(value);
        }

        /// <summary>
        /// What may set <paramref name="guard"/> back to unset, besides the member holding <paramref name="site"/> (the guarded
        /// work) on its own path: after each of them the work runs again. As phrases for the message ("'Write'", "the 'Text'
        /// setter", "a callback in 'Load'", "a 'Settings' constructor"), distinct, in source order. Empty when the value, once
        /// set, stays set (the work runs on the first call only). Stores by the work and resets of a failed run are left out.
        /// </summary>
        public static List<string> ResettersOf(ISymbol guard, SyntaxNode site)
        {
            var names = new List<string>();
            var writes = WritesOf.GetValue(guard.OriginalDefinition, g => Writes.Read(g));
            var holder = MemberOf(site);
            foreach (var reset in writes.Resets)
            {
                var member = MemberOf(reset);
                var kind = member is null ? ResetKind.OnPath : Classify(reset, member, guard);
                var phrase = kind switch
                {
                    ResetKind.Store or ResetKind.Failure => null,
                    ResetKind.Callback => "a callback in " + Describe(member!, guard),
                    _ when member is null => "another member",
                    _ when member == holder => Describe(member, guard) + " itself",
                    _ => Describe(member, guard),
                };

                if (phrase is not null && !names.Contains(phrase))
                {
                    names.Add(phrase);
                }
            }

            return names;
        }

        /// <summary>
        /// The member declaration a node belongs to: a method, constructor, operator or accessor (with the local functions
        /// and lambdas written in it), an expression-bodied property, or a field declaration; null outside any.
        /// </summary>
        private static SyntaxNode? MemberOf(SyntaxNode node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AccessorDeclarationSyntax:
                    case BaseMethodDeclarationSyntax:
                    case BasePropertyDeclarationSyntax:
                    case BaseFieldDeclarationSyntax:
                        return current;
                    case BaseTypeDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>"'Write'", "'Watcher.OnChange'" (a member of another type), "the 'Text' setter", "a 'Settings' constructor".</summary>
        private static string Describe(SyntaxNode member, ISymbol guard)
        {
            var type = member.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()?.Identifier.ValueText;
            var prefix = type is null || type == guard.ContainingType?.Name ? string.Empty : type + ".";
            switch (member)
            {
                case AccessorDeclarationSyntax accessor when accessor.Parent?.Parent is { } owner:
                    var ownerName = owner switch
                    {
                        PropertyDeclarationSyntax property => "'" + prefix + property.Identifier.ValueText + "'",
                        EventDeclarationSyntax @event => "'" + prefix + @event.Identifier.ValueText + "'",
                        _ => "indexer",
                    };
                    return accessor.Keyword.ValueText switch
                    {
                        "get" => "the " + ownerName + " getter",
                        "set" or "init" => "the " + ownerName + " setter",
                        _ => "the " + ownerName + " event accessor",
                    };
                case MethodDeclarationSyntax method:
                    return "'" + prefix + method.Identifier.ValueText + "'";
                case ConstructorDeclarationSyntax constructor:
                    return "a '" + constructor.Identifier.ValueText + "' constructor";
                case DestructorDeclarationSyntax destructor:
                    return "the '" + destructor.Identifier.ValueText + "' finalizer";
                case PropertyDeclarationSyntax property:
                    return "the '" + prefix + property.Identifier.ValueText + "' getter";
                case IndexerDeclarationSyntax:
                    return "the indexer";
                case OperatorDeclarationSyntax @operator:
                    return "'operator " + @operator.OperatorToken.ValueText + "'";
                case ConversionOperatorDeclarationSyntax:
                    return "a conversion operator";
                case BaseFieldDeclarationSyntax field:
                    return "the initializer of a field";
                default:
                    return "another member";
            }
        }

        /// <summary>
        /// Who can write the kept value: <see cref="Accessibility.Private"/> for a private field or an auto-property with no
        /// setter or a private one (its own type only), <see cref="Accessibility.ProtectedAndInternal"/> for a
        /// <c>private protected</c> one (its type and the types derived from it in this compilation), anything else when code
        /// this analysis cannot list may write it.
        /// </summary>
        private static Accessibility WriterAccess(ISymbol guard)
            => guard switch
            {
                IFieldSymbol field => field.DeclaredAccessibility,
                IPropertySymbol property when AutoProperties.IsAuto(property) => property.SetMethod is { } setter
                    ? (setter.DeclaredAccessibility == Accessibility.NotApplicable ? property.DeclaredAccessibility : setter.DeclaredAccessibility)
                    : Accessibility.Private,
                _ => Accessibility.NotApplicable,
            };

        /// <summary>Every write of a kept value in its type that may leave it unset (outside construction and disposal).</summary>
        private sealed class Writes
        {
            private readonly Compilation? compilation;

            // Per member declaration: whether it sets the value back on its own path (itself or through its calls).
            private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxNode, bool> onPath = new();

            private Writes(bool unknown, List<SyntaxNode> resets, ISymbol guard, Compilation? compilation)
            {
                Unknown = unknown;
                Resets = resets;
                this.compilation = compilation;
                CalledNames = new HashSet<string>();
                foreach (var reset in resets)
                {
                    if (MemberOf(reset) is { } member && Classify(reset, member, guard) == ResetKind.OnPath)
                    {
                        HasResetsOnAPath = true;
                        if (NameOfCallable(member) is { } name)
                        {
                            CalledNames.Add(name);
                        }
                    }
                }
            }

            /// <summary>The writes could not all be read (a part of the type outside the compilation, an unresolved name).</summary>
            public bool Unknown { get; }

            public List<SyntaxNode> Resets { get; }

            /// <summary>Some member sets the value back on its own path: only then can a call reset it.</summary>
            public bool HasResetsOnAPath { get; }

            /// <summary>
            /// Names of the members that set the value back on their path (methods, and properties for their setters): a call
            /// of another name cannot reset it directly. Calls are then bound to be sure.
            /// </summary>
            public HashSet<string> CalledNames { get; }

            /// <summary>
            /// The member sets the value back on its own path: a write there (<see cref="ResetKind.OnPath"/>), or a call (on
            /// this object, or any call for a static value) of a method or property setter that does, to any depth, that is
            /// not in a lambda, a <c>catch</c> or under a re-validation test. Cached per member.
            /// </summary>
            public bool ResetsOnItsPath(SyntaxNode member, ISymbol guard, HashSet<SyntaxNode>? visiting)
            {
                if (!HasResetsOnAPath)
                {
                    return false;
                }

                if (onPath.TryGetValue(member, out var known))
                {
                    return known;
                }

                visiting ??= new HashSet<SyntaxNode>();
                if (!visiting.Add(member))
                {
                    // A cycle of calls: the answer comes from the other members on it.
                    return false;
                }

                var answer = Decide(member, guard, visiting);
                visiting.Remove(member);
                onPath.TryAdd(member, answer);
                return answer;
            }

            private bool Decide(SyntaxNode member, ISymbol guard, HashSet<SyntaxNode> visiting)
            {
                foreach (var reset in Resets)
                {
                    if (reset.SyntaxTree == member.SyntaxTree && member.Span.Contains(reset.Span) && !InNestedLocalFunction(reset, member)
                        && CountsOnThePath(reset, member, guard))
                    {
                        return true;
                    }
                }

                if (compilation is null || !compilation.ContainsSyntaxTree(member.SyntaxTree))
                {
                    return false;
                }

                SemanticModel? model = null;
                foreach (var node in member.DescendantNodes(child => child == member || child is not LocalFunctionStatementSyntax))
                {
                    var (called, receiver) = node switch
                    {
                        InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => (identifier.Identifier.ValueText, (ExpressionSyntax?)null),
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => (access.Name.Identifier.ValueText, access.Expression),
                        AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } => (identifier.Identifier.ValueText, null),
                        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax access } => (access.Name.Identifier.ValueText, access.Expression),
                        _ => (null, null),
                    };
                    if (called is null || !CalledNames.Contains(called) && !MayReachAReset(called)
                        || (!guard.IsStatic && receiver is not (null or ThisExpressionSyntax or BaseExpressionSyntax))
                        || !CountsOnThePath(node, member, guard))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // The member may be in another tree than the one being analyzed.
                    model ??= compilation.GetSemanticModel(member.SyntaxTree);
#pragma warning restore RS1030
                    var target = node is AssignmentExpressionSyntax assignment
                        ? (model.GetSymbolInfo(assignment.Left).Symbol as IPropertySymbol)?.SetMethod
                        : model.GetSymbolInfo(node).Symbol as IMethodSymbol;
                    target = (target?.ReducedFrom ?? target)?.OriginalDefinition;
                    if (target is null)
                    {
                        continue;
                    }

                    foreach (var reference in target.DeclaringSyntaxReferences)
                    {
                        var declaration = reference.GetSyntax();
                        var callee = target.MethodKind == MethodKind.LocalFunction ? declaration : MemberOf(declaration);
                        if (callee is not null && ResetsOnItsPath(callee, guard, visiting))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>In a local function written inside <paramref name="function"/>: it runs when it is called, judged there.</summary>
            private static bool InNestedLocalFunction(SyntaxNode node, SyntaxNode function)
            {
                for (var current = node.Parent; current is not null && current != function; current = current.Parent)
                {
                    if (current is LocalFunctionStatementSyntax)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A write or a call that runs on the function's path: outside the work, or inside it after the work set the value
            /// (<c>if (!bound) { bound = true; ...; Unbind(); }</c>). Before the set, the set that follows undoes it.
            /// </summary>
            private static bool CountsOnThePath(SyntaxNode node, SyntaxNode function, ISymbol guard)
            {
                switch (Classify(node, function, guard))
                {
                    case ResetKind.OnPath when node is AssignmentExpressionSyntax { Left: var left } && Names(left, guard) && !IsPlainClear(node):
                        // A write of the value outside the work: a parameter, a local, a cast may leave it unset.
                        return true;
                    case ResetKind.OnPath:
                    case ResetKind.Store:
                        return WorkOf(node, function, guard) is not { } work || SetBefore(work, node, guard);
                    default:
                        return false;
                }
            }

            /// <summary>The region of the work around the node: the body of an <c>if</c> that runs while the value is unset, or the block after an early return.</summary>
            private static SyntaxNode? WorkOf(SyntaxNode node, SyntaxNode function, ISymbol guard)
            {
                var child = node;
                for (var current = node.Parent; current is not null && current != function; child = current, current = current.Parent)
                {
                    switch (current)
                    {
                        case IfStatementSyntax test when child == test.Statement && IsUnsetTest(test.Condition, guard):
                            return test.Statement;
                        case BlockSyntax block when child is StatementSyntax statement && FollowsEarlyReturn(block, statement, guard):
                            return block;
                    }
                }

                return null;
            }

            /// <summary>The work sets the value (not to null, default or false) somewhere before the node.</summary>
            private static bool SetBefore(SyntaxNode work, SyntaxNode node, ISymbol guard)
            {
                foreach (var candidate in work.DescendantNodes())
                {
                    if (candidate.SpanStart >= node.SpanStart)
                    {
                        break;
                    }

                    if (candidate is AssignmentExpressionSyntax { Left: var left } assignment && Names(left, guard) && !IsPlainClear(assignment))
                    {
                        return true;
                    }
                }

                return false;
            }

            // Names of the members of the value's types that call a resetting member (found once, transitively).
            private HashSet<string>? reaching;

            private bool MayReachAReset(string called)
            {
                var names = reaching;
                if (names is null)
                {
                    names = new HashSet<string>(CalledNames);
                    var members = new List<SyntaxNode>();
                    foreach (var reset in Resets)
                    {
                        if (MemberOf(reset)?.Parent is TypeDeclarationSyntax type)
                        {
                            foreach (var member in type.Members)
                            {
                                members.Add(member);
                            }
                        }
                    }

                    bool grew;
                    var rounds = 0;
                    do
                    {
                        grew = false;
                        foreach (var member in members)
                        {
                            if (NameOfCallable(member) is not { } name || names.Contains(name))
                            {
                                continue;
                            }

                            foreach (var node in member.DescendantNodes())
                            {
                                if (node is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText))
                                {
                                    names.Add(name);
                                    grew = true;
                                    break;
                                }
                            }
                        }
                    }
                    while (grew && ++rounds < 8);

                    reaching = names;
                }

                return names.Contains(called);
            }

            /// <summary>The name a call or an assignment uses to reach the member: a method's, or a property's for its setter.</summary>
            private static string? NameOfCallable(SyntaxNode member)
                => member switch
                {
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    _ => null,
                };

            public static Writes Read(ISymbol guard)
            {
                var resets = new List<SyntaxNode>();
                var type = guard.ContainingType;
                var compilation = type is null ? null : CompilationOf(type);
                if (type is null || compilation is null
                    || TypeReferences.Of(guard, WriterScopes(guard, type, compilation), compilation, System.Threading.CancellationToken.None) is not { } uses)
                {
                    return new Writes(unknown: true, resets, guard, compilation);
                }

                var flag = guard is IFieldSymbol { Type.SpecialType: SpecialType.System_Boolean } or IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean };
                foreach (var (name, _) in uses)
                {
                    var assignment = TypeReferences.AssignmentTo(name, out var writtenOtherwise);
                    SyntaxNode? write = writtenOtherwise ? name : assignment is not null && MayUnset(assignment, flag) ? assignment : null;
                    if (write is not null && !InConstructionOrDisposal(write, guard.IsStatic))
                    {
                        resets.Add(write);
                    }
                }

                return new Writes(unknown: false, resets, guard, compilation);
            }

            /// <summary>
            /// The declarations that can write the value: its type's, and for a <c>private protected</c> one those of the types
            /// derived from it in this compilation (friend assemblies, <c>InternalsVisibleTo</c>, are not seen).
            /// </summary>
            private static IEnumerable<SyntaxReference> WriterScopes(ISymbol guard, INamedTypeSymbol type, Compilation compilation)
            {
                var scopes = new List<SyntaxReference>(type.DeclaringSyntaxReferences);
                if (WriterAccess(guard) == Accessibility.ProtectedAndInternal
                    && DerivedTypes.GetValue(compilation, IndexDerivedTypes).TryGetValue(type.OriginalDefinition, out var derived))
                {
                    foreach (var named in derived)
                    {
                        scopes.AddRange(named.DeclaringSyntaxReferences);
                    }
                }

                return scopes;
            }

            // Per compilation, each source type's derived types (direct and indirect), built in one walk over the types.
            private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> DerivedTypes = new();

            private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> IndexDerivedTypes(Compilation compilation)
            {
                var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
                var pending = new Stack<INamespaceOrTypeSymbol>();
                pending.Push(compilation.Assembly.GlobalNamespace);
                while (pending.Count > 0)
                {
                    var container = pending.Pop();
                    foreach (var member in container is INamespaceSymbol ? container.GetMembers() : container.GetTypeMembers().CastArray<ISymbol>())
                    {
                        if (member is INamespaceSymbol space)
                        {
                            pending.Push(space);
                        }
                        else if (member is INamedTypeSymbol named)
                        {
                            pending.Push(named);
                            for (var ancestor = named.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
                            {
                                if (!SymbolEqualityComparer.Default.Equals(ancestor.ContainingAssembly, compilation.Assembly))
                                {
                                    break;
                                }

                                if (!index.TryGetValue(ancestor.OriginalDefinition, out var list))
                                {
                                    list = new List<INamedTypeSymbol>();
                                    index.Add(ancestor.OriginalDefinition, list);
                                }

                                list.Add(named);
                            }
                        }
                    }
                }

                return index;
            }

            private static Compilation? CompilationOf(INamedTypeSymbol type)
                => type.ContainingAssembly is ISourceAssemblySymbol source ? source.Compilation : null;
        }

        /// <summary>
        /// A write that may leave the value unset: anything but <c>??=</c> or a plain set value (<c>true</c> for a flag; for
        /// others a <c>new</c>, a literal other than <c>null</c>/<c>default</c>, or a call or other expression, which the work
        /// that fills the value writes too). A parameter, a local, a cast, a conditional or a <c>null</c>/<c>default</c> may unset it.
        /// </summary>
        private static bool MayUnset(AssignmentExpressionSyntax assignment, bool flag)
        {
            if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                return !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression);
            }

            var value = assignment.Right;
            while (value is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression)
                || value is ParenthesizedExpressionSyntax)
            {
                value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)value).Operand;
            }

            if (flag)
            {
                return !value.IsKind(SyntaxKind.TrueLiteralExpression);
            }

            return value switch
            {
                LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression),
                BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                    or InterpolatedStringExpressionSyntax or InvocationExpressionSyntax or AwaitExpressionSyntax or ThisExpressionSyntax
                    or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or BinaryExpressionSyntax => false,
                _ => true,
            };
        }

        /// <summary>
        /// Inside a constructor of the same kind as the value (static for a static one), a <c>Dispose</c>/<c>DisposeAsync</c>
        /// method or a finalizer: the object's first or last state. Not inside a lambda or local function written there,
        /// which runs later.
        /// </summary>
        private static bool InConstructionOrDisposal(SyntaxNode node, bool isStatic)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case AccessorDeclarationSyntax:
                    case BaseTypeDeclarationSyntax:
                        return false;
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == isStatic;
                    case DestructorDeclarationSyntax:
                        return !isStatic;
                    case MethodDeclarationSyntax method:
                        return !isStatic && method.Identifier.ValueText is "Dispose" or "DisposeAsync";
                }
            }

            return false;
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
