using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// Dual-mode code: one implementation that serves a synchronous and an asynchronous API, choosing per call
    /// (<c>if (async) await s.ReadAsync(b, ct); else s.Read(b);</c>, <c>async ? await XAsync() : X()</c>,
    /// <c>if (async) return XAsync(); X();</c>, <c>if (!async) { X(); return; }</c>). Recognized by its shape, not by a
    /// name: a condition whose one side uses the async form (an await, or a returned awaitable) and whose other side does
    /// the same operation synchronously (<c>X</c> against <c>XAsync</c>, a wait against an await, <c>Dispose</c> against
    /// <c>DisposeAsync</c>). The synchronous side runs only for synchronous callers: blocking there is the point.
    /// </summary>
    internal static partial class DualMode
    {
        /// <summary>How many enclosing conditions are examined: deeper nesting is left alone (bounded work on generated code).</summary>
        private const int MaxConditions = 16;

        /// <summary>How many methods deep a flag handed on is followed to the condition that gives it its meaning.</summary>
        private const int MaxHandOnDepth = 6;

        /// <summary>How many operations one side may have before the pairing scan gives up (bounded work on huge branches).</summary>
        private const int MaxSideOperations = 4000;

        /// <summary>
        /// True when <paramref name="site"/> sits on the synchronous side of a dual-mode condition of its own function: a
        /// branch whose sibling uses the async form of an operation this branch does synchronously, or the statements that
        /// run only once an early exit that used the async form was not taken (and the reverse).
        /// </summary>
        public static bool IsOnSyncBranch(IOperation site)
        {
            var conditions = 0;
            var child = site;
            for (var parent = site.Parent; parent is not null && conditions < MaxConditions; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        conditions++;
                        var other = ReferenceEquals(child, conditional.WhenTrue) ? conditional.WhenFalse : conditional.WhenTrue;
                        if (other is not null && IsPair(Single(child), Single(other), IsBareFlag(conditional.Condition)))
                        {
                            return true;
                        }

                        // if (!async) { X(); return; } ... await XAsync();
                        if (other is null && AlwaysExits(child) && parent.Parent is IBlockOperation outer
                            && IsPair(Single(child), Following(outer.Operations, parent), IsBareFlag(conditional.Condition)))
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block:
                        // if (async) { await XAsync(); return; } ... X();
                        var index = IndexOf(block.Operations, child);
                        for (var i = index - 1; i >= 0 && conditions < MaxConditions; i--)
                        {
                            if (block.Operations[i] is ILabeledOperation)
                            {
                                break;
                            }

                            if (block.Operations[i] is IConditionalOperation { WhenFalse: null } early && AlwaysExits(early.WhenTrue))
                            {
                                conditions++;
                                if (IsPair(Following(block.Operations, block.Operations[i]), Single(early.WhenTrue), IsBareFlag(early.Condition)))
                                {
                                    return true;
                                }
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="call"/> runs a dual-mode method in its synchronous mode: it passes the constant
        /// <c>false</c> to a <c>bool</c> parameter that the callee's body tests in a dual-mode condition (or hands on to
        /// another awaitable call), so the returned task has completed by the time the call returns. An abstract or
        /// interface method of this compilation, whose implementations cannot be seen here, is taken at its word.
        /// </summary>
        public static bool IsSyncModeCall(IInvocationOperation call, KnownTypes types, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            if (!types.IsAwaitableReturnType(method.ReturnType))
            {
                return false;
            }

            ulong passedFalse = 0;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean, Ordinal: < 64 } parameter
                    && argument.Value.ConstantValue is { HasValue: true, Value: false })
                {
                    passedFalse |= 1UL << parameter.Ordinal;
                }
            }

            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            var compilation = call.SemanticModel?.Compilation;
            if (compilation is null || !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            // Not cached: asked only for a wait about to be reported, and the callee's body scan is bounded.
            return (passedFalse != 0 && (ComputeFlags(definition, compilation, types, cancellationToken) & passedFalse) != 0)
                || PassesSyncModeMember(call, compilation, types, cancellationToken);
        }

        /// <summary><c>ReadAsync(IOBehavior.Synchronous, ct)</c>: a member of a two-valued enum other than the one that selects the callee's async mode.</summary>
        private static bool PassesSyncModeMember(IInvocationOperation call, Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { Type: INamedTypeSymbol { TypeKind: TypeKind.Enum } type } parameter
                    && argument.Value.ConstantValue is { HasValue: true, Value: { } passed }
                    && IsTwoValuedEnum(type, type)
                    && AsyncValueOf(call.TargetMethod, parameter.Ordinal, compilation, types, 0, cancellationToken) is { } asyncValue
                    && !asyncValue.Equals(passed))
                {
                    return true;
                }
            }

            return false;
        }

        private static ulong ComputeFlags(IMethodSymbol method, Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
        {
            var definition = method.PartialImplementationPart ?? method;
            ulong all = 0;
            foreach (var parameter in definition.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_Boolean && parameter.Ordinal < 64)
                {
                    all |= 1UL << parameter.Ordinal;
                }
            }

            if (definition.IsAbstract || definition.DeclaringSyntaxReferences.IsEmpty)
            {
                // No body to read (abstract, interface, extern): trusted.
                return all;
            }

            ulong flags = 0;
            var pending = new Stack<IOperation>();
            foreach (var reference in definition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The callee's body decides what the flag means.
                var body = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
                if (body is not null)
                {
                    pending.Push(body);
                }
            }

            var visited = 0;
            while (pending.Count > 0 && visited++ < MaxSideOperations * 4)
            {
                var operation = pending.Pop();
                switch (operation)
                {
                    case IConditionalOperation conditional:
                        var tested = TestedParameters(conditional.Condition);
                        if ((tested & all & ~flags) != 0 && IsDualModeCondition(conditional))
                        {
                            flags |= tested & all;
                        }

                        break;
                    case IArgumentOperation { Value: IParameterReferenceOperation { Parameter: var passed }, Parameter.Type.SpecialType: SpecialType.System_Boolean, Parent: IInvocationOperation onward }
                        when passed.Ordinal < 64 && SymbolEqualityComparer.Default.Equals(passed.ContainingSymbol, definition)
                            && types.IsAwaitableReturnType(onward.TargetMethod.ReturnType):
                        // Handed on to another dual-mode call: Read(bool async) => ReadCore(async, ...).
                        flags |= (1UL << passed.Ordinal) & all;
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return flags;
        }

        /// <summary>The method's own parameters that a condition reads as a whole or as a negated or conjoined part.</summary>
        private static ulong TestedParameters(IOperation condition)
        {
            ulong tested = 0;
            var pending = new Stack<IOperation>();
            pending.Push(condition);
            while (pending.Count > 0)
            {
                switch (pending.Pop().WalkDownConversion())
                {
                    case IParameterReferenceOperation { Parameter.Ordinal: < 64 } reference:
                        tested |= 1UL << reference.Parameter.Ordinal;
                        break;
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                        pending.Push(negation.Operand);
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                        pending.Push(binary.LeftOperand);
                        pending.Push(binary.RightOperand);
                        break;
                }
            }

            return tested;
        }

        /// <summary>
        /// The flag of a dual-mode function (<c>async Task ReadCore(bool async, ...)</c> whose body has
        /// <c>if (async) await XAsync(); else X();</c> or <c>if (!async) { X(); return; }</c>, or the same with
        /// <c>io == IOBehavior.Asynchronous</c>): the parameter a dual-mode condition tests bare, and the value of the test
        /// that selects the async mode. A function whose body has no such condition but hands the parameter on to a dual-mode
        /// method of this compilation (<c>await reader.ReadAsync(io, ct)</c>) has the same flag. Null when the function has
        /// none. For the fixers: a blocking call fixed inside such a function keeps both modes
        /// (<c>if (async) await XAsync(); else X();</c>).
        /// </summary>
        public static DualModeFlag? AsyncFlag(IOperation body, IMethodSymbol function)
        {
            var pending = new Stack<IOperation>();
            pending.Push(body);
            var visited = 0;
            DualModeFlag? handedOn = null;
            while (pending.Count > 0 && visited++ < MaxSideOperations)
            {
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation && !ReferenceEquals(operation, body))
                {
                    continue;
                }

                if (operation is IConditionalOperation { IsRef: false } conditional && BareParameter(conditional.Condition, function) is { } tested)
                {
                    if (WhenTrueIsAsync(conditional) is { } isAsync)
                    {
                        return new DualModeFlag(tested.Parameter, tested.Member, tested.MemberText, isAsync != tested.Negated);
                    }
                }

                if (handedOn is null && operation is IArgumentOperation argument)
                {
                    handedOn = HandedOnFlag(argument, function, body);
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return handedOn;
        }

        /// <summary>
        /// The condition that selects the async mode, as code: the flag's name (escaped when it is a reserved keyword),
        /// negated when the flag selects the synchronous mode (<c>!sync</c>); for an enum flag, its comparison with the member
        /// (<c>io == IOBehavior.Asynchronous</c>, or <c>!=</c>). Shared by the analyzers' messages and the fixers.
        /// </summary>
        public static string AsyncCondition(DualModeFlag flag)
        {
            var name = SyntaxFacts.GetKeywordKind(flag.Parameter.Name) != SyntaxKind.None ? "@" + flag.Parameter.Name : flag.Parameter.Name;
            if (flag.MemberText is { } member)
            {
                // io != IO.Synchronous reads better as io == IO.Asynchronous: the other member, written the same way.
                if (!flag.AsyncWhen && flag.Member is { } compared && member.EndsWith(compared.Name, System.StringComparison.Ordinal)
                    && OtherMember(compared) is { } other)
                {
                    return name + " == " + member.Substring(0, member.Length - compared.Name.Length) + other.Name;
                }

                return name + (flag.AsyncWhen ? " == " : " != ") + member;
            }

            return flag.AsyncWhen ? name : "!" + name;
        }

        /// <summary>
        /// <c>p</c> or <c>!p</c> for a <c>bool</c> parameter of <paramref name="function"/> or of a method enclosing it;
        /// <c>p == E.M</c> or <c>p != E.M</c> (negated or not) for one of a two-valued enum <c>E</c>.
        /// </summary>
        private static (IParameterSymbol Parameter, bool Negated, IFieldSymbol? Member, string? MemberText)? BareParameter(IOperation condition, IMethodSymbol function)
        {
            var negated = false;
            var current = condition.WalkDownConversion();
            while (current is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation)
            {
                negated = !negated;
                current = negation.Operand.WalkDownConversion();
            }

            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
            {
                return ModeValue(comparison, out var flag) is { } member
                    && flag is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } enumParameter }
                    && IsOwnOrCaptured(enumParameter, function)
                    ? (enumParameter, negated != (comparison.OperatorKind == BinaryOperatorKind.NotEquals), member, MemberSyntax(comparison, flag))
                    : null;
            }

            return current is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean, RefKind: RefKind.None } parameter }
                && IsOwnOrCaptured(parameter, function)
                ? (parameter, negated, null, null)
                : null;
        }

        /// <summary>The member operand of a mode comparison as written (<c>IOBehavior.Asynchronous</c>).</summary>
        private static string MemberSyntax(IBinaryOperation comparison, IOperation flag)
        {
            var member = ReferenceEquals(comparison.LeftOperand.WalkDownConversion(), flag) ? comparison.RightOperand : comparison.LeftOperand;
            return member.Syntax.ToString();
        }

        /// <summary>
        /// <c>ReadCore(io, ct)</c> in a function with no dual-mode condition of its own: the parameter handed on is the
        /// callee's flag, with the value that selects the callee's async mode.
        /// </summary>
        private static DualModeFlag? HandedOnFlag(IArgumentOperation argument, IMethodSymbol function, IOperation body)
        {
            if (argument is not { Value: IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } passed }, Parameter: { } target, Parent: IInvocationOperation onward }
                || !IsOwnOrCaptured(passed, function)
                || !SymbolEqualityComparer.Default.Equals(passed.Type, target.Type)
                || body.SemanticModel is not { } model
                || !IsModeType(passed.Type))
            {
                return null;
            }

            var types = KnownTypes.Create(model.Compilation);
            if (AsyncValueOf(onward.TargetMethod, target.Ordinal, model.Compilation, types, 0, default) is not { } asyncValue)
            {
                return null;
            }

            if (asyncValue is bool isAsyncWhenTrue)
            {
                return new DualModeFlag(passed, null, null, isAsyncWhenTrue);
            }

            foreach (var member in passed.Type.GetMembers())
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: { } value } field && value.Equals(asyncValue))
                {
                    return new DualModeFlag(passed, field, field.ContainingType.ToMinimalDisplayString(model, body.Syntax.SpanStart) + "." + field.Name, true);
                }
            }

            return null;
        }

        private static bool IsModeType(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_Boolean || (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } named && IsTwoValuedEnum(named, named));

        /// <summary>
        /// The value of parameter <paramref name="ordinal"/> of <paramref name="method"/> that selects its async mode (a boxed
        /// <c>bool</c> or enum constant): read from a dual-mode condition of its body that tests the parameter bare, or from the
        /// method it hands the parameter on to (a few levels deep). Null when it cannot be told; <c>true</c> for a <c>bool</c>
        /// parameter of an abstract or interface method, taken at its word like <see cref="IsSyncModeCall"/> does.
        /// </summary>
        private static object? AsyncValueOf(IMethodSymbol method, int ordinal, Compilation compilation, KnownTypes types, int depth, CancellationToken cancellationToken)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            definition = definition.PartialImplementationPart ?? definition;
            if (depth > MaxHandOnDepth || ordinal >= definition.Parameters.Length || !types.IsAwaitableReturnType(definition.ReturnType)
                || !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly)
                || !IsModeType(definition.Parameters[ordinal].Type))
            {
                return null;
            }

            var parameter = definition.Parameters[ordinal];
            if (definition.IsAbstract || definition.DeclaringSyntaxReferences.IsEmpty)
            {
                return parameter.Type.SpecialType == SpecialType.System_Boolean ? Boxes.True : null;
            }

            var pending = new Stack<IOperation>();
            foreach (var reference in definition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The callee's body decides what the flag means.
                if (compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is { } callee)
#pragma warning restore RS1030
                {
                    pending.Push(callee);
                }
            }

            var visited = 0;
            object? handedOn = null;
            while (pending.Count > 0 && visited++ < MaxSideOperations * 4)
            {
                var operation = pending.Pop();
                switch (operation)
                {
                    case IConditionalOperation { IsRef: false } conditional
                        when BareParameter(conditional.Condition, definition) is { } tested && SymbolEqualityComparer.Default.Equals(tested.Parameter, parameter)
                            && WhenTrueIsAsync(conditional) is { } isAsync:
                        var testTrueInAsyncMode = isAsync != tested.Negated;
                        return tested.Member is { ConstantValue: { } memberValue } member
                            ? (testTrueInAsyncMode ? memberValue : OtherValue(member))
                            : Boxes.Of(testTrueInAsyncMode);
                    case IArgumentOperation { Value: IParameterReferenceOperation { Parameter: var passed }, Parameter: { } target, Parent: IInvocationOperation onward }
                        when handedOn is null && SymbolEqualityComparer.Default.Equals(passed, parameter):
                        handedOn = AsyncValueOf(onward.TargetMethod, target.Ordinal, compilation, types, depth + 1, cancellationToken);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return handedOn;
        }

        /// <summary>The value of the other member of a two-valued enum.</summary>
        private static object? OtherValue(IFieldSymbol member) => OtherMember(member)?.ConstantValue;

        /// <summary>The other member of a two-valued enum.</summary>
        private static IFieldSymbol? OtherMember(IFieldSymbol member)
        {
            foreach (var other in member.ContainingType.GetMembers())
            {
                if (other is IFieldSymbol { IsConst: true, ConstantValue: { } value } field && !value.Equals(member.ConstantValue))
                {
                    return field;
                }
            }

            return null;
        }

        /// <summary>A parameter of the function, or of a method enclosing it (a local function reading its method's flag).</summary>
        private static bool IsOwnOrCaptured(IParameterSymbol parameter, IMethodSymbol function)
        {
            for (ISymbol? current = function; current is IMethodSymbol method; current = method.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDualModeCondition(IConditionalOperation conditional) => WhenTrueIsAsync(conditional) is not null;

        /// <summary>
        /// Which side of a dual-mode condition is the async one: true when the condition's true branch uses the async form
        /// of what the other side (or the code after an early exit) does synchronously, false for the reverse, null when the
        /// condition pairs nothing.
        /// </summary>
        private static bool? WhenTrueIsAsync(IConditionalOperation conditional)
        {
            if (conditional.WhenFalse is { } whenFalse)
            {
                return IsPair(Single(whenFalse), Single(conditional.WhenTrue)) ? true
                    : IsPair(Single(conditional.WhenTrue), Single(whenFalse)) ? false : null;
            }

            if (AlwaysExits(conditional.WhenTrue) && conditional.Parent is IBlockOperation block)
            {
                var following = Following(block.Operations, conditional);
                return IsPair(following, Single(conditional.WhenTrue)) ? true
                    : IsPair(Single(conditional.WhenTrue), following) ? false : null;
            }

            return null;
        }

        /// <summary>The branch ends in return, throw, break or continue (down the last statement of nested blocks).</summary>
        internal static bool AlwaysExits(IOperation operation)
        {
            var current = operation;
            while (current is IBlockOperation { Operations.Length: > 0 } block)
            {
                current = block.Operations[block.Operations.Length - 1];
            }

            return current is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                or IBranchOperation
                or IThrowOperation
                or IExpressionStatementOperation { Operation: IThrowOperation };
        }
    }
}
