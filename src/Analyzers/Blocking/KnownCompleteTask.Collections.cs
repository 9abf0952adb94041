using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal static partial class KnownCompleteTask
    {
        /// <summary>The collection variable an element comes from: <c>tasks[i]</c>, a foreach variable over <c>tasks</c>, or the parameter of a LINQ lambda over <c>tasks</c>.</summary>
        private static ISymbol? SourceCollection(IOperation value, ISymbol? symbol, IOperation site, TaskMembers members)
        {
            switch (value)
            {
                case IArrayElementReferenceOperation element:
                    return ReferencedSymbol(element.ArrayReference);
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                    return ReferencedSymbol(instance);
            }

            if (symbol is ILocalSymbol local)
            {
                for (var current = site.Parent; current is not null; current = current.Parent)
                {
                    if (current is IForEachLoopOperation loop && Declares(loop, local))
                    {
                        return ElementSource(loop.Collection, members);
                    }
                }
            }
            else if (symbol is IParameterSymbol { Ordinal: 0 } parameter
                && FindLambda(site, parameter.ContainingSymbol) is { } lambda
                && AsyncPath.SkipWrappers(lambda.Parent) is IArgumentOperation { Parent: IInvocationOperation query }
                && query.TargetMethod.IsExtensionMethod
                && KnownTypes.Is(query.TargetMethod.ContainingType, members.Types.Enumerable)
                && SourceArgument(query) is { } source)
            {
                return ElementSource(source, members);
            }

            return null;
        }

        private static bool Declares(IForEachLoopOperation loop, ILocalSymbol local)
        {
            foreach (var declared in loop.Locals)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? SourceArgument(IInvocationOperation query)
        {
            foreach (var argument in query.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>Follows operators that keep the elements (Where, OrderBy, Take, ToList...) back to the collection variable.</summary>
        private static ISymbol? ElementSource(IOperation collection, TaskMembers members)
        {
            var current = collection.WalkDownConversion();
            while (current is IInvocationOperation query
                && query.TargetMethod.IsExtensionMethod
                && KnownTypes.Is(query.TargetMethod.ContainingType, members.Types.Enumerable)
                && KeepsElements(query.TargetMethod.Name)
                && SourceArgument(query) is { } source)
            {
                current = source.WalkDownConversion();
            }

            return ReferencedSymbol(current);
        }

        /// <summary>Back through copies that keep every element (<c>tasks.ToArray()</c>, <c>ToList()</c>, <c>AsEnumerable()</c>); never through a filter.</summary>
        private static IOperation AllElementsOf(IOperation collection, TaskMembers members)
        {
            var current = collection.WalkDownConversion();
            while (current is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "AsEnumerable" } copy)
            {
                if (copy.TargetMethod.IsExtensionMethod
                    && KnownTypes.Is(copy.TargetMethod.ContainingType, members.Types.Enumerable)
                    && SourceArgument(copy) is { } source)
                {
                    current = source.WalkDownConversion();
                }
                else if (copy.Instance is { } list && KnownTypes.Is(copy.TargetMethod.ContainingType?.OriginalDefinition, members.Types.ListOfT))
                {
                    // List<T>.ToArray()
                    current = list.WalkDownConversion();
                }
                else
                {
                    break;
                }
            }

            return current;
        }

        /// <summary>Operators whose output elements are some of the input elements: an element of the output is an element of the source.</summary>
        private static bool KeepsElements(string name)
        {
            switch (name)
            {
                case "Where":
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                case "Skip":
                case "Take":
                case "SkipWhile":
                case "TakeWhile":
                case "Reverse":
                case "Distinct":
                case "AsEnumerable":
                case "ToList":
                case "ToArray":
                    return true;
                default:
                    return false;
            }
        }
    }
}
