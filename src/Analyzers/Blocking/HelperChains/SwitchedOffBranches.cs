using System.Collections.Generic;
using System.Threading;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// A helper called with a constant that switches off the code that blocks: <c>ProcessParameters(validate: false)</c> where
    /// the only blocking call sits under <c>if (validate)</c>. Summaries are computed once per method, whatever the arguments;
    /// this answers, for one call, whether every blocking site of the callee is on a branch its constant arguments rule out.
    /// </summary>
    internal static class SwitchedOffBranches
    {
        /// <summary>How deep a condition is followed through !, &amp;&amp;, || and comparisons.</summary>
        private const int MaxDepth = 16;

        /// <summary>True when the constant bool arguments of <paramref name="call"/> rule out every blocking site of its target.</summary>
        public static bool SwitchOffEveryBlockingSite(IInvocationOperation call, BlockingSummary summary, CancellationToken cancellationToken)
        {
            Dictionary<int, bool>? constants = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Boolean } parameter
                    && argument.Value.ConstantValue is { HasValue: true, Value: bool value })
                {
                    (constants ??= new Dictionary<int, bool>())[parameter.Ordinal] = value;
                }
            }

            if (constants is null)
            {
                return false;
            }

            var callee = BlockingSummary.Normalize(call.TargetMethod);
            var sites = summary.GetBlockingSites(callee, cancellationToken);
            if (sites.IsEmpty)
            {
                return false;
            }

            IOperation? body = null;
            foreach (var site in sites)
            {
                body ??= site.Operation.Root();
                if (!IsSwitchedOff(site.Operation, callee, constants))
                {
                    return false;
                }
            }

            // A parameter the body writes to holds the constant only until then.
            return body is not null && !ParameterWrites.Any(body, callee, constants.ContainsKey);
        }

        private static bool IsSwitchedOff(IOperation site, IMethodSymbol method, Dictionary<int, bool> constants)
        {
            var child = site;
            for (var parent = site.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IConditionalOperation conditional when ReferenceEquals(child, conditional.WhenTrue) || ReferenceEquals(child, conditional.WhenFalse):
                        if (Evaluate(conditional.Condition, method, constants, 0) is { } value && value != ReferenceEquals(child, conditional.WhenTrue))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andAlso when ReferenceEquals(child, andAlso.RightOperand):
                        if (Evaluate(andAlso.LeftOperand, method, constants, 0) == false)
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orElse when ReferenceEquals(child, orElse.RightOperand):
                        if (Evaluate(orElse.LeftOperand, method, constants, 0) == true)
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block:
                        // if (!validate) return; ... the site
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is ILabeledOperation)
                            {
                                return false;
                            }

                            if (statement is IConditionalOperation { WhenFalse: null } exit && DualMode.AlwaysExits(exit.WhenTrue)
                                && Evaluate(exit.Condition, method, constants, 0) == true)
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>The value of a condition built from the constant parameters, or null when it depends on anything else.</summary>
        private static bool? Evaluate(IOperation condition, IMethodSymbol method, Dictionary<int, bool> constants, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var operation = condition.WalkDownConversion();
            if (operation.ConstantValue is { HasValue: true, Value: bool constant })
            {
                return constant;
            }

            switch (operation)
            {
                case IParameterReferenceOperation reference when IsParameterOf(reference.Parameter, method) && constants.TryGetValue(reference.Parameter.Ordinal, out var value):
                    return value;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return !Evaluate(negation.Operand, method, constants, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } andAlso:
                {
                    var left = Evaluate(andAlso.LeftOperand, method, constants, depth + 1);
                    var right = Evaluate(andAlso.RightOperand, method, constants, depth + 1);
                    return left == false || right == false ? false : left == true && right == true ? true : null;
                }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } orElse:
                {
                    var left = Evaluate(orElse.LeftOperand, method, constants, depth + 1);
                    var right = Evaluate(orElse.RightOperand, method, constants, depth + 1);
                    return left == true || right == true ? true : left == false && right == false ? false : null;
                }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when comparison.LeftOperand.Type?.SpecialType == SpecialType.System_Boolean && comparison.RightOperand.Type?.SpecialType == SpecialType.System_Boolean:
                {
                    var left = Evaluate(comparison.LeftOperand, method, constants, depth + 1);
                    var right = Evaluate(comparison.RightOperand, method, constants, depth + 1);
                    return left is { } l && right is { } r ? (l == r) == (comparison.OperatorKind == BinaryOperatorKind.Equals) : null;
                }

                default:
                    return null;
            }
        }

        private static bool IsParameterOf(IParameterSymbol parameter, IMethodSymbol method)
            => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method);
    }
}
