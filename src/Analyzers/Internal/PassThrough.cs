using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// Helpers of the compilation that hand back what they were given: <c>static ConfiguredTaskAwaitable ForAwait(this Task t)
    /// => t.ConfigureAwait(false);</c>, or <c>static Task&lt;T&gt; QuickWait&lt;T&gt;(Task&lt;T&gt; t) { ...; return t; }</c>. What is
    /// known of the result (awaited, tested for completion) is known of the argument. Only non-virtual methods with one
    /// declaration, whose every <c>return</c> returns the same parameter (or its <c>ConfigureAwait(...)</c>) and which never
    /// assign it; read when a rule is about to report, not on every call.
    /// </summary>
    internal static class PassThrough
    {
        /// <summary>The argument <paramref name="call"/> hands back, with whether it comes back through <c>ConfigureAwait</c>; null when it is not a pass-through.</summary>
        public static IOperation? ReturnedArgument(IInvocationOperation call, out bool configured)
        {
            configured = false;
            var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
            if (method.ReturnsVoid || method.Parameters.IsEmpty || method.IsVirtual || method.IsAbstract || method.IsOverride
                || method.IsExtern || call.SemanticModel is not { } model)
            {
                return null;
            }

            if (SourceBodies.BodyOf(method, model) is not { } block)
            {
                return null;
            }

            var returned = ReturnedParameter(block, out configured);
            if (returned is null)
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.OriginalDefinition.Ordinal == returned.Ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The parameter every <c>return</c> of <paramref name="block"/> (a function body) hands back, directly or through
        /// <c>ConfigureAwait</c>; null when one returns anything else, when there is none, or when a parameter is assigned.
        /// </summary>
        public static IParameterSymbol? ReturnedParameter(IOperation block, out bool configured)
        {
            IParameterSymbol? returned = null;
            bool? throughConfigure = null;
            var accepted = EveryReturn(block, value =>
            {
                var viaConfigure = false;
                if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaited })
                {
                    value = awaited.WalkDownConversion();
                    viaConfigure = true;
                }

                if (value is not IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                    || (returned is not null && (!SymbolEqualityComparer.Default.Equals(returned, parameter) || throughConfigure != viaConfigure)))
                {
                    return false;
                }

                returned = parameter;
                throughConfigure = viaConfigure;
                return true;
            });
            configured = throughConfigure == true;
            return accepted ? returned : null;
        }

        /// <summary>
        /// Whether every <c>return</c> of <paramref name="block"/> hands back <paramref name="task"/> itself, what it says about
        /// itself (<c>Status</c>, <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>, <c>IsCanceled</c>,
        /// <c>Exception</c>) or a constant (<c>return TaskStatus.Canceled;</c>), with at least one return of the task or its state,
        /// and no parameter is assigned: a function that reports on the task it was given.
        /// </summary>
        public static bool ReportsOnlyOn(IOperation block, IParameterSymbol task)
        {
            var aboutTheTask = false;
            return EveryReturn(block, value =>
            {
                if (value is IPropertyReferenceOperation { Property.Name: "Status" or "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Exception", Instance: { } instance })
                {
                    value = instance.WalkDownConversion();
                }

                if (value is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, task))
                {
                    aboutTheTask = true;
                    return true;
                }

                return value.ConstantValue.HasValue;
            }) && aboutTheTask;
        }

        /// <summary>
        /// True when <paramref name="accept"/> accepts the value (conversions removed) of every <c>return</c> of
        /// <paramref name="block"/>, outside nested functions; false at a <c>yield</c>, a bare <c>return;</c>, or any
        /// assignment to a parameter (a helper that reassigns one may hand back something else).
        /// </summary>
        public static bool EveryReturn(IOperation block, System.Func<IOperation, bool> accept)
        {
            var pending = new Stack<IOperation>();
            pending.Push(block);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        continue;
                    case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }:
                        if (!accept(returned.WalkDownConversion()))
                        {
                            return false;
                        }

                        break;
                    case IReturnOperation:
                        return false;
                    case IAssignmentOperation { Target: var target } when target.WalkDownConversion() is IParameterReferenceOperation:
                        return false;
                }

                foreach (var child in current.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return true;
        }
    }
}
