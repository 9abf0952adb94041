using System.Linq;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// Task, ValueTask and awaiter members that blocking-wait and task-completion analysis recognise, resolved once per
    /// compilation. Members are matched by their (framework) name on a containing type that is compared by symbol.
    /// </summary>
    internal sealed class TaskMembers
    {
        private readonly INamedTypeSymbol?[] awaiters;
        private readonly INamedTypeSymbol?[] configuredAwaitables;
        private readonly INamedTypeSymbol?[] assertTypes;

        public TaskMembers(KnownTypes types)
        {
            Types = types;
            TaskStatus = types.GetTypeByMetadataName("System.Threading.Tasks.TaskStatus");
            AggregateException = types.GetTypeByMetadataName("System.AggregateException");
            awaiters = new[]
            {
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter"),
            };
            // Assert.True(t.IsCompleted) throws when false: past it, the condition holds (Debug.Assert does not throw in release builds).
            assertTypes = new[]
            {
                types.GetTypeByMetadataName("Xunit.Assert"),
                types.GetTypeByMetadataName("NUnit.Framework.Assert"),
                types.GetTypeByMetadataName("NUnit.Framework.Legacy.ClassicAssert"),
                types.GetTypeByMetadataName("Microsoft.VisualStudio.TestTools.UnitTesting.Assert"),
            };
            configuredAwaitables = new[]
            {
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable"),
                types.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1"),
            };
        }

        public KnownTypes Types { get; }

        public INamedTypeSymbol? TaskStatus { get; }

        public INamedTypeSymbol? AggregateException { get; }

        /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; (not custom task-likes: their members mean something else).</summary>
        public bool IsTaskType(ITypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            return definition is not null
                && (KnownTypes.Is(definition, Types.Task) || KnownTypes.Is(definition, Types.TaskOfT)
                    || KnownTypes.Is(definition, Types.ValueTask) || KnownTypes.Is(definition, Types.ValueTaskOfT));
        }

        public bool IsTaskMember(ISymbol? member, string name)
            => member is not null && member.Name == name && IsTaskType(member.ContainingType);

        /// <summary><c>Task</c>'s own static member <paramref name="name"/> (WaitAll, WhenAny...).</summary>
        public bool IsStaticTaskMethod(IMethodSymbol method, string name)
            => method.IsStatic && method.Name == name && KnownTypes.Is(method.ContainingType, Types.Task);

        public bool IsAwaiterGetResult(IMethodSymbol method)
            => method.Name == "GetResult" && Contains(awaiters, method.ContainingType?.OriginalDefinition);

        /// <summary>
        /// For <c>x.GetAwaiter().GetResult()</c> and <c>x.ConfigureAwait(c).GetAwaiter().GetResult()</c> on a task: the
        /// <c>GetAwaiter()</c> receiver (<paramref name="awaitable"/>, the task or the ConfigureAwait call) and the task itself.
        /// </summary>
        public bool TryGetBlockingGetResult(IInvocationOperation getResult, out IOperation awaitable, out IOperation task)
        {
            awaitable = null!;
            task = null!;
            if (!IsAwaiterGetResult(getResult.TargetMethod)
                || getResult.Instance?.WalkDownConversion() is not IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } receiver } getAwaiter
                || !(IsTaskType(getAwaiter.TargetMethod.ContainingType) || Contains(configuredAwaitables, getAwaiter.TargetMethod.ContainingType?.OriginalDefinition)))
            {
                return false;
            }

            awaitable = receiver;
            task = StripConfigureAwait(receiver);
            return IsTaskType(task.Type);
        }

        /// <summary>
        /// <c>t.ConfigureAwait(...)</c> to <c>t</c>, also through a helper of the compilation that only does that
        /// (<c>t.ForAwait()</c> with <c>ForAwait(this Task t) => t.ConfigureAwait(false)</c>, see <see cref="PassThrough"/>);
        /// anything else unchanged (without conversions).
        /// </summary>
        public IOperation StripConfigureAwait(IOperation operation)
        {
            var value = operation.WalkDownConversion();
            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } invocation
                && IsTaskType(invocation.TargetMethod.ContainingType))
            {
                return task.WalkDownConversion();
            }

            if (value is IInvocationOperation { TargetMethod: { ReturnType.Name: "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable", IsVirtual: false } helper } call)
            {
                // An extension of the task that hands back its own configured awaitable, result type and all
                // (ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T>)): the only way to make one is ConfigureAwait on a
                // task of that type, the receiver; the same reading as for an awaited WithTimeout<T>(this Task<T>).
                // One of this compilation's own is read instead (see PassThrough): its body says what it hands back.
                if (SymbolEqualityComparer.Default.Equals(helper.ContainingAssembly, Types.Compilation.Assembly))
                {
                    return PassThrough.ReturnedArgument(call, out var configured) is { } argument && configured ? argument.WalkDownConversion() : value;
                }

                if (helper.IsExtensionMethod && call.Arguments.Length == 1
                    && call.Arguments[0].Value.WalkDownConversion() is { Type: INamedTypeSymbol receiverType } receiver
                    && IsConfiguredFormOf(helper.ReturnType, receiverType))
                {
                    return receiver;
                }
            }

            return value;
        }

        /// <summary><c>ConfiguredTaskAwaitable&lt;T&gt;</c> for <c>Task&lt;T&gt;</c>, <c>ConfiguredValueTaskAwaitable</c> for <c>ValueTask</c>...</summary>
        private bool IsConfiguredFormOf(ITypeSymbol configured, INamedTypeSymbol task)
        {
            if (!IsTaskType(task) || configured is not INamedTypeSymbol awaitable || awaitable.Name != "Configured" + task.Name + "Awaitable"
                || awaitable.Arity != task.Arity)
            {
                return false;
            }

            return task.Arity == 0 || SymbolEqualityComparer.Default.Equals(awaitable.TypeArguments[0], task.TypeArguments[0]);
        }

        /// <summary>
        /// For <c>Assert.True(condition)</c> / <c>Assert.IsTrue</c> / <c>Assert.False</c> / <c>Assert.IsFalse</c> of xUnit, NUnit
        /// or MSTest: the asserted condition, and whether it is asserted false.
        /// </summary>
        public bool TryGetAssertedCondition(IInvocationOperation invocation, out IOperation condition, out bool assertedFalse)
        {
            condition = null!;
            assertedFalse = false;
            var method = invocation.TargetMethod;
            if (TryGetFluentAssertedCondition(invocation, out condition, out assertedFalse)
                || TryGetWrappedAssertion(invocation, out condition, out assertedFalse))
            {
                return true;
            }

            if (!method.IsStatic || method.Name is not ("True" or "IsTrue" or "False" or "IsFalse")
                || !Contains(assertTypes, method.ContainingType?.OriginalDefinition))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    condition = argument.Value;
                    assertedFalse = method.Name is "False" or "IsFalse";
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>condition.Should().BeTrue()</c> (FluentAssertions) and <c>condition.ShouldBeTrue()</c> (Shouldly), which throw
        /// when the condition does not hold; recognized by the libraries' namespaces, since their assertion types are many.
        /// </summary>
        private static bool TryGetFluentAssertedCondition(IInvocationOperation invocation, out IOperation condition, out bool assertedFalse)
        {
            condition = null!;
            var method = invocation.TargetMethod;
            assertedFalse = method.Name is "BeFalse" or "ShouldBeFalse";
            switch (method.Name)
            {
                case "BeTrue":
                case "BeFalse":
                    // Should() returns the assertions object that BeTrue is called on.
                    if (invocation.Instance?.WalkDownConversion() is IInvocationOperation { TargetMethod.Name: "Should" } should
                        && IsInNamespace(method.ContainingType, "FluentAssertions")
                        && should.Arguments.Length == 1)
                    {
                        condition = should.Arguments[0].Value;
                        return true;
                    }

                    return false;
                case "ShouldBeTrue":
                case "ShouldBeFalse":
                    // Shouldly's, or a test kit's own void ShouldBeTrue(this bool) in a referenced assembly, where its body
                    // cannot be read (Akka.TestKit's AkkaSpecExtensions): the name is the contract.
                    if (method.IsExtensionMethod && invocation.Arguments.Length >= 1
                        && (IsInNamespace(method.ContainingType, "Shouldly")
                            || (method.ReturnsVoid && (method.ReducedFrom ?? method).Parameters is { Length: > 0 } parameters
                                && parameters[0].Type.SpecialType == SpecialType.System_Boolean)))
                    {
                        condition = invocation.Arguments[0].Value;
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The repository's own assertion helper, declared in source: <c>static void ShouldBeTrue(this bool b, ...)</c> whose
        /// first statement asserts or throws on its first parameter (<c>Assert.True(b, message)</c>, <c>b.Should().BeTrue()</c>,
        /// <c>if (!b) throw ...;</c>). Read from syntax: the helper's body is one statement away, and the names of the
        /// assertion it delegates to are the test libraries' own.
        /// </summary>
        private static bool TryGetWrappedAssertion(IInvocationOperation invocation, out IOperation condition, out bool assertedFalse)
        {
            condition = null!;
            assertedFalse = false;
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (!method.ReturnsVoid || method.IsAsync || method.Parameters.Length == 0
                || method.Parameters[0].Type.SpecialType != SpecialType.System_Boolean || method.Parameters[0].RefKind != RefKind.None
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            var name = method.Parameters[0].Name;
            StatementSyntax? first = declaration.Body?.Statements.FirstOrDefault();
            var expression = declaration.ExpressionBody?.Expression ?? (first as ExpressionStatementSyntax)?.Expression;
            bool? assertsFalse = null;
            if (expression is InvocationExpressionSyntax call)
            {
                assertsFalse = AssertionOn(call, name);
            }
            else if (first is IfStatementSyntax { Else: null } check && AlwaysThrows(check.Statement))
            {
                // if (!b) throw ...: asserts b; if (b) throw ...: asserts !b.
                assertsFalse = check.Condition switch
                {
                    PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: IdentifierNameSyntax id } when id.Identifier.ValueText == name => false,
                    IdentifierNameSyntax id when id.Identifier.ValueText == name => true,
                    _ => null,
                };
            }

            if (assertsFalse is not { } asserted)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    condition = argument.Value;
                    assertedFalse = asserted;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Assert.True(b, ...), Assert.IsTrue(b), b.Should().BeTrue(), b.ShouldBeTrue() and their False forms: whether the assertion is on false.</summary>
        private static bool? AssertionOn(InvocationExpressionSyntax call, string parameter)
        {
            if (call.Expression is not MemberAccessExpressionSyntax access)
            {
                return null;
            }

            var asserted = access.Name.Identifier.ValueText switch
            {
                "True" or "IsTrue" or "BeTrue" or "ShouldBeTrue" => false,
                "False" or "IsFalse" or "BeFalse" or "ShouldBeFalse" => true,
                _ => (bool?)null,
            };
            if (asserted is null)
            {
                return null;
            }

            var subject = access.Name.Identifier.ValueText switch
            {
                "BeTrue" or "BeFalse" => access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Should" } should }
                    ? should.Expression
                    : null,
                "ShouldBeTrue" or "ShouldBeFalse" => access.Expression,
                _ => call.ArgumentList.Arguments.FirstOrDefault() is { NameColon: null } argument ? argument.Expression : null,
            };
            return subject is IdentifierNameSyntax id && id.Identifier.ValueText == parameter ? asserted : null;
        }

        private static bool AlwaysThrows(StatementSyntax statement)
        {
            while (statement is BlockSyntax { Statements.Count: > 0 } block)
            {
                statement = block.Statements[block.Statements.Count - 1];
            }

            return statement is ThrowStatementSyntax;
        }

        private static bool IsInNamespace(ISymbol? symbol, string root)
        {
            var ns = symbol?.ContainingNamespace;
            while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns is { IsGlobalNamespace: false } && ns.Name == root;
        }

        private static bool Contains(INamedTypeSymbol?[] set, ISymbol? type)
        {
            foreach (var candidate in set)
            {
                if (KnownTypes.Is(candidate, type))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
