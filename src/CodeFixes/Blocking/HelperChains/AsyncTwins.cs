using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// "Make it async all the way": async twins (<c>StepAsync</c> next to <c>Step</c>) for a method and every blocking
    /// helper below it, with the blocking operations and blocking calls awaited, and call sites that await the twin.
    /// Shared by the ASYNC105 and ASYNC106 fixes.
    /// </summary>
    internal static partial class AsyncTwins
    {
        internal sealed class CallSite
        {
            public CallSite(DocumentId documentId, InvocationExpressionSyntax invocation, SyntaxNode owner, bool needsAsync, SemanticModel model)
            {
                DocumentId = documentId;
                Invocation = invocation;
                Owner = owner;
                NeedsAsync = needsAsync;
                Model = model;
            }

            public DocumentId DocumentId { get; }

            public InvocationExpressionSyntax Invocation { get; }

            public SyntaxNode Owner { get; }

            public bool NeedsAsync { get; }

            public SemanticModel Model { get; }
        }

        /// <summary><c>x.Step(a)</c> to <c>x.StepAsync(a)</c>, also for generic names.</summary>
        internal static InvocationExpressionSyntax Renamed(InvocationExpressionSyntax invocation)
        {
            var name = NameOf(invocation)!;
            var newName = name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, name.Identifier.ValueText + "Async", name.Identifier.TrailingTrivia));
            return invocation.ReplaceNode(name, newName);
        }

        internal static string? TwinName(InvocationExpressionSyntax invocation)
            => NameOf(invocation) is { } name ? name.Identifier.ValueText + "Async" : null;

        private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation)
        {
            return invocation.Expression switch
            {
                SimpleNameSyntax simple => simple,
                MemberAccessExpressionSyntax { Name: var name } => name,
                _ => null,
            };
        }
    }
}
