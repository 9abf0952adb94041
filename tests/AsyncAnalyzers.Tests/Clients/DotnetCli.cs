using System;
using System.Diagnostics;
using Xunit;

namespace AsyncAnalyzers.Tests.Clients
{
    /// <summary>Runs the dotnet CLI from tests, outside the MSBuild environment the test host was started in.</summary>
    internal static class DotnetCli
    {
        public static string Run(string arguments, string workingDirectory, int timeoutSeconds = 600)
        {
            var start = Create(arguments, workingDirectory);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"dotnet {arguments} did not finish in {timeoutSeconds} s");
            }

            var output = stdout.Result + stderr.Result;
            Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed ({process.ExitCode}):\n{output}");
            return output;
        }

        public static ProcessStartInfo Create(string arguments, string workingDirectory)
        {
            var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false };
            foreach (var name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            return start;
        }
    }
}
