using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer,
    AsyncAnalyzers.CodeFixes.Blocking.UseAsyncCounterpartFixer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// A synchronous method that takes an array, an offset and a count whose twin takes one <c>Memory&lt;T&gt;</c>
    /// (<c>Socket.Send(buffer, offset, size, flags)</c> and <c>SendAsync(ReadOnlyMemory&lt;byte&gt;, flags, ct)</c>): the
    /// fix writes <c>buffer.AsMemory(offset, size)</c> (SSH.NET, session 18's open question 6).
    /// </summary>
    public partial class UseAsyncCounterpartTests
    {
        private const string Sockets = "using System.Net;\nusing System.Net.Sockets;\n";

        private const string Channel = """
            public class Channel
            {
                public int Write(byte[] data, int offset, int count) => count;
                public Task<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => Task.FromResult(data.Length);
                public int Fill(char[] text, int start, long count) => 0;
                public Task<int> FillAsync(Memory<char> text, CancellationToken cancellationToken = default) => Task.FromResult(0);
                public int Copy(byte[] data, int offset, int count) => count;
                public void Post(byte[] payload, int timeoutMs, int retries) { }
                public Task PostAsync(ReadOnlyMemory<byte> payload) => Task.CompletedTask;
                public Task<int> CopyAsync(Memory<char> data, CancellationToken cancellationToken = default) => Task.FromResult(0);
            }

            """;

        [Theory]
        [InlineData("async Task M(Socket socket, byte[] buffer, int n) { {|#0:socket.Send(buffer, 0, n, SocketFlags.None)|}; }", "Socket.Send", "socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None)")]
        [InlineData("async Task M(Socket socket, byte[] buffer, int at, int n) { var read = {|#0:socket.Receive(buffer, at, n, SocketFlags.None)|}; }", "Socket.Receive", "socket.ReceiveAsync(buffer.AsMemory(at, n), SocketFlags.None)")]
        [InlineData("async Task M(Socket socket, byte[] buffer, int n, CancellationToken ct) { {|#0:socket.Send(buffer, 0, n, SocketFlags.None)|}; }", "Socket.Send", "socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct)")]
        [InlineData("async Task M(Channel channel, byte[] data) { {|#0:channel.Write(data, 1, data.Length - 1)|}; }", "Channel.Write", "channel.WriteAsync(data.AsMemory(1, data.Length - 1))")]
        // An exact twin is preferred to the slice.
        [InlineData("async Task M(Stream s, byte[] b) { var n = {|#0:s.Read(b, 0, 2)|}; }", "Stream.Read", "s.ReadAsync(b, 0, 2)")]
        [InlineData("async Task M(TextWriter w, char[] c) { {|#0:w.Write(c, 0, 1)|}; }", "TextWriter.Write", "w.WriteAsync(c, 0, 1)")]
        public Task ArrayOffsetAndCountWithAMemoryTwin_IsReported(string member, string call, string replacement)
            => Verify.VerifyAnalyzerAsync(Usings + Sockets + Channel + "class C { " + member + " }", Diagnostic(call, replacement));

        [Theory]
        // A datagram send hands one packet to the kernel, like UdpClient.Send.
        [InlineData("async Task M(Socket socket, byte[] buffer, int n, EndPoint to) { await Task.Yield(); socket.SendTo(buffer, 0, n, SocketFlags.None, to); }")]
        // Named arguments: the slice is written from positions, so no counterpart is claimed.
        [InlineData("async Task M(Socket socket, byte[] buffer, int n) { await Task.Yield(); socket.Send(buffer, offset: 0, size: n, socketFlags: SocketFlags.None); }")]
        [InlineData("async Task M(Channel channel, byte[] data) { await Task.Yield(); channel.Write(count: 2, offset: 0, data: data); }")]
        // No offset: not an array slice.
        [InlineData("async Task M(Socket socket, byte[] buffer, int n) { await Task.Yield(); socket.Send(buffer, n, SocketFlags.None); }")]
        // Another element type, or a count that is not an int.
        [InlineData("async Task M(Channel channel, byte[] data) { await Task.Yield(); channel.Copy(data, 0, 2); }")]
        [InlineData("async Task M(Channel channel, char[] text) { await Task.Yield(); channel.Fill(text, 0, 2L); }")]
        // Two ints that are not an offset and a count.
        [InlineData("async Task M(Channel channel, byte[] data) { await Task.Yield(); channel.Post(data, 1000, 3); }")]
        // Synchronous code.
        [InlineData("void M(Socket socket, byte[] buffer, int n) { socket.Send(buffer, 0, n, SocketFlags.None); }")]
        public Task NoSliceCounterpart_IsNotReported(string member)
            => Verify.VerifyAnalyzerAsync(Usings + Sockets + Channel + "class C { " + member + " }");

        [Fact]
        public Task Fix_ArraySlice_WritesAsMemoryAndForwardsTheToken()
            => Verify.VerifyCodeFixAsync(
                Usings + Sockets + "class C { async Task<int> M(Socket socket, byte[] buffer, int n, CancellationToken ct) { [|socket.Send(buffer, 0, n, SocketFlags.None)|]; return [|socket.Receive(buffer, 0, buffer.Length, SocketFlags.None)|]; } }",
                Usings + Sockets + "class C { async Task<int> M(Socket socket, byte[] buffer, int n, CancellationToken ct) { await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct); return await socket.ReceiveAsync(buffer.AsMemory(0, buffer.Length), SocketFlags.None, ct); } }");

        [Fact]
        public Task Fix_ArraySliceOfAnExpression_IsParenthesized()
            => Verify.VerifyCodeFixAsync(
                Usings + Sockets + "class C { async Task M(Socket socket, byte[] a, byte[] b, bool first) { await Task.Yield(); [|socket.Send(first ? a : b, 0, 4, SocketFlags.None)|]; } }",
                Usings + Sockets + "class C { async Task M(Socket socket, byte[] a, byte[] b, bool first) { await Task.Yield(); await socket.SendAsync((first ? a : b).AsMemory(0, 4), SocketFlags.None); } }");

        private const string ExtensionAndGenericTwins = """
            public class Pipe { public int Write(byte[] data, int offset, int count) => count; }
            public static class PipeExtensions
            {
                public static Task<int> WriteAsync(this Pipe pipe, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => Task.FromResult(data.Length);
            }
            public class Chan<T>
            {
                public int Write(T[] data, int offset, int count) => count;
                public Task<int> WriteAsync(ReadOnlyMemory<T> data, CancellationToken cancellationToken = default) => Task.FromResult(data.Length);
            }

            """;

        [Fact]
        public Task Fix_ArraySliceWithAnExtensionMethodTwin_WritesAsMemory()
            => Verify.VerifyCodeFixAsync(
                Usings + ExtensionAndGenericTwins + "class C { async Task M(Pipe pipe, byte[] data, CancellationToken ct) { await Task.Yield(); [|pipe.Write(data, 1, 2)|]; } }",
                Usings + ExtensionAndGenericTwins + "class C { async Task M(Pipe pipe, byte[] data, CancellationToken ct) { await Task.Yield(); await pipe.WriteAsync(data.AsMemory(1, 2), ct); } }");

        [Fact]
        public Task Fix_ArraySliceOnAGenericReceiver_WritesAsMemory()
            => Verify.VerifyCodeFixAsync(
                Usings + ExtensionAndGenericTwins + "class C { async Task M(Chan<byte> chan, byte[] data) { await Task.Yield(); [|chan.Write(data, 0, data.Length)|]; } }",
                Usings + ExtensionAndGenericTwins + "class C { async Task M(Chan<byte> chan, byte[] data) { await Task.Yield(); await chan.WriteAsync(data.AsMemory(0, data.Length)); } }");

        [Fact]
        public Task Fix_ArraySliceOfAnOwnMethod_WritesAsMemory()
            => Verify.VerifyCodeFixAsync(
                Usings + Channel + "class C { async Task M(Channel channel, byte[] data) { await Task.Yield(); [|channel.Write(data, 1, 2)|]; } }",
                Usings + Channel + "class C { async Task M(Channel channel, byte[] data) { await Task.Yield(); await channel.WriteAsync(data.AsMemory(1, 2)); } }");
    }
}
