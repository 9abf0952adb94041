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
                                var rest = TextSpanFrom(operations[i + 1].Syntax.SpanStart, b.Syntax.Span.End);
                                return IsKeptForGood(guard, b.Syntax, rest) ? new EarlyReturn(i, guard) : NoGuard;
                            }
                        }
                    }
                }

                return NoGuard;
            }) as EarlyReturn;
        }

        private static Microsoft.CodeAnalysis.Text.TextSpan TextSpanFrom(int start, int end)
            => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, System.Math.Max(start, end));

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
        /// holds the work (<paramref name="guarded"/>) does not set it back outside the work, which would make every call
        /// do the work again. Writes elsewhere in the type that may unset it (a <c>Reset</c>, <c>Invalidate</c>, or the
        /// consumer that clears a flag after each use) start a new cycle: the work runs again on the first call after them,
        /// which is still not every call, and the report says which members reset the value (<see cref="ResettersOf"/>).
        /// A constructor of the same kind (static or instance) and <c>Dispose</c>/<c>DisposeAsync</c> do not count: they are
        /// the object's first and last states. Any write that is not plainly a set value counts as a possible reset: a
        /// parameter, a cast of <c>null</c>, a tuple, a <c>ref</c> or <c>out</c> argument.
        /// </summary>
        private static bool IsKeptForGood(ISymbol guard, SyntaxNode guarded) => IsKeptForGood(guard, guarded, guarded.Span);

        private static bool IsKeptForGood(ISymbol guard, SyntaxNode holder, Microsoft.CodeAnalysis.Text.TextSpan guarded)
        {
            if (WriterAccess(guard) is not (Accessibility.Private or Accessibility.ProtectedAndInternal) || guard.ContainingType is null)
            {
                return false;
            }

            var writes = WritesOf.GetValue(guard, g => Writes.Read(g));
            if (writes.Unknown)
            {
                return false;
            }

            var tree = holder.SyntaxTree;
            var member = MemberOf(holder);
            foreach (var reset in writes.Resets)
            {
                if (reset.SyntaxTree == tree && !guarded.Contains(reset.Span) && (member is null || MemberOf(reset) == member))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The members that may set <paramref name="guard"/> back to unset, other than the one holding
        /// <paramref name="site"/> (the guarded work): after each of them, the work runs again. Empty when the value, once
        /// set, stays set (the work runs on the first call only). In source order, distinct.
        /// </summary>
        public static List<string> ResettersOf(ISymbol guard, SyntaxNode site)
        {
            var names = new List<string>();
            var writes = WritesOf.GetValue(guard.OriginalDefinition, g => Writes.Read(g));

            var member = MemberOf(site);
            foreach (var reset in writes.Resets)
            {
                if (MemberOf(reset) is { } resetter && resetter != member && NameOf(resetter) is { } name && !names.Contains(name))
                {
                    names.Add(name);
                }
            }

            return names;
        }

        /// <summary>
        /// The member declaration a node belongs to: a method, constructor, operator or accessor (with the local functions
        /// and lambdas written in it), or an expression-bodied property; null outside any.
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

        private static string? NameOf(SyntaxNode member)
        {
            var declaration = member is AccessorDeclarationSyntax { Parent.Parent: { } owner } ? owner : member;
            return declaration switch
            {
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                EventDeclarationSyntax @event => @event.Identifier.ValueText,
                IndexerDeclarationSyntax => "this[]",
                OperatorDeclarationSyntax @operator => "operator " + @operator.OperatorToken.ValueText,
                ConversionOperatorDeclarationSyntax conversion => "operator " + conversion.Type,
                BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => field.Declaration.Variables[0].Identifier.ValueText,
                _ => null,
            };
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
            private Writes(bool unknown, List<SyntaxNode> resets)
            {
                Unknown = unknown;
                Resets = resets;
            }

            /// <summary>The writes could not all be read (a part of the type outside the compilation, an unresolved name).</summary>
            public bool Unknown { get; }

            public List<SyntaxNode> Resets { get; }

            public static Writes Read(ISymbol guard)
            {
                var resets = new List<SyntaxNode>();
                var type = guard.ContainingType;
                var compilation = type is null ? null : CompilationOf(type);
                if (type is null || compilation is null
                    || TypeReferences.Of(guard, WriterScopes(guard, type, compilation), compilation, System.Threading.CancellationToken.None) is not { } uses)
                {
                    return new Writes(unknown: true, resets);
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

                return new Writes(unknown: false, resets);
            }

            /// <summary>The declarations that can write the value: its type's, and for a <c>private protected</c> one those of the types derived from it.</summary>
            private static IEnumerable<SyntaxReference> WriterScopes(ISymbol guard, INamedTypeSymbol type, Compilation compilation)
            {
                var scopes = new List<SyntaxReference>(type.DeclaringSyntaxReferences);
                if (WriterAccess(guard) != Accessibility.ProtectedAndInternal)
                {
                    return scopes;
                }

                var definition = type.OriginalDefinition;
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
                            if (DerivesFrom(named, definition))
                            {
                                scopes.AddRange(named.DeclaringSyntaxReferences);
                            }
                        }
                    }
                }

                return scopes;
            }

            private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol definition)
            {
                for (var current = type.BaseType; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition))
                    {
                        return true;
                    }
                }

                return false;
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
