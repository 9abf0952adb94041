using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Internal
{
    /// <summary>Where C# forbids <c>await</c> even inside an async function.</summary>
    internal enum AwaitBlocker
    {
        None,

        /// <summary>Inside the body of a <c>lock</c> statement (CS1996).</summary>
        Lock,

        /// <summary>Inside an exception filter, <c>catch (...) when (...)</c> (CS7094).</summary>
        CatchFilter,

        /// <summary>In an unsafe block, method or type (CS4004).</summary>
        Unsafe,

        /// <summary>In a query clause other than the first <c>from</c> (CS1995).</summary>
        QueryClause,
    }

    /// <summary>
    /// One answer, for analyzers and fixers, to "could an await stand here once the function is async": a walk up the
    /// syntax parents to the owning function, with what the message says to do instead when it could not.
    /// </summary>
    internal static class AwaitPlacement
    {
        public static AwaitBlocker Find(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax lockStatement when lockStatement.Statement.Span.Contains(node.Span):
                        return AwaitBlocker.Lock;
                    case CatchFilterClauseSyntax:
                        return AwaitBlocker.CatchFilter;
                    case UnsafeStatementSyntax:
                        return AwaitBlocker.Unsafe;
                    case QueryBodySyntax:
                        return AwaitBlocker.QueryClause;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax local when !local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                        return AwaitBlocker.None;
                    case LocalFunctionStatementSyntax:
                        return AwaitBlocker.Unsafe;
                    case MemberDeclarationSyntax member:
                        return IsUnsafe(member) ? AwaitBlocker.Unsafe : AwaitBlocker.None;
                }
            }

            return AwaitBlocker.None;
        }

        /// <summary>The advice that replaces "use 'await'" where the await cannot go.</summary>
        public static string Advice(AwaitBlocker blocker, string awaitForm)
        {
            return blocker switch
            {
                AwaitBlocker.Lock => "move it out of the lock ('await' cannot be used inside 'lock'), then use '" + awaitForm + "'",
                AwaitBlocker.CatchFilter => "move it out of the exception filter ('await' cannot be used in a 'when' clause), then use '" + awaitForm + "'",
                AwaitBlocker.Unsafe => "move it out of the unsafe context ('await' cannot be used there), then use '" + awaitForm + "'",
                AwaitBlocker.QueryClause => "move it out of the query clause ('await' cannot be used there), then use '" + awaitForm + "'",
                _ => "use '" + awaitForm + "' instead",
            };
        }

        private static bool IsUnsafe(MemberDeclarationSyntax member)
        {
            for (SyntaxNode? current = member; current is MemberDeclarationSyntax declaration; current = current.Parent)
            {
                if (declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
