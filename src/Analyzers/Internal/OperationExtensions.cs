using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    internal static class OperationExtensions
    {
        /// <summary>Skips implicit and explicit conversions and parentheses down to the converted value.</summary>
        public static IOperation WalkDownConversion(this IOperation operation)
        {
            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        current = parenthesized.Operand;
                        continue;
                    default:
                        return current;
                }
            }
        }

        /// <summary>The outermost conversion or parentheses around <paramref name="operation"/> (itself when there are none): what its parent sees.</summary>
        public static IOperation WalkUpConversion(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// The variable a reference names, through conversions: a local, a parameter, or a field of this object or a static
        /// one (whose value the function can follow from statement to statement); null for anything else.
        /// </summary>
        public static ISymbol? ReferencedVariable(this IOperation operation)
            => operation.WalkDownConversion() switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                _ => null,
            };

        /// <summary>The task under any <c>.ConfigureAwait(...)</c> calls (and conversions): what an await of <paramref name="operation"/> waits for.</summary>
        public static IOperation WalkDownConfigureAwait(this IOperation operation)
        {
            var current = operation.WalkDownConversion();
            while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
            {
                current = inner.WalkDownConversion();
            }

            return current;
        }

        /// <summary>The topmost operation above <paramref name="operation"/>: the body or initializer it belongs to.</summary>
        public static IOperation Root(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }

        /// <summary>
        /// Inside a <c>lock</c> of its own function (a lambda or local function stops the walk): <c>await</c> is illegal
        /// there, and the code runs to its end before the lock is released.
        /// </summary>
        public static bool IsInsideLock(this IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILockOperation:
                        return true;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The constant <c>null</c>, through conversions (<c>(object)null</c>, <c>default(string)</c>).</summary>
        public static bool IsNullConstant(this IOperation operation)
            => operation.WalkDownConversion().ConstantValue is { HasValue: true, Value: null };

        /// <summary>
        /// The <c>try</c> statements of its own function whose body holds <paramref name="operation"/>, innermost first (a
        /// lambda or local function stops the walk): the ones whose <c>catch</c> clauses can take what it throws.
        /// </summary>
        public static System.Collections.Generic.IEnumerable<ITryOperation> EnclosingTryBodies(this IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation attempt && ReferenceEquals(child, attempt.Body))
                {
                    yield return attempt;
                }
            }
        }

        /// <summary>The initializer of a local that is never assigned anywhere else in its function; null otherwise.</summary>
        public static IOperation? OnlyValue(this ILocalSymbol local, IOperation use)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var root = use;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            IOperation? initializer = null;
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(root);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited > 20000)
                {
                    return null;
                }

                var operation = pending.Pop();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return initializer;
        }
    }
}
