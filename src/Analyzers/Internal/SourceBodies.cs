using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// The body of another method of this compilation, bound through the compilation's semantic model for its tree (the
    /// driver's cached one, so the binding is shared). Read when a rule is about to decide, for small helpers only.
    /// </summary>
    internal static class SourceBodies
    {
        /// <summary>
        /// The block body (or expression body, as a block with one return) of <paramref name="method"/>, declared once in a
        /// tree of <paramref name="model"/>'s compilation; null for metadata, partial or multi-part declarations, and methods
        /// declared in another project's source (a project reference in the IDE), which this compilation cannot bind.
        /// </summary>
        public static IBlockOperation? BodyOf(IMethodSymbol method, SemanticModel model, System.Threading.CancellationToken cancellationToken = default)
        {
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (!model.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                return null;
            }

#pragma warning disable RS1030 // The helper's body is in another method, possibly another tree.
            var body = (syntax.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(syntax.SyntaxTree)).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
            return body switch
            {
                IMethodBodyOperation methodBody => methodBody.BlockBody ?? methodBody.ExpressionBody,
                ILocalFunctionOperation localFunction => localFunction.Body,
                _ => null,
            };
        }
    }
}
