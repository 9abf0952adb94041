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
    }
}
