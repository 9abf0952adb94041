using System.Runtime.CompilerServices;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal static partial class KnownCompleteTask
    {
        // Per private task field: whether every value it is ever given is complete. Keyed by the symbol, which lives as long as its compilation.
        private static readonly ConditionalWeakTable<IFieldSymbol, object> CompletedFields = new ConditionalWeakTable<IFieldSymbol, object>();

        /// <summary>
        /// A private field that only ever holds tasks built complete, or null: the cached result of a synchronous read
        /// (<c>lastReadTask = Task.FromResult(n)</c>, the way <c>MemoryStream.ReadAsync</c> caches its last count). Reading its
        /// <c>Result</c> returns at once. Every write of the field in its type's declarations is checked; a write through
        /// <c>ref</c>, a compound assignment or a value of any other kind makes it unknown.
        /// </summary>
        private static bool HoldsOnlyCompletedTasks(IFieldSymbol field, Compilation compilation, TaskMembers members)
        {
            if (field.DeclaredAccessibility != Accessibility.Private || field.ContainingType is null || !members.IsTaskType(field.Type.OriginalDefinition as INamedTypeSymbol))
            {
                return false;
            }

            var definition = field.OriginalDefinition;
            return CompletedFields.GetValue(definition, f => Boxes.Of(EveryWriteIsComplete((IFieldSymbol)f, compilation, members))) == Boxes.True;
        }

        private static bool EveryWriteIsComplete(IFieldSymbol field, Compilation compilation, TaskMembers members)
        {
            // The initializer, if any: private Task<int> last = Task.FromResult(0);
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initial } && compilation.ContainsSyntaxTree(initial.SyntaxTree))
                {
#pragma warning disable RS1030 // The field is declared in another member of the type, possibly another tree.
                    var value = compilation.GetSemanticModel(initial.SyntaxTree).GetOperation(initial);
#pragma warning restore RS1030
                    if (value is null || !IsCompleteOrNull(value, members))
                    {
                        return false;
                    }
                }
            }

            if (TypeReferences.Of(field, field.ContainingType.DeclaringSyntaxReferences, compilation, default) is not { } uses)
            {
                return false;
            }

            foreach (var (name, model) in uses)
            {
                var assignment = TypeReferences.AssignmentTo(name, out var writtenOtherwise);
                if (writtenOtherwise)
                {
                    return false;
                }

                if (assignment is not null
                    && ((!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                        || model.GetOperation(assignment) is not IAssignmentOperation { Value: var assigned } || !IsCompleteOrNull(assigned, members)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsCompleteOrNull(IOperation value, TaskMembers members)
        {
            var current = value.WalkDownConversion();
            return current.ConstantValue is { HasValue: true, Value: null }
                || current is IDefaultValueOperation
                || (current is not IFieldReferenceOperation && IsCompleteByConstruction(current, members));
        }
    }
}
