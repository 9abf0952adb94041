using System.Threading.Tasks;
using Xunit;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.UseAwaitUsingAnalyzer>;

namespace AsyncAnalyzers.Tests.Blocking
{
    /// <summary>
    /// ASYNC104 on a data reader that the code reads to the end before its <c>using</c> ends (a loop until Read/ReadAsync or
    /// NextResult/NextResultAsync returns false, with no way out of it but an exception): its Dispose has nothing left to read.
    /// </summary>
    public class UseAwaitUsingReadToTheEndTests
    {
        private const string Usings = "using System;\nusing System.Collections;\nusing System.Data.Common;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        /// <summary>A provider's reader with a DisposeAsync of its own (one that does I/O, as real providers' do).</summary>
        private const string Reader = """
            class Reader : DbDataReader
            {
                public override ValueTask DisposeAsync() => Drain();
                ValueTask Drain() => default;
                public override object this[int ordinal] => 0;
                public override object this[string name] => 0;
                public override int Depth => 0;
                public override int FieldCount => 1;
                public override bool HasRows => true;
                public override bool IsClosed => false;
                public override int RecordsAffected => 0;
                public override bool GetBoolean(int ordinal) => false;
                public override byte GetByte(int ordinal) => 0;
                public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;
                public override char GetChar(int ordinal) => ' ';
                public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;
                public override string GetDataTypeName(int ordinal) => "";
                public override DateTime GetDateTime(int ordinal) => default;
                public override decimal GetDecimal(int ordinal) => 0;
                public override double GetDouble(int ordinal) => 0;
                public override Type GetFieldType(int ordinal) => typeof(int);
                public override float GetFloat(int ordinal) => 0;
                public override Guid GetGuid(int ordinal) => default;
                public override short GetInt16(int ordinal) => 0;
                public override int GetInt32(int ordinal) => 0;
                public override long GetInt64(int ordinal) => 0;
                public override string GetName(int ordinal) => "";
                public override int GetOrdinal(string name) => 0;
                public override string GetString(int ordinal) => "";
                public override object GetValue(int ordinal) => 0;
                public override int GetValues(object[] values) => 0;
                public override bool IsDBNull(int ordinal) => false;
                public override bool NextResult() => false;
                public override bool Read() => false;
                public override IEnumerator GetEnumerator() => null!;
            }
            """;

        private static Task NoFinding(string body)
            => Verify.VerifyAnalyzerAsync(Usings + "class C { Task<Reader> Open() => Task.FromResult(new Reader()); async Task<int> M() { " + body + " } }\n" + Reader);

        private static Task Finding(string body)
        {
            var test = new Verify.Test { TestCode = Usings + "class C { Task<Reader> Open() => Task.FromResult(new Reader()); async Task<int> M() { " + body + " } }\n" + Reader };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.UseAwaitUsing).WithLocation(0).WithMessage(null));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("var n = 0; using var r = await Open(); while (await r.ReadAsync()) { n += r.GetInt32(0); } return n;")]
        [InlineData("using var r = await Open(); do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync()); return r.RecordsAffected;")]
        [InlineData("var n = 0; using (var r = await Open()) { await r.NextResultAsync(); while (await r.ReadAsync().ConfigureAwait(false)) { n++; } } return n;")]
        [InlineData("var n = 0; using var r = await Open(); while (await r.ReadAsync()) { foreach (var x in new[] { 1, 2 }) { if (x > 1) break; n += x; } } return n;")]
        public Task ReaderReadToTheEnd_IsNotReported(string body) => NoFinding(body);

        [Theory]
        [InlineData("var n = 0; using var {|#0:r = await Open()|}; while (await r.ReadAsync()) { if (++n > 10) break; } return n;")]
        [InlineData("using var {|#0:r = await Open()|}; while (await r.ReadAsync()) { return r.GetInt32(0); } return 0;")]
        [InlineData("using var {|#0:r = await Open()|}; if (await r.ReadAsync()) return r.GetInt32(0); return 0;")]
        [InlineData("using var {|#0:r = await Open()|}; while (await r.ReadAsync()) { } return r.GetInt32(0);")]
        public Task ReaderLeftWithRowsOrUsedAfterTheLoop_IsReported(string body) => Finding(body);
    }
}
