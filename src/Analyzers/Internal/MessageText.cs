namespace AsyncAnalyzers.Internal
{
    /// <summary>Source code quoted in a diagnostic message.</summary>
    internal static class MessageText
    {
        /// <summary>
        /// The code as one line, for the message: a receiver written over several lines (a fluent chain) has its line breaks
        /// and indentation removed next to '.' and parentheses, and every other run of white space becomes one space.
        /// </summary>
        public static string OneLine(string code)
        {
            var builder = new System.Text.StringBuilder(code.Length);
            for (var i = 0; i < code.Length; i++)
            {
                if (!char.IsWhiteSpace(code[i]))
                {
                    builder.Append(code[i]);
                    continue;
                }

                var end = i;
                while (end + 1 < code.Length && char.IsWhiteSpace(code[end + 1]))
                {
                    end++;
                }

                if (end + 1 < code.Length && code[end + 1] is not ('.' or ')') && builder.Length > 0 && builder[builder.Length - 1] != '(')
                {
                    builder.Append(' ');
                }

                i = end;
            }

            return builder.ToString();
        }
    }
}
