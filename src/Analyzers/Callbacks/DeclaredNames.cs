using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>The names a piece of code declares: locals, pattern and foreach variables, catch variables, local functions, and optionally parameters.</summary>
    internal static class DeclaredNames
    {
        /// <param name="root">Where to look.</param>
        /// <param name="includeParameters">Also the parameters of the functions in <paramref name="root"/>.</param>
        /// <param name="intoNestedFunctions">Also the names declared inside lambdas and local functions nested in <paramref name="root"/>.</param>
        public static HashSet<string> Of(SyntaxNode root, bool includeParameters, bool intoNestedFunctions)
        {
            var names = new HashSet<string>();
            var nodes = intoNestedFunctions
                ? root.DescendantNodes()
                : root.DescendantNodes(n => n == root || n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax);
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case ParameterSyntax parameter when includeParameters:
                        names.Add(parameter.Identifier.ValueText);
                        break;
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax forEach:
                        names.Add(forEach.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax catchDeclaration when catchDeclaration.Identifier.IsKind(SyntaxKind.IdentifierToken):
                        names.Add(catchDeclaration.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        names.Add(localFunction.Identifier.ValueText);
                        break;
                }
            }

            return names;
        }
    }
}
