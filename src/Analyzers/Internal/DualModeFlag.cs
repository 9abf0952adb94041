using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// The flag of a dual-mode function: a <c>bool</c> parameter (<c>async</c>, <c>!sync</c>) or a parameter of a
    /// two-valued enum compared with one of its members (<c>io == IOBehavior.Asynchronous</c>), and which value of the test
    /// selects the async mode.
    /// </summary>
    internal sealed class DualModeFlag
    {
        public DualModeFlag(IParameterSymbol parameter, IFieldSymbol? member, string? memberText, bool asyncWhen)
        {
            Parameter = parameter;
            Member = member;
            MemberText = memberText;
            AsyncWhen = asyncWhen;
        }

        public IParameterSymbol Parameter { get; }

        /// <summary>For an enum flag, the member the test compares with; null for a bool flag.</summary>
        public IFieldSymbol? Member { get; }

        /// <summary>For an enum flag, how the member is written where the function can see it (<c>IOBehavior.Asynchronous</c>).</summary>
        public string? MemberText { get; }

        /// <summary>The value of the test (<c>flag</c>, or <c>flag == Member</c>) in the async mode.</summary>
        public bool AsyncWhen { get; }
    }
}
