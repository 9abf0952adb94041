using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>Which types have a DisposeAsync of their own, resolved once per type per compilation.</summary>
    internal sealed class AsyncDisposables
    {
        private readonly IMethodSymbol disposeAsync;
        private readonly INamedTypeSymbol asyncDisposable;
        private readonly ImmutableArray<INamedTypeSymbol> defaultImplementations;
        private readonly ImmutableArray<INamedTypeSymbol> excluded;
        private readonly BlockingCallExclusions exclusions;
        private const int ReadAccess = 1; // FileAccess.Read
        private const int DecompressMode = 0; // CompressionMode.Decompress

        private readonly INamedTypeSymbol? file;
        private readonly INamedTypeSymbol? fileAccess;
        private readonly INamedTypeSymbol? compressionMode;
        // Boxed bool values (Boxes): a dictionary over a struct value is JIT-compiled anew in every compiler process.
        private readonly ConcurrentDictionary<ITypeSymbol, object> cache = new ConcurrentDictionary<ITypeSymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>The compilation's catalog this set was built from.</summary>
        public KnownTypes Types { get; }

        private AsyncDisposables(KnownTypes types, INamedTypeSymbol asyncDisposable, IMethodSymbol disposeAsync)
        {
            Types = types;
            this.asyncDisposable = asyncDisposable;
            this.disposeAsync = disposeAsync;
            exclusions = BlockingCallExclusions.For(types);
            file = types.GetTypeByMetadataName("System.IO.File");
            fileAccess = types.GetTypeByMetadataName("System.IO.FileAccess");
            compressionMode = types.GetTypeByMetadataName("System.IO.Compression.CompressionMode");
            defaultImplementations = Resolve(
                types,
                "System.IO.Stream",
                "System.IO.TextWriter",
                "System.Data.Common.DbConnection",
                "System.Data.Common.DbCommand",
                "System.Data.Common.DbDataReader",
                "System.Data.Common.DbTransaction",
                "System.Data.Common.DbBatch");

            // Timer.DisposeAsync also waits for running callbacks to finish, which Dispose() does not: not the same operation.
            // CancellationTokenRegistration.Dispose waits only while its callback happens to be running, for as long as the
            // callback takes (typically a TrySetCanceled): reporting every 'using var registration' would be noise.
            excluded = Resolve(types, "System.Threading.Timer", "System.Threading.CancellationTokenRegistration");
        }

        public static AsyncDisposables? Create(KnownTypes types)
        {
            var asyncDisposable = types.AsyncDisposable;
            if (asyncDisposable is null)
            {
                return null;
            }

            foreach (var member in asyncDisposable.GetMembers("DisposeAsync"))
            {
                if (member is IMethodSymbol method)
                {
                    return new AsyncDisposables(types, asyncDisposable, method);
                }
            }

            return null;
        }

        /// <summary>
        /// A stream opened only for reading: <c>File.OpenRead(...)</c>, a call or constructor given <c>FileAccess.Read</c>, or
        /// a compression stream given <c>CompressionMode.Decompress</c>. It has no write buffer, so its DisposeAsync only
        /// closes the handle, synchronously, like Dispose.
        /// </summary>
        public bool IsOpenedForReading(IOperation? resource)
        {
            // A reader or writer over memory (new JsonTextReader(new StreamReader(memoryStream))): nothing to flush to I/O.
            if (resource is not null && exclusions.HoldsInMemoryData(resource))
            {
                return true;
            }

            ImmutableArray<IArgumentOperation> arguments;
            switch (resource?.WalkDownConversion())
            {
                case IInvocationOperation { TargetMethod: { Name: "OpenRead", IsStatic: true } method } when KnownTypes.Is(method.ContainingType, file):
                    return true;
                case IInvocationOperation invocation:
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                default:
                    return false;
            }

            foreach (var argument in arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value.ConstantValue is not { HasValue: true, Value: int constant })
                {
                    continue;
                }

                if ((KnownTypes.Is(value.Type, fileAccess) && constant == ReadAccess)
                    || (KnownTypes.Is(value.Type, compressionMode) && constant == DecompressMode))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A data reader that the code reads to the end before its <c>using</c> ends: the last statement of the scope that uses
        /// it is a loop that runs until <c>Read</c>/<c>ReadAsync</c> or <c>NextResult</c>/<c>NextResultAsync</c> returns false,
        /// with no <c>break</c>, <c>return</c> or <c>goto</c> out of it. Its Dispose then has nothing left to read; only an
        /// exception leaves rows behind, and failure paths are not findings.
        /// </summary>
        public bool IsReadToTheEnd(IOperation usingOperation, ILocalSymbol local)
        {
            if (Types.DbDataReader is not { } reader || !KnownTypes.IsOrDerivesFrom(local.Type, reader))
            {
                return false;
            }

            IOperation? last = null;
            switch (usingOperation)
            {
                case IUsingOperation { Body: IBlockOperation body }:
                    last = LastUse(body.Operations, 0, local);
                    break;
                case IUsingOperation { Body: { } single }:
                    last = Uses(single, local) ? single : null;
                    break;
                case IUsingDeclarationOperation { Parent: IBlockOperation block } declaration:
                    last = LastUse(block.Operations, block.Operations.IndexOf(declaration) + 1, local);
                    break;
            }

            return last is IWhileLoopOperation { ConditionIsUntil: false, Condition: { } condition } loop
                && ReadsOn(condition, local)
                && !LeavesEarly(loop);
        }

        /// <summary>
        /// A resource whose only use in its <c>using</c> scope is to be handed to synchronous APIs of other assemblies that have
        /// no async form (<c>using (var file = File.Create(p)) { conn.ExportConfiguration(file); }</c>), besides reading its
        /// properties. Its data is written (or read) synchronously whatever the code does, and <c>await using</c> would only
        /// move the last flush of a buffer: no finding. A use with an async form (<c>file.Write</c>, <c>Serialize(file, x)</c>,
        /// which ASYNC103 reports), a wrapper, a helper of the compilation or any other use keeps the finding.
        /// </summary>
        public bool IsOnlyHandedToSyncOnlyApis(IOperation usingOperation, ILocalSymbol local, ISymbol? containingSymbol)
        {
            IOperation? scope = usingOperation switch
            {
                IUsingOperation { Body: { } body } => body,
                IUsingDeclarationOperation { Parent: IBlockOperation block } => block,
                _ => null,
            };

            if (scope is null)
            {
                return false;
            }

            var handedOn = false;
            foreach (var descendant in scope.Descendants())
            {
                if (descendant is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var use = reference.WalkUpConversion();
                switch (use.Parent)
                {
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property when ReferenceEquals(property.Instance, use) && !IsWritten(property):
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } when IsSyncOnlyApiOfAnotherAssembly(call, containingSymbol):
                        handedOn = true;
                        continue;
                    default:
                        return false;
                }
            }

            return handedOn;
        }

        private static bool IsWritten(IOperation property)
            => property.WalkUpConversion().Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, property.WalkUpConversion());

        private bool IsSyncOnlyApiOfAnotherAssembly(IInvocationOperation call, ISymbol? containingSymbol)
        {
            var method = call.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || method.Name == "Dispose" || Types.IsAwaitableReturnType(method.ReturnType)
                || SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Types.Compilation.Assembly) || call.SemanticModel is not { } model)
            {
                return false;
            }

            var calledAsExtension = method.IsExtensionMethod && call.Instance is null && method.ReducedFrom is null && call.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax };
            var receiverType = calledAsExtension ? call.Arguments[0].Value.WalkDownConversion().Type : method.IsStatic ? null : call.Instance?.Type;
            return AsyncCounterpartResolver.For(Types).Find(method, receiverType, calledAsExtension, model, call.Syntax.SpanStart, containingSymbol, null, null, call) is null;
        }

        /// <summary>
        /// A writer or stream whose last use before its <c>using</c> ends is an awaited <c>FlushAsync</c> of its own
        /// (<c>await WriteToAsync(stream); await stream.FlushAsync(ct);</c>): its buffer is already written, and Dispose only
        /// closes the handle. Only an exception between the flush and the end skips it, and failure paths are not findings.
        /// The same for an awaited <c>CloseAsync</c> of its own (a channel, a connection, a WebSocket closed asynchronously:
        /// Dispose has nothing left to close), also as the last statement of a <c>finally</c> that is the last use.
        /// </summary>
        public static bool IsFlushedAsyncAtTheEnd(IOperation usingOperation, ILocalSymbol local)
        {
            var last = usingOperation switch
            {
                IUsingOperation { Body: IBlockOperation body } => LastUse(body.Operations, 0, local),
                IUsingOperation { Body: { } single } => Uses(single, local) ? single : null,
                IUsingDeclarationOperation { Parent: IBlockOperation block } declaration => LastUse(block.Operations, block.Operations.IndexOf(declaration) + 1, local),
                _ => null,
            };

            // try { ... } finally { await channel.CloseAsync(); }: the finally runs on every way out of the try.
            if (last is ITryOperation { Finally.Operations: { Length: > 0 } closing })
            {
                last = closing[closing.Length - 1];
            }

            var awaited = (last as IExpressionStatementOperation)?.Operation.WalkDownConversion() as IAwaitOperation;
            var flushed = awaited?.Operation.WalkDownConfigureAwait();
            if (flushed is not IInvocationOperation { TargetMethod.Name: "FlushAsync" or "CloseAsync" } call)
            {
                return false;
            }

            // channel.CloseAsync() may be an extension method of the channel's interface.
            var target = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value.WalkDownConversion() : null);
            return target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        private static IOperation? LastUse(ImmutableArray<IOperation> statements, int start, ILocalSymbol local)
        {
            for (var i = statements.Length - 1; i >= start; i--)
            {
                if (Uses(statements[i], local))
                {
                    return statements[i];
                }
            }

            return null;
        }

        /// <summary>Any use of the local other than reading one of its properties (<c>reader.RecordsAffected</c> reads nothing more).</summary>
        private static bool Uses(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && reference.Parent is not IPropertyReferenceOperation { Property.IsIndexer: false })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>await r.ReadAsync(ct)</c>, <c>r.Read()</c>, <c>await r.NextResultAsync().ConfigureAwait(false)</c> on the local.</summary>
        private static bool ReadsOn(IOperation condition, ILocalSymbol local)
        {
            var current = condition.WalkDownConversion();
            if (current is IAwaitOperation awaited)
            {
                current = awaited.Operation.WalkDownConfigureAwait();
            }

            return current is IInvocationOperation { TargetMethod.Name: "Read" or "ReadAsync" or "NextResult" or "NextResultAsync", Instance: ILocalReferenceOperation reference }
                && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        /// <summary>A <c>return</c>, a <c>goto</c>, or a <c>break</c> of this loop inside its body (lambdas and local functions aside).</summary>
        private static bool LeavesEarly(IWhileLoopOperation loop)
        {
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(loop.Body);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IReturnOperation:
                    case IBranchOperation { BranchKind: BranchKind.GoTo }:
                        return true;
                    case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                        return true;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }

        /// <summary>
        /// ASYNC104's test of an explicit <c>x.Dispose()</c> (also <c>x?.Dispose()</c>) in <paramref name="function"/> (the
        /// innermost function around it): <see cref="IsExplicitDispose"/>, outside a <c>DisposeAsync</c>. ASYNC105 leaves
        /// exactly these calls to ASYNC104, so that a call carries one finding and none is lost between the two.
        /// </summary>
        public bool IsDisposeToReport(IInvocationOperation invocation, IMethodSymbol? function)
            => IsExplicitDispose(invocation, out _) && !IsDisposeAsync(function);

        /// <summary>
        /// The syntax-level half of <see cref="IsDisposeToReport"/>, cheap enough to ask first: a call on another object (not
        /// <c>this</c>), not created and disposed in one expression, of a type with its own DisposeAsync, outside a <c>lock</c>.
        /// </summary>
        public bool IsExplicitDispose(IInvocationOperation invocation, out IOperation receiver)
        {
            receiver = invocation;
            var method = invocation.TargetMethod;
            if (method.Name != "Dispose" || method.IsStatic || !method.ReturnsVoid || method.Parameters.Length != 0 || invocation.Instance is null)
            {
                return false;
            }

            // this.Dispose()/base.Dispose(): a type disposing itself, typically inside its own DisposeAsync.
            receiver = invocation.Instance.WalkDownConversion();
            return receiver is not IInstanceReferenceOperation
                && !IsDisposedUnused(receiver)
                && HasOwnDisposeAsync(receiver.Type)
                && !invocation.IsInsideLock();
        }

        /// <summary>A type's own <c>DisposeAsync</c>, where disposing what it holds synchronously is its choice.</summary>
        public static bool IsDisposeAsync(IMethodSymbol? function) => function is { Name: "DisposeAsync" };

        /// <summary>
        /// An object created where it is disposed, from nothing else that holds data: <c>File.Create(path).Dispose()</c>,
        /// <c>new FileStream(...).Dispose()</c>, the resource of <c>using (File.Create(path)) { }</c>. A constructor call, or a
        /// <c>Create</c>/<c>Open</c>/<c>OpenWrite</c>/<c>CreateText</c>/<c>AppendText</c> of <c>System.IO</c>. A creation handed
        /// another disposable (<c>new StreamWriter(file)</c>) is not one: disposing it also disposes, and flushes, what it wraps.
        /// </summary>
        public static bool IsDisposedUnused(IOperation? receiver)
        {
            ImmutableArray<IArgumentOperation> arguments;
            switch (receiver?.WalkDownConversion())
            {
                case IObjectCreationOperation creation:
                    arguments = creation.Arguments;
                    break;
                case IInvocationOperation { TargetMethod: { Name: "Create" or "Open" or "OpenWrite" or "CreateText" or "AppendText" } method } call
                    when IsSystemIO(method.ContainingType?.ContainingNamespace):
                    arguments = call.Arguments;
                    break;
                default:
                    return false;
            }

            foreach (var argument in arguments)
            {
                if (IsDisposable(argument.Value.WalkDownConversion().Type))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSystemIO(INamespaceSymbol? ns)
            => ns is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>
        /// Nothing in a <c>using</c>'s scope wrote through its resource: the object was created there
        /// (<see cref="IsDisposedUnused"/>), the scope never names it (an expression resource, or a local never used besides
        /// reading its properties), and the scope has no code that could reach it another way. A stream, reader or writer is
        /// written only through a reference to it; any other object may have registered itself where the scope's code finds
        /// it (an ambient scope), so for those the scope must be empty.
        /// </summary>
        private static bool IsUnusedInItsScope(IOperation usingOperation, IOperation? creation, ILocalSymbol? local)
        {
            if (!IsDisposedUnused(creation))
            {
                return false;
            }

            bool unnamed;
            bool empty;
            switch (usingOperation)
            {
                case IUsingOperation { Body: { } body }:
                    unnamed = local is null || !Names(body, local);
                    empty = body is IBlockOperation { Operations.Length: 0 };
                    break;
                case IUsingDeclarationOperation { Parent: IBlockOperation block } declaration when local is not null:
                    var next = block.Operations.IndexOf(declaration) + 1;
                    unnamed = true;
                    for (var i = next; i < block.Operations.Length && unnamed; i++)
                    {
                        unnamed = !Names(block.Operations[i], local);
                    }

                    empty = next == block.Operations.Length;
                    break;
                default:
                    return false;
            }

            return unnamed && (empty || IsWrittenOnlyThroughAReference(creation!.WalkDownConversion().Type));
        }

        /// <summary>Any use of the local but reading a property whose value is a value type or a string (<c>f.Name</c>, <c>f.Length</c>; not <c>w.BaseStream</c>).</summary>
        private static bool Names(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !(reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: false } property
                        && property.Type is { } valueType && (valueType.IsValueType || valueType.SpecialType == SpecialType.System_String)
                        && !IsWritten(property)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A stream, reader or writer of the framework (a type of the compilation may do anything in its DisposeAsync).</summary>
        private static bool IsWrittenOnlyThroughAReference(ITypeSymbol? type)
        {
            if (type is null || !type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "Stream" or "TextWriter" or "TextReader" && IsSystemIO(current.ContainingNamespace))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDisposable(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_IDisposable || IsAsyncDisposableByName(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_IDisposable || IsAsyncDisposableByName(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// ASYNC104's test of one variable a synchronous <c>using</c> (statement or declaration) disposes, shared with the helper
        /// summaries' leaf: a type with its own DisposeAsync, not opened only for reading, not read to the end, not flushed
        /// asynchronously at the end, not handed only to synchronous APIs that have no async form, and not created there and
        /// never used (<c>using (var f = File.Create(path)) { }</c>: <see cref="IsUnusedInItsScope"/>).
        /// </summary>
        public bool IsDeclaredResourceToReport(IOperation usingOperation, IVariableDeclarationOperation declaration, IVariableDeclaratorOperation declarator, ISymbol? owner)
            => HasOwnDisposeAsync(declarator.Symbol.Type)
                && !IsOpenedForReading(declarator.Initializer?.Value ?? declaration.Initializer?.Value)
                && !IsReadToTheEnd(usingOperation, declarator.Symbol)
                && !IsFlushedAsyncAtTheEnd(usingOperation, declarator.Symbol)
                && !IsOnlyHandedToSyncOnlyApis(usingOperation, declarator.Symbol, owner)
                && !IsUnusedInItsScope(usingOperation, declarator.Initializer?.Value ?? declaration.Initializer?.Value, declarator.Symbol);

        /// <summary>
        /// ASYNC104's test of a <c>using</c> statement whose resource is an expression (<c>using (OpenLog()) { ... }</c>), shared
        /// with the helper summaries' leaf.
        /// </summary>
        public bool IsExpressionResourceToReport(IOperation usingOperation, IOperation resource)
            => HasOwnDisposeAsync(resource.WalkDownConversion().Type) && !IsOpenedForReading(resource) && !IsUnusedInItsScope(usingOperation, resource, null);

        /// <summary>
        /// The cheap question before <see cref="HasOwnDisposeAsync"/>: is the type System.IAsyncDisposable or does it implement
        /// it? Answered from names, so that the catalog is built only for code that has such a type.
        /// </summary>
        public static bool MayImplementAsyncDisposable(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.Dynamic or TypeKind.Pointer)
            {
                return false;
            }

            if (IsAsyncDisposableByName(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsAsyncDisposableByName(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAsyncDisposableByName(ITypeSymbol type)
        {
            return type is INamedTypeSymbol { Name: "IAsyncDisposable", Arity: 0, ContainingType: null } named
                && named.ContainingNamespace is { Name: "System" } ns
                && ns.ContainingNamespace is { IsGlobalNamespace: true };
        }

        public bool HasOwnDisposeAsync(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic)
            {
                return false;
            }

            return (bool)(cache.TryGetValue(type, out var known) ? known : cache.GetOrAdd(type, Boxes.Of(Compute(type))));
        }

        private bool Compute(ITypeSymbol type)
        {
            if (exclusions.IsInMemory(type) || IsOrDerivesFrom(excluded, type) || IsSqlite(type))
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                return KnownTypes.Is(type, asyncDisposable) || Implements(type, asyncDisposable);
            }

            if (!Implements(type, asyncDisposable) || type.FindImplementationForInterfaceMember(disposeAsync) is not IMethodSymbol implementation)
            {
                return false;
            }

            // The declaring type of the DisposeAsync that runs: a default implementation that only calls Dispose() does not count,
            // nor does one of this compilation written the same way.
            var runs = MostDerivedOverride(type, implementation);
            return !ContainsExactly(defaultImplementations, runs.ContainingType) && !OnlyCallsDispose(runs);
        }

        /// <summary>
        /// <c>public override ValueTask DisposeAsync() { Dispose(); return default; }</c>: a DisposeAsync of source whose body
        /// only calls <c>Dispose</c> (and <c>GC.SuppressFinalize</c>), or only sets state to constants (<c>IsDisposed = true</c>),
        /// and returns a completed task. Awaiting it does no more than <c>Dispose()</c> does, synchronously.
        /// </summary>
        private static bool OnlyCallsDispose(IMethodSymbol method)
        {
            var disposes = false;
            var setsState = false;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not MethodDeclarationSyntax declaration)
                {
                    return false;
                }

                if (declaration.ExpressionBody is not null || declaration.Body is not { } body)
                {
                    return false;
                }

                foreach (var statement in body.Statements)
                {
                    switch (statement)
                    {
                        case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when CalledName(call) == "Dispose":
                            disposes = true;
                            break;
                        case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when CalledName(call) == "SuppressFinalize":
                            break;
                        case ReturnStatementSyntax { Expression: { } returned } when IsCompletedTask(returned):
                            break;
                        case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }, Right: LiteralExpressionSyntax } }:
                            // IsDisposed = true: state, no I/O.
                            setsState = true;
                            break;
                        default:
                            return false;
                    }
                }
            }

            return disposes || setsState;
        }

        /// <summary><c>Dispose()</c>, <c>this.Dispose(true)</c>, <c>GC.SuppressFinalize(this)</c>: the name called; null for anything else.</summary>
        private static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "GC" }, Name.Identifier.ValueText: "SuppressFinalize" } => "SuppressFinalize",
            _ => null,
        };

        /// <summary><c>default</c>, <c>default(ValueTask)</c>, <c>new ValueTask()</c>, <c>new()</c>, <c>ValueTask.CompletedTask</c>, <c>Task.CompletedTask</c>.</summary>
        private static bool IsCompletedTask(ExpressionSyntax returned) => returned switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression),
            DefaultExpressionSyntax => true,
            ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Type: IdentifierNameSyntax { Identifier.ValueText: "ValueTask" } } => true,
            ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: IdentifierNameSyntax { Identifier.ValueText: "ValueTask" or "Task" } } => true,
            _ => false,
        };

        /// <summary>The interface implementation as it runs on <paramref name="type"/>: the last override of it down the hierarchy.</summary>
        private static IMethodSymbol MostDerivedOverride(ITypeSymbol type, IMethodSymbol implementation)
        {
            if (!implementation.IsVirtual && !implementation.IsAbstract && !implementation.IsOverride)
            {
                return implementation;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(implementation.Name))
                {
                    for (var method = member as IMethodSymbol; method is not null; method = method.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, implementation.OriginalDefinition))
                        {
                            return (IMethodSymbol)member;
                        }
                    }
                }
            }

            return implementation;
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (KnownTypes.Is(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOrDerivesFrom(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (ContainsExactly(list, current))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsExactly(ImmutableArray<INamedTypeSymbol> list, ITypeSymbol type)
        {
            foreach (var item in list)
            {
                if (KnownTypes.Is(type.OriginalDefinition, item))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Microsoft.Data.Sqlite's async methods run synchronously; its DisposeAsync is no exception.</summary>
        private static bool IsSqlite(ITypeSymbol type)
        {
            return NamespaceNames.IsOrInside(type.ContainingNamespace, "Microsoft.Data.Sqlite");
        }

        private static ImmutableArray<INamedTypeSymbol> Resolve(KnownTypes types, params string[] names)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in names)
            {
                if (types.GetTypeByMetadataName(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }
}
