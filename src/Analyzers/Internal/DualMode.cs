using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
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
    internal static class DualMode
    {
        /// <summary>How many enclosing conditions are examined: deeper nesting is left alone (bounded work on generated code).</summary>
        private const int MaxConditions = 16;

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

            if (passedFalse == 0)
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            var compilation = call.SemanticModel?.Compilation;
            if (compilation is null || !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            // Not cached: asked only for a wait about to be reported, and the callee's body scan is bounded.
            return (ComputeFlags(definition, compilation, types, cancellationToken) & passedFalse) != 0;
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

        /// <summary>A condition whose two sides (or whose early exit and the statements after it) pair an async form with its synchronous form.</summary>
        /// <summary>
        /// The flag of a dual-mode function (<c>async Task ReadCore(bool async, ...)</c> whose body has
        /// <c>if (async) await XAsync(); else X();</c> or <c>if (!async) { X(); return; }</c>): the <c>bool</c> parameter
        /// a dual-mode condition tests bare, and the value of it that selects the async mode. Null when the function has
        /// none. For the fixers: a blocking call fixed inside such a function keeps both modes
        /// (<c>if (async) await XAsync(); else X();</c>).
        /// </summary>
        public static (IParameterSymbol Flag, bool AsyncWhen)? AsyncFlag(IOperation body, IMethodSymbol function)
        {
            var pending = new Stack<IOperation>();
            pending.Push(body);
            var visited = 0;
            while (pending.Count > 0 && visited++ < MaxSideOperations)
            {
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation && !ReferenceEquals(operation, body))
                {
                    continue;
                }

                if (operation is IConditionalOperation { IsRef: false } conditional && BareParameter(conditional.Condition, function) is { } tested)
                {
                    bool? whenTrueIsAsync = null;
                    if (conditional.WhenFalse is { } whenFalse)
                    {
                        whenTrueIsAsync = IsPair(Single(whenFalse), Single(conditional.WhenTrue)) ? true
                            : IsPair(Single(conditional.WhenTrue), Single(whenFalse)) ? false : null;
                    }
                    else if (AlwaysExits(conditional.WhenTrue) && conditional.Parent is IBlockOperation block)
                    {
                        var following = Following(block.Operations, conditional);
                        whenTrueIsAsync = IsPair(following, Single(conditional.WhenTrue)) ? true
                            : IsPair(Single(conditional.WhenTrue), following) ? false : null;
                    }

                    if (whenTrueIsAsync is { } isAsync)
                    {
                        return (tested.Parameter, isAsync != tested.Negated);
                    }
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return null;
        }

        /// <summary><c>p</c> or <c>!p</c> for a <c>bool</c> parameter of <paramref name="function"/>.</summary>
        private static (IParameterSymbol Parameter, bool Negated)? BareParameter(IOperation condition, IMethodSymbol function)
        {
            var negated = false;
            var current = condition.WalkDownConversion();
            while (current is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation)
            {
                negated = !negated;
                current = negation.Operand.WalkDownConversion();
            }

            return current is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean, RefKind: RefKind.None } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, function)
                ? (parameter, negated)
                : null;
        }

        private static bool IsDualModeCondition(IConditionalOperation conditional)
        {
            if (conditional.WhenFalse is { } whenFalse)
            {
                return IsPair(Single(conditional.WhenTrue), Single(whenFalse)) || IsPair(Single(whenFalse), Single(conditional.WhenTrue));
            }

            if (AlwaysExits(conditional.WhenTrue) && conditional.Parent is IBlockOperation block)
            {
                var following = Following(block.Operations, conditional);
                return IsPair(Single(conditional.WhenTrue), following) || IsPair(following, Single(conditional.WhenTrue));
            }

            return false;
        }

        /// <summary>
        /// Does <paramref name="asyncSide"/> use the async form of something <paramref name="syncSide"/> does synchronously?
        /// The synchronous side must not await anything itself.
        /// </summary>
        private static bool IsPair(Side syncSide, Side asyncSide, bool bareFlag = false)
        {
            var asyncNames = new List<string>(4);
            var awaits = false;
            if (!Collect(asyncSide, asyncNames, ref awaits) || (!awaits && asyncNames.Count == 0))
            {
                return false;
            }

            var pending = new Stack<IOperation>();
            syncSide.PushAll(pending);
            var visited = 0;
            var paired = false;
            while (pending.Count > 0)
            {
                if (++visited > MaxSideOperations)
                {
                    return false;
                }

                var operation = pending.Pop();
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IAwaitOperation:
                        return false;
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        return false;
                    case IInvocationOperation invocation when !paired:
                        paired = Matches(invocation, asyncNames, bareFlag);
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task } when !paired:
                        paired = asyncNames.Contains(AwaitKey(task));
                        break;
                    case IUsingOperation when !paired:
                    case IUsingDeclarationOperation when !paired:
                        paired = asyncNames.Contains("DisposeAsync");
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return paired;
        }

        private static bool Matches(IInvocationOperation invocation, List<string> asyncNames, bool bareFlag)
        {
            var name = invocation.TargetMethod.Name;
            switch (name)
            {
                // A wait pairs with an await of the same task (or of a call to the same method): t.Wait() / await t.
                case "Wait" when invocation.Instance is { } waited && asyncNames.Contains(AwaitKey(waited)):
                case "GetResult" when invocation.Instance?.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited }
                    && asyncNames.Contains(AwaitKey(awaited)):
                    return true;
                case "Sleep":
                    return asyncNames.Contains(AwaitPrefix + "Delay");
                case "WaitAll":
                    return asyncNames.Contains(AwaitPrefix + "WhenAll");
                case "WaitAny":
                    return asyncNames.Contains(AwaitPrefix + "WhenAny");
            }

            foreach (var asyncName in asyncNames)
            {
                // Read/ReadAsync, ReadExactly/ReadExactlyAsync, ExecuteReader/ExecuteReaderAsync, Dispose/DisposeAsync, Wait/WaitAsync.
                if (asyncName.Length == name.Length + 5 && asyncName.StartsWith(name, System.StringComparison.Ordinal) && asyncName.EndsWith("Async", System.StringComparison.Ordinal))
                {
                    return true;
                }

                // Under a bare flag, a side that returns an async implementation's task pairs with any synchronous work.
                if (bareFlag && ReferenceEquals(asyncName, ReturnsAwaitable))
                {
                    return true;
                }

                // Under a bare flag (if (async) ... else ...), the same verb is enough: ReadAsync(...) against ReadBytes(...).
                if (bareFlag && !asyncName.StartsWith(AwaitPrefix, System.StringComparison.Ordinal)
                    && asyncName.EndsWith("Async", System.StringComparison.Ordinal) && FirstWordLength(asyncName) is var length and >= 3
                    && FirstWordLength(name) == length && string.CompareOrdinal(asyncName, 0, name, 0, length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private const string AwaitPrefix = "await:";

        private const string ReturnsAwaitable = "return:awaitable";

        /// <summary>A call returning Task or ValueTask (generic or not), other than an already completed one built in place.</summary>
        private static bool IsTaskLike(IOperation returned)
        {
            return returned is IInvocationOperation { Type: INamedTypeSymbol { Name: "Task" or "ValueTask" } type } invocation
                && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                && invocation.TargetMethod.Name is not ("FromResult" or "FromException" or "FromCanceled");
        }

        /// <summary>Length of the first word of a PascalCase name: "Read" in ReadBytes and ReadAsync.</summary>
        private static int FirstWordLength(string name)
        {
            for (var i = 1; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]))
                {
                    return i;
                }
            }

            return name.Length;
        }

        /// <summary>A condition that is a bool flag alone: a variable, parameter, field or property, negated or compared with a constant.</summary>
        private static bool IsBareFlag(IOperation condition)
        {
            var current = condition.WalkDownConversion();
            while (true)
            {
                switch (current)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                        current = negation.Operand.WalkDownConversion();
                        continue;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                        when comparison.RightOperand.ConstantValue is { HasValue: true, Value: bool }:
                        current = comparison.LeftOperand.WalkDownConversion();
                        continue;
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                        return current.Type?.SpecialType == SpecialType.System_Boolean;
                    default:
                        return false;
                }
            }
        }

        /// <summary>What an await or a wait is on, as a key: the variable, field or property read, or the method called (ConfigureAwait skipped).</summary>
        private static string AwaitKey(IOperation task)
        {
            var current = task.WalkDownConversion();
            while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
            {
                current = inner.WalkDownConversion();
            }

            return current switch
            {
                ILocalReferenceOperation local => AwaitPrefix + local.Local.Name,
                IParameterReferenceOperation parameter => AwaitPrefix + parameter.Parameter.Name,
                IFieldReferenceOperation field => AwaitPrefix + field.Field.Name,
                IPropertyReferenceOperation property => AwaitPrefix + property.Property.Name,
                IInvocationOperation invocation => AwaitPrefix + invocation.TargetMethod.Name,
                _ => AwaitPrefix,
            };
        }

        /// <summary>The names of the awaited or awaitable-returning calls of a side, and whether it awaits.</summary>
        private static bool Collect(Side side, List<string> names, ref bool awaits)
        {
            var pending = new Stack<IOperation>();
            side.PushAll(pending);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited > MaxSideOperations)
                {
                    return false;
                }

                var operation = pending.Pop();
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IAwaitOperation awaited:
                        awaits = true;
                        if (names.Count < 64)
                        {
                            names.Add(AwaitKey(awaited.Operation));
                        }

                        break;
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        awaits = true;
                        names.Add("DisposeAsync");
                        break;
                    case IInvocationOperation invocation when invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal)
                        && !invocation.TargetMethod.ReturnsVoid && names.Count < 64:
                        names.Add(invocation.TargetMethod.Name);
                        break;
                    case IReturnOperation { ReturnedValue: { } returned } when IsTaskLike(returned.WalkDownConversion()) && names.Count < 64:
                        // if (async) return ReadCoreAsync(...): the rest of the work is handed to an async implementation.
                        names.Add(ReturnsAwaitable);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return true;
        }

        private static Side Single(IOperation operation) => new Side(operation, default, 0);

        private static Side Following(System.Collections.Immutable.ImmutableArray<IOperation> statements, IOperation statement)
            => new Side(null, statements, IndexOf(statements, statement) + 1);

        private static int IndexOf(System.Collections.Immutable.ImmutableArray<IOperation> statements, IOperation statement)
        {
            for (var i = 0; i < statements.Length; i++)
            {
                if (ReferenceEquals(statements[i], statement))
                {
                    return i;
                }
            }

            return statements.Length;
        }

        /// <summary>A branch: one operation, or the statements of a block from an index on.</summary>
        private readonly struct Side
        {
            private readonly IOperation? single;
            private readonly System.Collections.Immutable.ImmutableArray<IOperation> statements;
            private readonly int start;

            public Side(IOperation? single, System.Collections.Immutable.ImmutableArray<IOperation> statements, int start)
            {
                this.single = single;
                this.statements = statements;
                this.start = start;
            }

            public void PushAll(Stack<IOperation> pending)
            {
                if (single is not null)
                {
                    pending.Push(single);
                    return;
                }

                for (var i = statements.Length - 1; i >= start; i--)
                {
                    // A label in the following statements can be reached from elsewhere: only the run before it is "after the exit".
                    if (statements[i] is ILabeledOperation)
                    {
                        pending.Clear();
                        continue;
                    }

                    pending.Push(statements[i]);
                }
            }
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
