using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// How every analyzer treats generated code: never analyzed, so never reported. The driver skips generated code before
    /// it calls us (files named *.g.cs / *.designer.cs, an auto-generated header, the generated_code option,
    /// [GeneratedCode] on the member or its types, a declaration in a #line hidden region). Every diagnostic is reported
    /// inside the operation being analyzed, so it cannot land in generated code, and the driver's second filter on reported
    /// locations is not asked for: it walks every token of each file we report in, once per file (measured: a third of
    /// the package's time on the benchmark codebase, docs/performance.md). The one case that filter caught that the first
    /// does not, a #line hidden region inside an analyzed member, is checked here.
    /// </summary>
    internal static class GeneratedCode
    {
        /// <summary>Generated code is not analyzed; what is reported needs no second generated-code check.</summary>
        public const GeneratedCodeAnalysisFlags Flags = GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>Reports <paramref name="diagnostic"/> unless it starts in a #line hidden region.</summary>
        public static void ReportVisible(this OperationAnalysisContext context, Diagnostic diagnostic)
        {
            if (!IsHidden(diagnostic.Location))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static bool IsHidden(Location location)
        {
            // HasHiddenRegions reads the file's directives only; files without #line are answered at once.
            return location.SourceTree is { } tree
                && tree.HasHiddenRegions()
                && tree.GetLineVisibility(location.SourceSpan.Start) == LineVisibility.Hidden;
        }
    }
}
