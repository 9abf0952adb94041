using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>
    /// One referenced assembly's extension-method classes (top-level static classes marked <c>[Extension]</c>) by the names
    /// of their methods. For an assembly read from a file it is built from the raw metadata tables: no namespace or type
    /// symbol is created until a call asks for a name (the symbol walk it replaces loaded every namespace of mscorlib,
    /// System and System.Core into the compilation, most of the package's start-up on .NET Framework targets). An assembly
    /// without a file (a project reference in the IDE) is walked through its symbols.
    /// </summary>
    internal sealed class ExtensionClassIndex
    {
        private const string ExtensionAttributeNamespace = "System.Runtime.CompilerServices";
        private const string ExtensionAttributeName = "ExtensionAttribute";

        private readonly IAssemblySymbol assembly;
        private readonly Dictionary<string, List<string>>? classNamesByMethod;
        private readonly Dictionary<string, List<INamedTypeSymbol>>? classesByMember;
        // Boxed ImmutableArray values: a dictionary over a struct value is JIT-compiled anew in every compiler process.
        private readonly ConcurrentDictionary<string, object> byName = new(StringComparer.Ordinal);

        private ExtensionClassIndex(IAssemblySymbol assembly, Dictionary<string, List<string>>? classNamesByMethod, Dictionary<string, List<INamedTypeSymbol>>? classesByMember)
        {
            this.assembly = assembly;
            this.classNamesByMethod = classNamesByMethod;
            this.classesByMember = classesByMember;
        }

        public static ExtensionClassIndex Create(Compilation compilation, IAssemblySymbol assembly)
        {
            return FromMetadata(compilation, assembly) is { } names
                ? new ExtensionClassIndex(assembly, names, null)
                : new ExtensionClassIndex(assembly, null, FromSymbols(assembly));
        }

        /// <summary>The extension classes of this assembly that declare a member named <paramref name="name"/>.</summary>
        public ImmutableArray<INamedTypeSymbol> ClassesDeclaring(string name)
        {
            // Most names asked for are declared by no extension class of the assembly: answered from the read-only maps,
            // without an entry in the shared cache (thousands of misses per compilation, times every indexed assembly,
            // made the cache's locks the hot spot of large test projects).
            if (classesByMember is not null ? !classesByMember.ContainsKey(name) : classNamesByMethod is null || !classNamesByMethod.ContainsKey(name))
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            return (ImmutableArray<INamedTypeSymbol>)(byName.TryGetValue(name, out var known) ? known : byName.GetOrAdd(name, Resolve(name)));
        }

        private ImmutableArray<INamedTypeSymbol> Resolve(string name)
        {
            if (classesByMember is not null)
            {
                return classesByMember.TryGetValue(name, out var classes) ? classes.ToImmutableArray() : ImmutableArray<INamedTypeSymbol>.Empty;
            }

            if (classNamesByMethod is null || !classNamesByMethod.TryGetValue(name, out var metadataNames))
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(metadataNames.Count);
            foreach (var metadataName in metadataNames)
            {
                if (assembly.GetTypeByMetadataName(metadataName) is { } type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Method name to the metadata names of the top-level static [Extension] classes declaring it; null without a file.</summary>
        private static Dictionary<string, List<string>>? FromMetadata(Compilation compilation, IAssemblySymbol assembly)
        {
            if (compilation.GetMetadataReference(assembly) is not PortableExecutableReference reference)
            {
                return null;
            }

            try
            {
                if (reference.GetMetadata() is not AssemblyMetadata metadata)
                {
                    return null;
                }

                var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var module in metadata.GetModules())
                {
                    AddModule(module.GetMetadataReader(), result);
                }

                return result;
            }
            catch (BadImageFormatException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static void AddModule(MetadataReader reader, Dictionary<string, List<string>> result)
        {
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                const TypeAttributes Static = TypeAttributes.Abstract | TypeAttributes.Sealed;
                if (!type.GetDeclaringType().IsNil || (type.Attributes & Static) != Static || !HasExtensionAttribute(reader, type.GetCustomAttributes()))
                {
                    continue;
                }

                var ns = reader.GetString(type.Namespace);
                var name = reader.GetString(type.Name);
                var metadataName = ns.Length == 0 ? name : ns + "." + name;
                foreach (var methodHandle in type.GetMethods())
                {
                    // Only methods that may return an awaitable are looked for: the others (Enumerable.Where, MemoryExtensions.Contains)
                    // would make every call of a common name decode whole classes for nothing.
                    var methodDefinition = reader.GetMethodDefinition(methodHandle);
                    if (!MayReturnAwaitable(reader, methodDefinition))
                    {
                        continue;
                    }

                    var methodName = reader.GetString(methodDefinition.Name);
                    if (!result.TryGetValue(methodName, out var classes))
                    {
                        result.Add(methodName, classes = new List<string>());
                    }

                    // Overloads follow each other: one entry per class.
                    if (classes.Count == 0 || !ReferenceEquals(classes[classes.Count - 1], metadataName))
                    {
                        classes.Add(metadataName);
                    }
                }
            }
        }

        /// <summary>
        /// False when the signature's return type cannot be an awaitable type (Task, ValueTask or a task-like type with
        /// [AsyncMethodBuilder]): void, primitives, string, object, arrays, pointers, type parameters, and types of the
        /// System namespaces other than System.Threading.Tasks. Anything unusual or undecodable answers true.
        /// </summary>
        private static bool MayReturnAwaitable(MetadataReader reader, MethodDefinition method)
        {
            try
            {
                var blob = reader.GetBlobReader(method.Signature);
                var header = blob.ReadSignatureHeader();
                if (header.IsGeneric)
                {
                    blob.ReadCompressedInteger();
                }

                blob.ReadCompressedInteger();
                while (true)
                {
                    switch (blob.ReadSignatureTypeCode())
                    {
                        case SignatureTypeCode.RequiredModifier:
                        case SignatureTypeCode.OptionalModifier:
                            blob.ReadTypeHandle();
                            continue;
                        case SignatureTypeCode.ByReference:
                            continue;
                        case SignatureTypeCode.GenericTypeInstance:
                            blob.ReadSignatureTypeCode();
                            return MayBeTaskLike(reader, blob.ReadTypeHandle());
                        case SignatureTypeCode.TypeHandle:
                            return MayBeTaskLike(reader, blob.ReadTypeHandle());
                        default:
                            return false;
                    }
                }
            }
            catch (BadImageFormatException)
            {
                return true;
            }
        }

        private static bool MayBeTaskLike(MetadataReader reader, EntityHandle handle)
        {
            StringHandle ns;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    var definition = reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                    if (!definition.GetDeclaringType().IsNil)
                    {
                        return true;
                    }

                    ns = definition.Namespace;
                    break;
                case HandleKind.TypeReference:
                    var reference = reader.GetTypeReference((TypeReferenceHandle)handle);
                    if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
                    {
                        return true;
                    }

                    ns = reference.Namespace;
                    break;
                default:
                    return true;
            }

            var comparer = reader.StringComparer;
            if (comparer.Equals(ns, "System.Threading.Tasks") || comparer.StartsWith(ns, "System.Threading.Tasks."))
            {
                return true;
            }

            return !(comparer.Equals(ns, "System") || comparer.StartsWith(ns, "System."));
        }

        private static bool HasExtensionAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes)
        {
            foreach (var handle in attributes)
            {
                var constructor = reader.GetCustomAttribute(handle).Constructor;
                switch (constructor.Kind)
                {
                    case HandleKind.MemberReference:
                        var parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                        if (parent.Kind == HandleKind.TypeReference)
                        {
                            var typeReference = reader.GetTypeReference((TypeReferenceHandle)parent);
                            if (reader.StringComparer.Equals(typeReference.Name, ExtensionAttributeName)
                                && reader.StringComparer.Equals(typeReference.Namespace, ExtensionAttributeNamespace))
                            {
                                return true;
                            }
                        }

                        break;
                    case HandleKind.MethodDefinition:
                        // The attribute defined in this very assembly (mscorlib, System.Runtime).
                        var declaring = reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                        if (reader.StringComparer.Equals(declaring.Name, ExtensionAttributeName)
                            && reader.StringComparer.Equals(declaring.Namespace, ExtensionAttributeNamespace))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>The symbol walk, for assemblies that are not read from a file.</summary>
        private static Dictionary<string, List<INamedTypeSymbol>> FromSymbols(IAssemblySymbol assembly)
        {
            var result = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
            var pending = new Stack<INamespaceSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceSymbol nested)
                    {
                        pending.Push(nested);
                    }
                    else if (member is INamedTypeSymbol { IsStatic: true, MightContainExtensionMethods: true } type)
                    {
                        foreach (var name in type.MemberNames)
                        {
                            if (!result.TryGetValue(name, out var list))
                            {
                                result.Add(name, list = new List<INamedTypeSymbol>());
                            }

                            list.Add(type);
                        }
                    }
                }
            }

            return result;
        }
    }
}
