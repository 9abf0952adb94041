using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncAnalyzers.Tests.Clients
{
    /// <summary>
    /// A minimal Language Server Protocol client over stdio: JSON-RPC with Content-Length framing, requests with responses,
    /// answers to the server's own requests (configuration, registrations, progress), and the published diagnostics.
    /// </summary>
    public sealed class LspClient : IAsyncDisposable
    {
        private readonly Process process;
        private readonly Stream input;
        private readonly Stream output;
        private readonly SemaphoreSlim writeGate = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> pending = new();
        private readonly Func<JsonNode?, JsonNode?> configuration;
        private readonly object diagnosticsGate = new object();
        private readonly Dictionary<string, JsonArray> diagnostics = new(StringComparer.Ordinal);
        private readonly StringBuilder log = new StringBuilder();
        private readonly Task readLoop;
        private int nextId;
        private TaskCompletionSource diagnosticsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private LspClient(Process process, Func<JsonNode?, JsonNode?> configuration)
        {
            this.process = process;
            this.configuration = configuration;
            input = process.StandardOutput.BaseStream;
            output = process.StandardInput.BaseStream;
            readLoop = Task.Run(ReadLoopAsync);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (log)
                    {
                        log.AppendLine("stderr: " + e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
        }

        /// <summary>What the server wrote to stderr and the messages it sent, for failure messages.</summary>
        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        public static LspClient Start(ProcessStartInfo start, Func<JsonNode?, JsonNode?> configuration)
        {
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the language server");
            return new LspClient(process, configuration);
        }

        public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
        {
            var id = Interlocked.Increment(ref nextId);
            var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[id] = completion;
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            using (cancellationToken.Register(() => completion.TrySetCanceled()))
            {
                return await completion.Task;
            }
        }

        public Task NotifyAsync(string method, JsonNode? parameters)
            => SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

        /// <summary>Waits until the diagnostics last published for <paramref name="uri"/> satisfy <paramref name="condition"/>.</summary>
        public async Task<JsonArray> WaitForDiagnosticsAsync(string uri, Func<JsonArray, bool> condition, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (diagnosticsGate)
                {
                    if (diagnostics.TryGetValue(uri, out var current) && condition(current))
                    {
                        return current;
                    }

                    changed = diagnosticsChanged.Task;
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException("the language server exited:\n" + Log);
                }

                await changed.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!process.HasExited)
                {
                    using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await RequestAsync("shutdown", null, shutdown.Token);
                    await NotifyAsync("exit", null);
                    await process.WaitForExitAsync(shutdown.Token);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
            {
                // A server that does not shut down in time is killed below.
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }

        private async Task SendAsync(JsonObject message)
        {
            var body = Encoding.UTF8.GetBytes(message.ToJsonString());
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            await writeGate.WaitAsync();
            try
            {
                await output.WriteAsync(header);
                await output.WriteAsync(body);
                await output.FlushAsync();
            }
            finally
            {
                writeGate.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            try
            {
                while (true)
                {
                    var length = await ReadHeaderAsync();
                    if (length < 0)
                    {
                        return;
                    }

                    var body = new byte[length];
                    await input.ReadExactlyAsync(body);
                    var message = JsonNode.Parse(body)!.AsObject();
                    await DispatchAsync(message);
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or EndOfStreamException or JsonException)
            {
                lock (log)
                {
                    log.AppendLine("read loop ended: " + exception.Message);
                }
            }
            finally
            {
                foreach (var waiting in pending.Values)
                {
                    waiting.TrySetException(new IOException("the language server closed its output"));
                }
            }
        }

        private async Task DispatchAsync(JsonObject message)
        {
            var hasId = message.TryGetPropertyValue("id", out var idNode) && idNode is not null;
            var method = message["method"]?.GetValue<string>();
            if (method is null && hasId)
            {
                if (pending.TryRemove(idNode!.GetValue<int>(), out var completion))
                {
                    if (message["error"] is { } error)
                    {
                        completion.TrySetException(new InvalidOperationException("server error: " + error.ToJsonString()));
                    }
                    else
                    {
                        completion.TrySetResult(message["result"]?.DeepClone());
                    }
                }

                return;
            }

            if (method == "textDocument/publishDiagnostics")
            {
                var uri = message["params"]!["uri"]!.GetValue<string>();
                var list = message["params"]!["diagnostics"]!.AsArray();
                lock (diagnosticsGate)
                {
                    diagnostics[uri] = (JsonArray)list.DeepClone();
                    diagnosticsChanged.TrySetResult();
                    diagnosticsChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return;
            }

            if (method is "window/logMessage" or "$/logTrace" or "window/showMessage")
            {
                lock (log)
                {
                    log.AppendLine(method + ": " + message["params"]?["message"]);
                }
            }

            if (hasId)
            {
                // A request from the server: answer the configuration, accept everything else.
                JsonNode? result = method == "workspace/configuration" ? configuration(message["params"]) : null;
                await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = idNode!.DeepClone(), ["result"] = result });
            }
        }

        private async Task<int> ReadHeaderAsync()
        {
            var line = new StringBuilder();
            var length = -1;
            var buffer = new byte[1];
            while (true)
            {
                var read = await input.ReadAsync(buffer);
                if (read == 0)
                {
                    return -1;
                }

                var c = (char)buffer[0];
                if (c == '\n')
                {
                    var text = line.ToString().TrimEnd('\r');
                    line.Clear();
                    if (text.Length == 0)
                    {
                        return length;
                    }

                    if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(text.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                else
                {
                    line.Append(c);
                }
            }
        }
    }
}
