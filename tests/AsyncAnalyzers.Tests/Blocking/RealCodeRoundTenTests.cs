using System.Threading.Tasks;
using Xunit;
using Chains = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.MakeHelperChainAsyncAnalyzer>;
using Counterparts = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAsyncCounterpartAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// Causes found on FluentFTP and SSH.NET, repositories the rules had never seen (session 18), as minimal code of our own.
    /// </summary>
    public class RealCodeRoundTenTests
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static string Proxy(string body) => Usings + """
            enum Auth { None, Kerberos, Password, Refused }
            class Proxy
            {
                Stream stream = File.OpenWrite("f");
                Auth auth;
                async Task AuthenticateAsync()
                {
                    await Task.Yield();
                    switch (auth)
                    {
            """ + body + """
                    }
                }
                void Teardown() { stream.Flush(); }
            }
            """;

        [Theory]
        // A switch section that tears down on its way to throwing: a failure path, like the same statements in an if block.
        [InlineData("case Auth.None: break; case Auth.Kerberos: stream.Flush(); throw new NotSupportedException(); default: break;")]
        [InlineData("case Auth.Refused: stream.Flush(); stream.Write(new byte[1], 0, 1); throw new InvalidOperationException(\"refused\");")]
        [InlineData("case Auth.Refused: { stream.Flush(); throw new InvalidOperationException(); }")]
        [InlineData("default: stream.Flush(); throw new ArgumentOutOfRangeException();")]
        public Task TeardownInASwitchSectionThatThrows_IsNotReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Proxy(body));

        [Theory]
        [InlineData("case Auth.Kerberos: {|#0:stream.Flush()|}; break;", "Stream.Flush")]
        [InlineData("case Auth.Kerberos: {|#0:stream.Flush()|}; if (auth == Auth.None) return; throw new NotSupportedException();", "Stream.Flush")]
        [InlineData("default: {|#0:stream.Flush()|}; return;", "Stream.Flush")]
        [InlineData("case Auth.Password: {|#0:stream.Flush()|}; goto default; default: throw new InvalidOperationException();", "Stream.Flush")]
        public Task CallInASwitchSectionThatGoesOn_IsReported(string body, string call)
            => Counterparts.VerifyAnalyzerAsync(Proxy(body), Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments(call, "'Proxy.AuthenticateAsync'", "use 'await stream.FlushAsync()'"));

        [Theory]
        // A catch that takes the exception: the throw is a way of going on, not of failing.
        [InlineData("try { switch (auth) { case Auth.Refused: {|#0:stream.Flush()|}; throw new InvalidOperationException(); } } catch (InvalidOperationException) { }")]
        [InlineData("try { if (auth == Auth.Refused) { {|#0:stream.Flush()|}; throw new InvalidOperationException(); } } catch (Exception) { }")]
        [InlineData("try { if (auth == Auth.Refused) { {|#0:stream.Flush()|}; throw new InvalidOperationException(); } } catch { }")]
        public Task TeardownBeforeAThrowThatACatchTakes_IsReported(string body)
            => Counterparts.VerifyAnalyzerAsync(
                Proxy("default: break; }\n" + body + "\nswitch (auth) { default: break;"),
                Counterparts.Diagnostic(DiagnosticIds.UseAsyncCounterpart).WithLocation(0).WithArguments("Stream.Flush", "'Proxy.AuthenticateAsync'", "use 'await stream.FlushAsync()'"));

        [Theory]
        // A catch of another exception type does not take it.
        [InlineData("try { switch (auth) { case Auth.Refused: stream.Flush(); throw new InvalidOperationException(); } } catch (IOException) { }")]
        [InlineData("try { if (auth == Auth.Refused) { stream.Flush(); throw new InvalidOperationException(); } } catch (ArgumentException) { }")]
        // A catch that takes it and throws again passes the failure on.
        [InlineData("try { if (auth == Auth.Refused) { stream.Flush(); throw new InvalidOperationException(); } } catch (Exception) { auth = Auth.None; throw; }")]
        [InlineData("try { try { auth = Auth.None; } catch (Exception e) { stream.Flush(); throw new InvalidOperationException(\"x\", e); } } catch (Exception) { throw; }")]
        public Task TeardownBeforeAThrowThatNoCatchHandles_IsNotReported(string body)
            => Counterparts.VerifyAnalyzerAsync(Proxy("default: break; }\n" + body + "\nswitch (auth) { default: break;"));

        [Fact]
        public Task HelperCalledInASwitchSectionThatThrows_IsNotReported()
            => Chains.VerifyAnalyzerAsync(Proxy("case Auth.Refused: Teardown(); throw new InvalidOperationException(); default: break;"));

        [Fact]
        public Task HelperCalledInASwitchSectionThatBreaks_IsReported()
            => Chains.VerifyAnalyzerAsync(
                Proxy("case Auth.Refused: {|#0:Teardown()|}; break; default: break;"),
                Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments("Teardown", "Teardown -> Stream.Flush"));

        private static string Client(string members, string use) => Usings + """
            enum State { Unknown, Connected, Lost }
            class Client
            {
                State state;
                bool ready;
                int connects;
                int caps;
                string text;
                StreamReader inner;
                Task<int> pending = Task.Run(() => 1);
                bool disposed;
                List<int> items = new List<int>();
                Task ConnectAsync() => Task.Delay(1);
                string Load() => File.ReadAllText("f");
                bool Check() { Thread.Sleep(10); return true; }
            """ + members + """

                async Task UseAsync()
                {
                    await Task.Yield();
            """ + use + """

                }
            }
            """;

        [Theory]
        // A lazy connect, taken only by a client that never connected.
        [InlineData("public int Capabilities { get { if (connects > 0) return caps; if (state != State.Connected) { Task.Run(async () => await ConnectAsync()).Wait(); } return caps; } }", "var c = Capabilities;")]
        // A wait while the state is unknown.
        [InlineData("public bool IsConnected { get { if (state == State.Unknown) { Thread.Sleep(500); } return state == State.Connected; } }", "var c = IsConnected;")]
        [InlineData("public string Text { get { if (connects == 0) { text = File.ReadAllText(\"f\"); } return text; } }", "var t = Text;")]
        [InlineData("public bool IsReady { get { if (state == State.Lost) return false; Thread.Sleep(1); return ready; } }", "var r = IsReady;")]
        [InlineData("public bool IsReady { get { switch (state) { case State.Unknown: Thread.Sleep(1); break; } return ready; } }", "var r = IsReady;")]
        [InlineData("public bool IsReady => ready && Check();", "var r = IsReady;")]
        [InlineData("public bool IsReady { get { while (state == State.Unknown) Thread.Sleep(100); return ready; } }", "var r = IsReady;")]
        // A lambda that runs inline on the branch, and a for loop whose condition is the state.
        [InlineData("public bool IsReady { get { if (state == State.Unknown) items.ForEach(_ => Thread.Sleep(1)); return ready; } }", "var r = IsReady;")]
        [InlineData("public bool IsReady { get { for (; state == State.Unknown;) Thread.Sleep(1); return ready; } }", "var r = IsReady;")]
        // Through a method that reads the property: the getter does not block on every read, so neither does the method.
        [InlineData("public bool IsConnected { get { if (state == State.Unknown) { Thread.Sleep(500); } return state == State.Connected; } } bool Has() => IsConnected && caps > 0;", "var h = Has();")]
        public Task GetterThatBlocksOnlyOnABranch_IsNotReported(string members, string use)
            => Chains.VerifyAnalyzerAsync(Client(members, use));

        [Theory]
        [InlineData("public string Text { get { return File.ReadAllText(\"f\"); } }", "var t = {|#0:Text|};", "Text", "Text -> File.ReadAllText")]
        [InlineData("public string Text => File.ReadAllText(\"f\");", "var t = {|#0:Text|};", "Text", "Text -> File.ReadAllText")]
        // A null test is no branch: the getter reads whenever it has something to read.
        [InlineData("public string Text { get { if (inner != null) return inner.ReadToEnd(); return \"\"; } }", "var t = {|#0:Text|};", "Text", "Text -> StreamReader.ReadToEnd")]
        [InlineData("public string Text { get { if (inner == null) return \"\"; return inner.ReadToEnd(); } }", "var t = {|#0:Text|};", "Text", "Text -> StreamReader.ReadToEnd")]
        [InlineData("public string Text => inner?.ReadToEnd();", "var t = {|#0:Text|};", "Text", "Text -> StreamReader.ReadToEnd")]
        // A null test that does not keep what it loads runs the load on every read while the field is null. (Lazy
        // initialization that keeps it, 'text ??= Load()', blocks only the first read: ASYNC107, MakeFirstCallWorkAsyncTests.)
        [InlineData("public string Text => text ?? Load();", "var t = {|#0:Text|};", "Text", "Text -> Load -> File.ReadAllText")]
        [InlineData("public bool IsReady => inner != null && Check();", "var r = {|#0:IsReady|};", "IsReady", "IsReady -> Check -> Thread.Sleep")]
        // A guard that throws leaves every normal read on the blocking path.
        [InlineData("public int Value { get { if (disposed) throw new ObjectDisposedException(\"c\"); return pending.Result; } }", "var v = {|#0:Value|};", "Value", "Value -> Task<int>.Result")]
        // The condition itself runs on every read.
        [InlineData("public bool IsReady { get { if (Check()) return ready; return false; } }", "var r = {|#0:IsReady|};", "IsReady", "IsReady -> Check -> Thread.Sleep")]
        // A lambda's own return is not an early return of the getter.
        [InlineData("public string Text { get { if (items.Any(i => i > 0)) connects++; return File.ReadAllText(\"f\"); } }", "var t = {|#0:Text|};", "Text", "Text -> File.ReadAllText")]
        // A method is not a property read: its branches are followed as before.
        [InlineData("bool Ensure() { if (state != State.Connected) Thread.Sleep(1); return true; }", "var e = {|#0:Ensure()|};", "Ensure", "Ensure -> Thread.Sleep")]
        public Task GetterThatBlocksOnEveryRead_IsReported(string members, string use, string callee, string chain)
            => Chains.VerifyAnalyzerAsync(
                Client(members, use),
                Chains.Diagnostic(DiagnosticIds.MakeHelperChainAsync).WithLocation(0).WithArguments(callee, chain));
    }
}
