using System.Runtime.CompilerServices;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Internal
{
    /// <summary>Rewrites planned in the analyzer assembly carry the workspace's annotations once this assembly is loaded.</summary>
    internal static class WorkspaceAnnotations
    {
#pragma warning disable CA2255 // The initializer is the point: no fixer code can run before the annotations are in place.
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void Install() => FixAnnotations.Use(Formatter.Annotation, Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }
}

namespace System.Runtime.CompilerServices
{
    /// <summary>netstandard2.0 lacks the attribute; the compiler only needs its name.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class ModuleInitializerAttribute : Attribute
    {
    }
}
