using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        private readonly LazyType process = new LazyType("System.Diagnostics.Process");

        /// <summary>
        /// A read of <c>p.StandardOutput</c> or <c>p.StandardError</c> after the code waited for <c>p</c> to exit: a statement
        /// before it, in a block enclosing it within the same function, ran <c>p.WaitForExit()</c>, <c>await
        /// p.WaitForExitAsync(...)</c>, both in the two branches of an <c>if</c> (a dual-mode wait), or
        /// <c>if (!p.WaitForExit(timeout)) { ...; throw/return; }</c>. The process has ended and closed its end of the pipe:
        /// the read only takes what is already buffered.
        /// </summary>
        private bool ReadsOutputOfExitedProcess(IOperation invocation, IOperation? receiver)
        {
            if (receiver?.WalkDownConversion() is not IPropertyReferenceOperation { Property.Name: "StandardOutput" or "StandardError", Instance: { } owner } stream
                || !KnownTypes.Is(stream.Property.ContainingType, process.Get(types))
                || owner.ReferencedVariable() is not { } symbol)
            {
                return false;
            }

            var current = invocation;
            for (var parent = invocation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                    case IBlockOperation block:
                        var exited = false;
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, current))
                            {
                                break;
                            }

                            if (WaitsForExit(statement, symbol))
                            {
                                exited = true;
                            }
                            else if (exited && StartsAgain(statement, symbol))
                            {
                                // p.Start() or p = Process.Start(...) after the wait: another run, maybe still going.
                                exited = false;
                            }
                        }

                        if (exited)
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private bool WaitsForExit(IOperation statement, ISymbol symbol)
        {
            switch (statement)
            {
                case IExpressionStatementOperation { Operation: var expression }:
                    var call = expression is IAwaitOperation awaited ? awaited.Operation.WalkDownConfigureAwait() : expression;
                    return call is IInvocationOperation { TargetMethod: { Name: var name, IsStatic: false } method, Instance: { } instance } invocation
                        && KnownTypes.Is(method.ContainingType, process.Get(types))
                        && SymbolEqualityComparer.Default.Equals(instance.ReferencedVariable(), symbol)
                        && ((name == "WaitForExit" && method.ReturnsVoid && expression is not IAwaitOperation)
                            || (name == "WaitForExitAsync" && expression is IAwaitOperation));
                case IBlockOperation block:
                    foreach (var inner in block.Operations)
                    {
                        if (WaitsForExit(inner, symbol))
                        {
                            return true;
                        }
                    }

                    return false;
                case IConditionalOperation { WhenFalse: { } whenFalse, WhenTrue: var whenTrue }:
                    return WaitsForExit(whenTrue, symbol) && WaitsForExit(whenFalse, symbol);
                case IConditionalOperation { WhenFalse: null, WhenTrue: var exits, Condition: IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } }:
                    // if (!p.WaitForExit(timeout)) { p.Kill(); throw ...; }
                    return operand.WalkDownConversion() is IInvocationOperation { TargetMethod: { Name: "WaitForExit", ReturnType.SpecialType: SpecialType.System_Boolean } timed, Instance: { } waited }
                        && KnownTypes.Is(timed.ContainingType, process.Get(types))
                        && SymbolEqualityComparer.Default.Equals(waited.ReferencedVariable(), symbol)
                        && DualMode.AlwaysExits(exits);
                default:
                    return false;
            }
        }

        private static bool StartsAgain(IOperation statement, ISymbol symbol)
        {
            foreach (var operation in statement.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod.Name: "Start", Instance: { } instance } when SymbolEqualityComparer.Default.Equals(instance.ReferencedVariable(), symbol):
                        return true;
                    case IAssignmentOperation { Target: var target } when SymbolEqualityComparer.Default.Equals(target.ReferencedVariable(), symbol):
                        return true;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: var value } when SymbolEqualityComparer.Default.Equals(value.ReferencedVariable(), symbol):
                        return true;
                }
            }

            return false;
        }
    }
}
