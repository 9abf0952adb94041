using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.Callbacks
{
    /// <summary>
    /// Test code whose subject is the callback API itself: a test project (it references xUnit, NUnit or MSTest) in which the
    /// chain sits in a type or member whose name names the construct under test (<c>AsyncTplActor</c>,
    /// <c>ContinueWith_runs_on_the_actor_scheduler</c>, <c>ApmReadTests</c>, <c>AwaiterSpec</c>). Such a test exists to
    /// check how the continuation or callback behaves (on which scheduler it runs, where its exception goes); rewriting it to
    /// await removes what the test checks. Names are compared word by word (<c>HeapTests</c> names no EAP).
    /// </summary>
    internal static class CallbackUnderTest
    {
        /// <summary>True when the compilation references xUnit, NUnit or MSTest.</summary>
        public static bool IsTestProject(Compilation compilation) => KnownTypes.Create(compilation).IsTestProject;

        /// <summary>True when the member containing <paramref name="site"/>, a local function around it, or a type around it names a callback construct.</summary>
        public static bool IsSubject(ISymbol? containingSymbol, SyntaxNode site)
        {
            for (var node = site.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is LocalFunctionStatementSyntax local && NamesCallbackConstruct(local.Identifier.ValueText))
                {
                    return true;
                }
            }

            for (var symbol = containingSymbol; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                var name = symbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated.Name : symbol.Name;
                if (NamesCallbackConstruct(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the identifier has one of the words Tpl, Apm, Eap, Continuation(s), Callback(s), Awaiter(s), or the word
        /// pairs ContinueWith, ContinueWhen(All/Any), BeginEnd (words split at '_' and at case changes).
        /// </summary>
        internal static bool NamesCallbackConstruct(string name)
        {
            string? previous = null;
            var start = 0;
            for (var i = 1; i <= name.Length; i++)
            {
                if (i < name.Length && !IsWordBoundary(name, i))
                {
                    continue;
                }

                var word = name.Substring(start, i - start).Trim('_');
                start = i;
                if (word.Length == 0)
                {
                    continue;
                }

                word = word.ToLowerInvariant();
                switch (word)
                {
                    case "tpl":
                    case "apm":
                    case "eap":
                    case "continuation":
                    case "continuations":
                    case "callback":
                    case "callbacks":
                    case "awaiter":
                    case "awaiters":
                        return true;
                    case "with" when previous == "continue":
                    case "when" when previous == "continue":
                    case "end" when previous == "begin":
                        return true;
                }

                previous = word;
            }

            return false;
        }

        private static bool IsWordBoundary(string name, int i)
        {
            var current = name[i];
            var before = name[i - 1];
            if (current == '_' || before == '_')
            {
                return true;
            }

            if (char.IsUpper(current))
            {
                // "AsyncTpl|Actor", "TPL|Actor" (an acronym ends before its last capital when a lowercase letter follows).
                return !char.IsUpper(before) || (i + 1 < name.Length && char.IsLower(name[i + 1]));
            }

            return char.IsDigit(current) != char.IsDigit(before);
        }
    }
}
