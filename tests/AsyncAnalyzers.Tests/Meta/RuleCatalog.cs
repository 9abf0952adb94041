using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Meta
{
    /// <summary>Everything the package ships, found by reflection so a new rule is checked without being listed here.</summary>
    internal static class RuleCatalog
    {
        public static readonly Assembly AnalyzerAssembly = typeof(DiagnosticIds).Assembly;
        public static readonly Assembly CodeFixAssembly = typeof(AsyncAnalyzers.CodeFixes.Blocking.UseTaskDelayFixer).Assembly;

        public static IReadOnlyList<Type> AnalyzerTypes { get; } = AnalyzerAssembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<Type> FixerTypes { get; } = CodeFixAssembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(AsyncAnalyzers.Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<(string Name, string Id)> DiagnosticIdConstants { get; } = typeof(DiagnosticIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
            .ToList();

        /// <summary>IDs for which some fixer is exported.</summary>
        public static ImmutableHashSet<string> FixableIds { get; } = FixerTypes
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToImmutableHashSet(StringComparer.Ordinal);

        public static string FamilyOf(string category) => category switch
        {
            AsyncAnalyzers.Descriptors.Categories.Blocking => "Blocking",
            AsyncAnalyzers.Descriptors.Categories.Callbacks => "Callbacks",
            AsyncAnalyzers.Descriptors.Categories.CpuLoops => "CPU loops",
            _ => category,
        };
    }
}
