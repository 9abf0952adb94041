using System.Text.RegularExpressions;

namespace AsyncAnalyzers.Tests.Callbacks
{
    internal static class CallbackTestSources
    {
        private static readonly Regex Markup = new Regex(@"\[\||\|\]|\{\|[^:|]*:|\|\}", RegexOptions.CultureInvariant);

        /// <summary>The source without test markup (<c>[|..|]</c>, <c>{|#0:..|}</c>), ready to compile and run.</summary>
        public static string WithoutMarkup(string source) => Markup.Replace(source, string.Empty);
    }
}
