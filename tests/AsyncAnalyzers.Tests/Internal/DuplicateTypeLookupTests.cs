using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Callbacks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AsyncAnalyzers.Tests.Internal
{
    /// <summary>
    /// The catalog's lookup when two referenced assemblies define the same type (<see cref="Compilation.GetTypeByMetadataName(string)"/>
    /// answers null unless one is the core library's): the core library's copy, else the only visible one, else none.
    /// </summary>
    public class DuplicateTypeLookupTests
    {
        // A library's own internal copy of a framework type, as polyfill packages compile into netstandard libraries.
        private const string ValueTaskPolyfill = """
            namespace System.Threading.Tasks
            {
                internal readonly struct ValueTask<TResult>
                {
                    public TResult Result => default!;
                }
            }
            """;

        // A library's internal copy of a type the framework defines outside the core library.
        private const string CompletedEventArgsPolyfill = """
            namespace System.ComponentModel
            {
                internal class AsyncCompletedEventArgs : EventArgs
                {
                }
            }
            """;

        private const string PublicAssert = """
            namespace Xunit
            {
                public static class Assert
                {
                    public static void True(bool condition) { }
                }
            }
            """;

        private const string InternalAssert = """
            namespace Xunit
            {
                internal static class Assert
                {
                    public static void True(bool condition) { }
                }
            }
            """;

        private static ImmutableArray<MetadataReference> references;

        [Fact]
        public Task FrameworkTypeAlsoDefinedByAReference_IsReported()
        {
            var test = Test("""
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(ValueTask<int> pending)
                    {
                        await Task.Yield();
                        return {|#0:pending.Result|};
                    }
                }
                """);
            test.TestState.AdditionalProjects["Polyfills"].Sources.Add(ValueTaskPolyfill);
            test.TestState.AdditionalProjectReferences.Add("Polyfills");
            test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Diagnostic(DiagnosticIds.AwaitInsteadOfBlocking).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Fact]
        public Task FrameworkTypeOutsideTheCoreLibraryAlsoDefinedByAReference_IsReported()
        {
            var test = new CSharpAnalyzerVerifier<ConvertEventBasedAsyncToAwaitAnalyzer>.Test
            {
                TestCode = """
                    using System;
                    class C
                    {
                        void M(Uri uri)
                        {
                            var client = new System.Net.WebClient();
                            {|#0:client.DownloadStringCompleted += (s, e) => Console.WriteLine(e.Result)|};
                            client.DownloadStringAsync(uri);
                        }
                    }
                    """,
            };
            test.TestState.AdditionalProjects["Polyfills"].Sources.Add(CompletedEventArgsPolyfill);
            test.TestState.AdditionalProjectReferences.Add("Polyfills");
            test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<ConvertEventBasedAsyncToAwaitAnalyzer>.Diagnostic(DiagnosticIds.ConvertEventBasedAsyncToAwait).WithLocation(0).WithArguments("DownloadStringCompleted", "DownloadStringAsync"));
            return test.RunAsync();
        }

        [Fact]
        public Task FrameworkTypeAlsoDefinedByAReference_CompletedTestedValueTask_IsNotReported()
        {
            var test = Test("""
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(ValueTask<int> pending)
                    {
                        await Task.Yield();
                        return pending.IsCompletedSuccessfully ? pending.Result : 0;
                    }
                }
                """);
            test.TestState.AdditionalProjects["Polyfills"].Sources.Add(ValueTaskPolyfill);
            test.TestState.AdditionalProjectReferences.Add("Polyfills");
            return test.RunAsync();
        }

        [Fact]
        public Task TestFrameworkTypeInTwoReferences_TheVisibleOneProvesCompletion_IsNotReported()
        {
            var test = Test("""
                using System.Threading.Tasks;
                class C
                {
                    async Task<int> M(Task<int> pending)
                    {
                        await Task.Yield();
                        Xunit.Assert.True(pending.IsCompleted);
                        return pending.Result;
                    }
                }
                """);
            test.TestState.AdditionalProjects["TestFramework"].Sources.Add(PublicAssert);
            test.TestState.AdditionalProjects["Shim"].Sources.Add(InternalAssert);
            test.TestState.AdditionalProjectReferences.Add("TestFramework");
            test.TestState.AdditionalProjectReferences.Add("Shim");
            return test.RunAsync();
        }

        [Fact]
        public void CoreLibraryTypeAlsoDefinedByAReference_ResolvesToTheCoreLibrary()
        {
            var compilation = Compilation(ValueTaskPolyfill);

            var type = KnownTypes.Resolve(compilation, "System.Threading.Tasks.ValueTask`1");

            Assert.NotNull(type);
            Assert.Equal(compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly, type!.ContainingAssembly, SymbolEqualityComparer.Default);
        }

        [Fact]
        public void TypeInTwoReferencesOneVisible_ResolvesToTheVisibleOne()
        {
            var compilation = Compilation(PublicAssert, InternalAssert);

            var type = KnownTypes.Resolve(compilation, "Xunit.Assert");

            Assert.NotNull(type);
            Assert.Equal(Accessibility.Public, type!.DeclaredAccessibility);
        }

        [Fact]
        public void TypeInTwoReferencesBothVisible_IsNotGuessed()
        {
            Assert.Null(KnownTypes.Resolve(Compilation(PublicAssert, PublicAssert), "Xunit.Assert"));
        }

        [Fact]
        public void TypeInTwoReferencesNeitherVisible_IsNotGuessed()
        {
            Assert.Null(KnownTypes.Resolve(Compilation(InternalAssert, InternalAssert), "Xunit.Assert"));
        }

        [Fact]
        public void AbsentType_IsNull()
        {
            Assert.Null(KnownTypes.Resolve(Compilation(PublicAssert), "Xunit.FactAttribute"));
        }


        private static CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Test Test(string source)
            => new CSharpAnalyzerVerifier<AwaitInsteadOfBlockingAnalyzer>.Test { TestCode = source };

        /// <summary>A compilation referencing one library per source, each library compiled on its own.</summary>
        private static Compilation Compilation(params string[] librarySources)
        {
            var libraries = ImmutableArray.CreateBuilder<MetadataReference>();
            for (var i = 0; i < librarySources.Length; i++)
            {
                var library = CSharpCompilation.Create(
                    "Library" + i,
                    new[] { CSharpSyntaxTree.ParseText(librarySources[i]) },
                    References(),
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                using var image = new MemoryStream();
                Assert.True(library.Emit(image).Success);
                libraries.Add(MetadataReference.CreateFromImage(image.ToArray()));
            }

            return CSharpCompilation.Create(
                "App",
                new[] { CSharpSyntaxTree.ParseText("class App { }") },
                References().AddRange(libraries),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        private static ImmutableArray<MetadataReference> References()
        {
            if (references.IsDefault)
            {
                references = TestDefaults.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult();
            }

            return references;
        }
    }
}
