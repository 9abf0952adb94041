using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// The synchronous side of a dual-mode split made at compile time, per target:
    /// <c>#if NET6_0_OR_GREATER await Send.SendAsync(socket, data, ct); #else Send.Send(socket, data); #endif</c>. The
    /// authors await the async form where they chose to and call the synchronous one on the other targets, as
    /// <c>if (async) ... else ...</c> does at run time (<see cref="DualMode"/>): in the compilation of those targets the
    /// site is deliberate. Recognized when another branch of the same <c>#if</c> group, inactive in this compilation,
    /// awaits the same operation's async form (<c>MAsync</c> for a call to <c>M</c>; any <c>await</c> for a wait on a task).
    /// </summary>
    internal static class ConditionalCompilation
    {
        public static bool IsSyncSideOfADirectiveSplit(IOperation site)
        {
            var syntax = site.Syntax;
            var root = syntax.SyntaxTree.GetRoot();
            if (!root.ContainsDirectives)
            {
                return false;
            }

            // The last branch directive before the site and the first after it, of any group (found once per tree, then by
            // binary search: the file's other directives, #region, #nullable, #pragma, are not walked per site).
            var branches = BranchDirectives(syntax.SyntaxTree, root);
            var start = syntax.SpanStart;
            int low = 0, high = branches.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (branches[middle].SpanStart < start)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            var before = low > 0 ? branches[low - 1] : null;
            var after = low < branches.Length ? branches[low] : null;

            // The site must sit in a taken branch of one group: right after its #if/#elif/#else, before its next directive.
            if (before is null || after is null || before is EndIfDirectiveTriviaSyntax || !IsTaken(before))
            {
                return false;
            }

            var group = before.GetRelatedDirectives();
            if (!group.Contains(after))
            {
                return false;
            }

            var asyncName = site is IInvocationOperation call ? call.TargetMethod.Name + "Async" : null;
            var text = syntax.SyntaxTree.GetText();
            for (var i = 0; i + 1 < group.Count; i++)
            {
                var branch = group[i];
                if (ReferenceEquals(branch, before) || branch is EndIfDirectiveTriviaSyntax || IsTaken(branch))
                {
                    continue;
                }

                var from = branch.FullSpan.End;
                var to = group[i + 1].SpanStart;
                if (to <= from || to > text.Length)
                {
                    continue;
                }

                if (AwaitsIn(text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(from, to)), asyncName))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, DirectiveTriviaSyntax[]> BranchesByTree =
            new System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, DirectiveTriviaSyntax[]>();

        private static DirectiveTriviaSyntax[] BranchDirectives(SyntaxTree tree, SyntaxNode root)
        {
            if (BranchesByTree.TryGetValue(tree, out var known))
            {
                return known;
            }

            var found = new System.Collections.Generic.List<DirectiveTriviaSyntax>();
            for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                if (directive is IfDirectiveTriviaSyntax or ElifDirectiveTriviaSyntax or ElseDirectiveTriviaSyntax or EndIfDirectiveTriviaSyntax)
                {
                    found.Add(directive);
                }
            }

            return BranchesByTree.GetValue(tree, _ => found.ToArray());
        }

        /// <summary>
        /// A line of the inactive branch, not a comment, that awaits: the async form of the call by name (<c>.MAsync(</c> or
        /// <c> MAsync(</c>), or, for a wait on a task, anything.
        /// </summary>
        private static bool AwaitsIn(string inactive, string? asyncName)
        {
            foreach (var raw in inactive.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("//", System.StringComparison.Ordinal) || line.IndexOf("await", System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                if (asyncName is null || line.Contains("." + asyncName + "(") || line.Contains(" " + asyncName + "(") || line.Contains("." + asyncName + "<"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTaken(DirectiveTriviaSyntax directive) => directive switch
        {
            IfDirectiveTriviaSyntax branch => branch.BranchTaken,
            ElifDirectiveTriviaSyntax branch => branch.BranchTaken,
            ElseDirectiveTriviaSyntax branch => branch.BranchTaken,
            _ => false,
        };
    }
}
