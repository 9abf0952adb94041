namespace AsyncAnalyzers.Internal
{
    /// <summary>Boxed booleans shared by the caches that hold object values (see <see cref="SymbolPairCache"/>).</summary>
    internal static class Boxes
    {
        public static readonly object True = true;
        public static readonly object False = false;

        public static object Of(bool value) => value ? True : False;
    }
}
