using System;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        /// <summary>
        /// In a test project, a call to the solution's own API (a method of this compilation, or of an assembly built by a
        /// project of the same solution): a library's tests call its synchronous API on purpose, to test it. Framework and
        /// package APIs (File.ReadAllText, a NuGet client) are not the solution's own and stay reported.
        /// </summary>
        /// <remarks>
        /// When the test project's name says which project it tests (<c>Lib.Tests</c> referencing <c>Lib</c>), only that
        /// project is the API under test: the solution's test kits, fixtures and the test project's own helpers are tools
        /// whose blocking calls have async twins for a reason, and stay reported. Otherwise every project of the solution counts.
        /// </remarks>
        public bool IsOwnApiInTestProject(IMethodSymbol method, IOperation? receiver)
        {
            if (!IsTestProject)
            {
                return false;
            }

            if (SystemUnderTest is not null)
            {
                return SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, SystemUnderTest)
                    || SymbolEqualityComparer.Default.Equals(receiver?.Type?.ContainingAssembly, SystemUnderTest);
            }

            return IsSolutionAssembly(method.ContainingAssembly) || IsSolutionAssembly(receiver?.Type?.ContainingAssembly);
        }

        /// <summary>
        /// In a test project, a value the library under test handed out, whatever its static type says: a <c>Stream</c> local
        /// that holds only what <c>source.RunWith(StreamConverters.AsInputStream(), m)</c> returned is the library's own stream
        /// implementation, and its synchronous <c>Read</c> is the API the test exercises. Followed through locals assigned
        /// once and tuple elements. The test project's own helpers do not count (a test helper opening a file is framework I/O),
        /// and neither does a value typed as one of the solution's own types (its type already says whose it is).
        /// </summary>
        public bool IsHandedOutByApiUnderTest(IOperation? value, int depth = 0)
        {
            const int MaxDepth = 4;
            var current = value?.WalkDownConversion();
            if (!IsTestProject || current is null || depth > MaxDepth)
            {
                return false;
            }

            // Only a static type that hides where the object comes from (Stream, TextReader, an interface of the framework):
            // a value typed as one of the solution's own types (a test kit's probe that RunWith<TMat> handed back) is
            // judged by that type, and a test kit's blocking calls stay reported.
            if (depth == 0 && current.Type is { } type && (type.TypeKind == TypeKind.TypeParameter || IsSolutionAssembly(type.ContainingAssembly)))
            {
                return false;
            }

            switch (current)
            {
                case IInvocationOperation producer:
                    return IsApiUnderTest(producer.TargetMethod.ContainingAssembly);
                case IPropertyReferenceOperation { Property: var property } when !property.IsIndexer && IsStreamLike(property.Type):
                    // stream.Stream, stream.InputStream: what the library's object holds, handed out by its getter.
                    return IsApiUnderTest(property.ContainingAssembly);
                case IAwaitOperation awaited when awaited.Type is { } result && IsStreamLike(result):
                    // await destination.GetStreamAsync(...): the stream the library's task hands out.
                    return IsHandedOutByApiUnderTest(awaited.Operation.WalkDownConfigureAwait(), depth + 1);
                case IFieldReferenceOperation { Field.ContainingType.IsTupleType: true, Instance: { } tuple }:
                    return IsHandedOutByApiUnderTest(tuple, depth + 1);
                case ILocalReferenceOperation local:
                    return local.Local.OnlyValue(current) is { } assigned && IsHandedOutByApiUnderTest(assigned, depth + 1);
                case IObjectCreationOperation { Type: { } wrapper, Arguments: { Length: > 0 } arguments }
                    when !IsSolutionAssembly(wrapper.ContainingAssembly) && arguments[0].Value.Type is { } inner && IsStreamLike(inner):
                    // A framework reader or wrapper over such a stream (new StreamReader(lease.AsStream())) reads what it reads.
                    return IsHandedOutByApiUnderTest(arguments[0].Value, depth + 1);
                default:
                    return false;
            }
        }

        private bool IsApiUnderTest(IAssemblySymbol? assembly)
            => SystemUnderTest is not null
                ? SymbolEqualityComparer.Default.Equals(assembly, SystemUnderTest)
                : !SymbolEqualityComparer.Default.Equals(assembly, types.Compilation.Assembly) && IsSolutionAssembly(assembly);

        /// <summary>The referenced assembly named like the test project without its test suffix or prefix, if there is one.</summary>
        private static IAssemblySymbol? FindSystemUnderTest(Compilation compilation)
        {
            var name = compilation.AssemblyName;
            if (name is null)
            {
                return null;
            }

            string? tested = null;
            foreach (var suffix in TestSuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    tested = name.Substring(0, name.Length - suffix.Length);
                    break;
                }
            }

            if (tested is null)
            {
                foreach (var prefix in TestPrefixes)
                {
                    if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        tested = name.Substring(prefix.Length);
                        break;
                    }
                }
            }

            if (tested is null)
            {
                return null;
            }

            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (string.Equals(assembly.Name, tested, StringComparison.OrdinalIgnoreCase))
                {
                    return assembly;
                }
            }

            return null;
        }

        private bool IsSolutionAssembly(IAssemblySymbol? assembly)
        {
            if (assembly is null)
            {
                return false;
            }

            return (bool)(solutionAssemblies.TryGetValue(assembly, out var own) ? own : solutionAssemblies.GetOrAdd(assembly, Boxes.Of(IsBuiltBySolution(assembly))));
        }

        /// <summary>
        /// This compilation, a project reference in the IDE, or on the command line an assembly read from a build output
        /// folder (bin/ or obj/) rather than from a package cache or the SDK's reference packs.
        /// </summary>
        private bool IsBuiltBySolution(IAssemblySymbol assembly)
        {
            var compilation = types.Compilation;
            if (SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
            {
                return true;
            }

            switch (compilation.GetMetadataReference(assembly))
            {
                case CompilationReference:
                    return true;
                case PortableExecutableReference { FilePath: { } path }:
                    var normalized = path.Replace('\\', '/').ToLowerInvariant();
                    if (normalized.Contains("nuget") || normalized.Contains("/packages/") || normalized.Contains("/packs/")
                        || normalized.Contains("/dotnet/shared/") || normalized.Contains("/reference assemblies/"))
                    {
                        return false;
                    }

                    return normalized.Contains("/bin/") || normalized.Contains("/obj/");
                default:
                    return false;
            }
        }
    }
}
