using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    internal static partial class DualMode
    {
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

                // The two implementations of one operation: DoReadBytesSync/DoReadBytesAsync.
                if (IsSyncAsyncTwin(name, asyncName))
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

        /// <summary>
        /// <c>Task.Factory.FromAsync(s.BeginConnect, s.EndConnect, ...)</c> (or <c>TaskFactory&lt;T&gt;</c>): <c>Connect</c>, the
        /// operation whose Begin/End pair it wraps; null for any other call.
        /// </summary>
        private static string? WrappedBeginName(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name != "FromAsync" || invocation.TargetMethod.ContainingType is not { Name: "TaskFactory" } factory
                || !NamespaceNames.Is(factory.ContainingNamespace, "System.Threading.Tasks") || invocation.Arguments.Length == 0)
            {
                return null;
            }

            var first = invocation.Arguments[0].Value;
            while (first is IConversionOperation or IDelegateCreationOperation)
            {
                first = first is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)first).Target;
            }

            return first is IMethodReferenceOperation { Method.Name: { Length: > 5 } begin } && begin.StartsWith("Begin", System.StringComparison.Ordinal)
                ? begin.Substring(5)
                : null;
        }

        /// <summary><c>XSync</c> and <c>XAsync</c>, the same <c>X</c>.</summary>
        private static bool IsSyncAsyncTwin(string name, string asyncName)
        {
            const string Sync = "Sync";
            const string Async = "Async";
            var stem = name.Length - Sync.Length;
            return stem > 0
                && asyncName.Length == name.Length + 1
                && name.EndsWith(Sync, System.StringComparison.Ordinal)
                && asyncName.EndsWith(Async, System.StringComparison.Ordinal)
                && string.CompareOrdinal(name, 0, asyncName, 0, stem) == 0;
        }

        private const string AwaitPrefix = "await:";

        private const string ReturnsAwaitable = "return:awaitable";

        /// <summary>A call returning Task or ValueTask (generic or not), other than an already completed one built in place.</summary>
        private static bool IsTaskLike(IOperation returned)
        {
            return returned is IInvocationOperation { Type: INamedTypeSymbol { Name: "Task" or "ValueTask" } type } invocation
                && NamespaceNames.Is(type.ContainingNamespace, "System.Threading.Tasks")
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

        /// <summary>
        /// A condition that is a mode flag alone: a bool variable, parameter, field or property, negated or compared with a
        /// constant; or one of a two-valued enum (<c>io == IO.Asynchronous</c>), which is a bool by another name.
        /// </summary>
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
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                        return ModeValue(comparison, out var flag) is not null && IsFlagRead(flag);
                    case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                        return current.Type?.SpecialType == SpecialType.System_Boolean;
                    default:
                        return false;
                }
            }
        }

        private static bool IsFlagRead(IOperation operation)
            => operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation;

        /// <summary>
        /// <c>x == E.A</c> or <c>E.A != x</c> where <c>E</c> has exactly two members: the member compared with (null for any
        /// other comparison), and in <paramref name="flag"/> the other operand.
        /// </summary>
        internal static IFieldSymbol? ModeValue(IBinaryOperation comparison, out IOperation flag)
        {
            var left = comparison.LeftOperand.WalkDownConversion();
            var right = comparison.RightOperand.WalkDownConversion();
            if (EnumMember(right) is { } value && IsTwoValuedEnum(left.Type, value.ContainingType))
            {
                flag = left;
                return value;
            }

            if (EnumMember(left) is { } reversed && IsTwoValuedEnum(right.Type, reversed.ContainingType))
            {
                flag = right;
                return reversed;
            }

            flag = comparison;
            return null;
        }

        private static IFieldSymbol? EnumMember(IOperation operation)
            => operation is IFieldReferenceOperation { Field: { IsConst: true, ContainingType.TypeKind: TypeKind.Enum } field } ? field : null;

        /// <summary>An enum type with exactly two members of different values: a mode flag spelled out (Synchronous, Asynchronous).</summary>
        private static bool IsTwoValuedEnum(ITypeSymbol? type, INamedTypeSymbol enumType)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } named || !SymbolEqualityComparer.Default.Equals(named, enumType))
            {
                return false;
            }

            object? first = null;
            var count = 0;
            foreach (var member in named.GetMembers())
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: { } value })
                {
                    if (++count > 2 || (count == 2 && value.Equals(first)))
                    {
                        return false;
                    }

                    first ??= value;
                }
            }

            return count == 2;
        }

        /// <summary>What an await or a wait is on, as a key: the variable, field or property read, or the method called (ConfigureAwait skipped).</summary>
        private static string AwaitKey(IOperation task)
        {
            var current = task.WalkDownConfigureAwait();
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
                        if (WrappedBeginName(invocation) is { } wrapped)
                        {
                            // Task.Factory.FromAsync(s.BeginConnect, s.EndConnect, ...): the async form of Connect.
                            names.Add(wrapped + "Async");
                        }

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
    }
}
