using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    internal sealed partial class BlockingCallExclusions
    {
        /// <summary>
        /// In a test project, an operation of a synchronous helper that touches the local file system: a call of
        /// <c>File</c>, <c>Directory</c>, <c>FileInfo</c> or <c>DirectoryInfo</c>, or a read, write or dispose of a
        /// <c>FileStream</c> or of a reader, writer or stream over one (<c>new StreamReader(path)</c>,
        /// <c>new StreamReader(File.OpenRead(path))</c>, a local only ever assigned one). Test helpers write and read the
        /// fixture files their tests use, for synchronous and async tests alike; ASYNC105 does not follow a chain into that
        /// I/O. The same call written in the async test itself stays an ASYNC103 finding.
        /// </summary>
        public bool IsFixtureFileAccess(IOperation operation)
        {
            if (!IsTestProject)
            {
                return false;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (IsFileSystemType(method.ContainingType))
                    {
                        return true;
                    }

                    var receiver = invocation.Instance
                        ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    return receiver is not null && HoldsFileData(receiver);
                case IPropertyReferenceOperation { Instance: { } instance }:
                    return HoldsFileData(instance);
                case IUsingOperation { Resources: var resources }:
                    return AllHoldFileData(resources);
                case IUsingDeclarationOperation { DeclarationGroup: var group }:
                    return AllHoldFileData(group);
                default:
                    return false;
            }
        }

        private bool AllHoldFileData(IOperation resources)
        {
            var any = false;
            foreach (var declarator in resources.Descendants())
            {
                if (declarator is IVariableDeclaratorOperation { Initializer.Value: { } value })
                {
                    if (!HoldsFileData(value))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any || HoldsFileData(resources);
        }

        /// <summary>A file stream, or a reader, writer or stream over one or over a path; followed through locals assigned once.</summary>
        private bool HoldsFileData(IOperation? value, int depth = 0)
        {
            const int MaxDepth = 4;
            var current = value?.WalkDownConversion();
            if (current is null || depth > MaxDepth)
            {
                return false;
            }

            if (IsFileStream(current.Type))
            {
                return true;
            }

            switch (current)
            {
                case IObjectCreationOperation { Type: { } created, Arguments: { Length: > 0 } arguments } when IsStreamLike(created):
                    // new StreamReader(path), new StreamWriter(path, append): the framework opens the file; a wrapper over a
                    // stream reads or writes what that stream does.
                    var inner = arguments[0].Value.WalkDownConversion();
                    return inner.Type?.SpecialType == SpecialType.System_String
                        ? created.Name is "StreamReader" or "StreamWriter" && NamespaceNames.Is(created.ContainingNamespace, "System.IO")
                        : inner.Type is { } innerType && IsStreamLike(innerType) && HoldsFileData(inner, depth + 1);
                case IInvocationOperation producer:
                    // File.OpenRead(path), File.CreateText(path), new FileInfo(path).OpenText().
                    return IsFileSystemType(producer.TargetMethod.ContainingType) && producer.Type is { } produced && IsStreamLike(produced);
                case ILocalReferenceOperation local:
                    return local.Local.OnlyValue(current) is { } assigned && HoldsFileData(assigned, depth + 1);
                default:
                    return false;
            }
        }

        private static bool IsFileStream(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "FileStream" && NamespaceNames.Is(current.ContainingNamespace, "System.IO"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFileSystemType(ITypeSymbol? type)
            => type is { Name: "File" or "Directory" or "FileInfo" or "DirectoryInfo" or "FileSystemInfo" }
                && NamespaceNames.Is(type.ContainingNamespace, "System.IO");
    }
}
