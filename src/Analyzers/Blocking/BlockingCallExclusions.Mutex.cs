using System.Collections.Concurrent;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        // Per private SemaphoreSlim field: whether it is only ever used as a synchronous lock.
        private readonly ConcurrentDictionary<IFieldSymbol, object> synchronousLocks = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// <c>_gate.Wait()</c> on a private <c>SemaphoreSlim</c> field that the type uses only as a synchronous lock: built
        /// free with one slot (<c>new SemaphoreSlim(1, 1)</c>), every <c>Wait()</c> a statement followed by (or opening) a
        /// <c>try</c> whose <c>finally</c> releases it, and no <c>WaitAsync</c> or other use anywhere. Its holders never hold it
        /// across an await, so waiting for it is what <c>lock</c> is, which no rule reports in synchronous code: a helper's
        /// summary does not count it as a blocking operation (in an async method ASYNC103 still reports it, whose fix awaits
        /// <c>WaitAsync</c>). A semaphore used as a signal (built with no free slot, waited on without a release after it, or
        /// awaited anywhere) stays blocking.
        /// </summary>
        public bool IsSynchronousLockWait(IInvocationOperation call)
        {
            if (call.TargetMethod is not { Name: "Wait", IsStatic: false } method
                || types.SemaphoreSlim is not { } semaphore
                || !KnownTypes.Is(method.ContainingType, semaphore)
                || call.Instance?.WalkDownConversion() is not IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private } field })
            {
                return false;
            }

            var key = field.OriginalDefinition;
            return (synchronousLocks.TryGetValue(key, out var known) ? known : synchronousLocks.GetOrAdd(key, Boxes.Of(IsUsedOnlyAsLock(key)))) == Boxes.True;
        }

        private bool IsUsedOnlyAsLock(IFieldSymbol field)
        {
            var created = false;
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                {
                    if (!IsFreeSingleSlot(value))
                    {
                        return false;
                    }

                    created = true;
                }
            }

            if (TypeReferences.Of(field, field.ContainingType.DeclaringSyntaxReferences, types.Compilation, default) is not { } uses)
            {
                return false;
            }

            foreach (var (name, _) in uses)
            {
                if (TypeReferences.AssignmentTo(name, out var writtenOtherwise) is { } assignment)
                {
                    if (!IsFreeSingleSlot(assignment.Right) || assignment.Kind() != SyntaxKind.SimpleAssignmentExpression)
                    {
                        return false;
                    }

                    created = true;
                    continue;
                }

                if (writtenOtherwise || CallOn(name) is not { } invocation)
                {
                    // Handed on, stored elsewhere, or its wait handle read: its other uses are not known.
                    return false;
                }

                switch (CalledMember(invocation))
                {
                    case "Release" or "Dispose":
                        break;
                    case "Wait" when invocation.ArgumentList.Arguments.Count == 0 && !(FunctionSyntax.FindOwner(invocation) is { } owner && FunctionSyntax.IsAsync(owner)) && IsFollowedByRelease(invocation, field.Name):
                        break;
                    default:
                        return false;
                }
            }

            return created;
        }

        /// <summary>The call made on the field <paramref name="name"/> names: <c>_gate.Wait()</c>, <c>this._gate.Wait()</c>, <c>_gate?.Dispose()</c>.</summary>
        private static InvocationExpressionSyntax? CallOn(SimpleNameSyntax name)
        {
            ExpressionSyntax receiver = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified : name;
            return receiver.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Expression == receiver && access.Parent is InvocationExpressionSyntax call && call.Expression == access => call,
                ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } call } conditional
                    when conditional.Expression == receiver => call,
                _ => null,
            };
        }

        private static string? CalledMember(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary><c>new SemaphoreSlim(1, 1)</c>, <c>new(1, 1)</c> or <c>new SemaphoreSlim(1)</c>: one slot, free.</summary>
        private static bool IsFreeSingleSlot(ExpressionSyntax value)
        {
            var arguments = value switch
            {
                ObjectCreationExpressionSyntax creation => creation.ArgumentList,
                ImplicitObjectCreationExpressionSyntax creation => creation.ArgumentList,
                _ => null,
            };

            if (arguments is null || arguments.Arguments.Count is 0 or > 2)
            {
                return false;
            }

            foreach (var argument in arguments.Arguments)
            {
                if (argument.Expression is not LiteralExpressionSyntax { Token.Value: 1 })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>_gate.Wait(); try { ... } finally { _gate.Release(); }</c>, or the wait as the first statement of such a
        /// <c>try</c>.
        /// </summary>
        private static bool IsFollowedByRelease(InvocationExpressionSyntax wait, string field)
        {
            if (wait.Parent is not ExpressionStatementSyntax statement)
            {
                return false;
            }

            if (statement.Parent is BlockSyntax { Parent: TryStatementSyntax enclosing } block && block.Statements.Count > 0 && block.Statements[0] == statement
                && enclosing.Block == block)
            {
                return Releases(enclosing, field);
            }

            if (statement.Parent is BlockSyntax parent)
            {
                var index = parent.Statements.IndexOf(statement);
                return index + 1 < parent.Statements.Count && parent.Statements[index + 1] is TryStatementSyntax next && Releases(next, field);
            }

            return false;
        }

        /// <summary>The <c>try</c> releases the field in its <c>finally</c> and awaits nothing while holding it.</summary>
        private static bool Releases(TryStatementSyntax attempt, string field)
        {
            foreach (var node in attempt.Block.DescendantNodes(descendIntoChildren: n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (node is AwaitExpressionSyntax
                    || (node is ForEachStatementSyntax forEach && forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is UsingStatementSyntax usingStatement && usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (node is LocalDeclarationStatementSyntax declaration && declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)))
                {
                    return false;
                }
            }

            return Releases(attempt.Finally, field);
        }

        private static bool Releases(FinallyClauseSyntax? clause, string field)
        {
            if (clause is null)
            {
                return false;
            }

            foreach (var node in clause.Block.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && CalledMember(invocation) == "Release"
                    && invocation.Expression is MemberAccessExpressionSyntax { Expression: var target }
                    && target switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == field,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == field,
                        _ => false,
                    })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
