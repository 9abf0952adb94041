using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// The annotations a planned rewrite puts on new nodes: format, simplify, add the imports a name needs. Rewrites are
    /// planned here, where the analyzer decides whether a finding has a fix, and applied by the fixers; the code-fix
    /// assembly installs the workspace's own annotations (Formatter.Annotation, Simplifier.Annotation,
    /// Simplifier.AddImportsAnnotation) when it loads. In the compiler alone, where there is no workspace, plans are only
    /// inspected and these stand-ins are never seen.
    /// </summary>
    internal static class FixAnnotations
    {
        public static SyntaxAnnotation Format { get; private set; } = new SyntaxAnnotation("AsyncAnalyzers.Format");

        public static SyntaxAnnotation Simplify { get; private set; } = new SyntaxAnnotation("AsyncAnalyzers.Simplify");

        public static SyntaxAnnotation AddImports { get; private set; } = new SyntaxAnnotation("AsyncAnalyzers.AddImports");

        public static void Use(SyntaxAnnotation format, SyntaxAnnotation simplify, SyntaxAnnotation addImports)
        {
            Format = format;
            Simplify = simplify;
            AddImports = addImports;
        }
    }
}
