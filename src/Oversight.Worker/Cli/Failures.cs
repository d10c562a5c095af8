using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Oversight.Worker.Cli;

/// <summary>
/// The last line of defence of the command line. A failure of the file system, a socket, a
/// database or an input format is the user's to fix: one line naming it, exit status 2. Anything
/// else is a defect: "internal error", exit status 70, and the details in a log file, never a
/// stack trace on the terminal.
/// </summary>
internal static partial class Failures
{
    /// <summary>Also catches exceptions that escape on other threads (timers, background work), which would otherwise abort the process with a trace.</summary>
    public static void CatchUnhandled(string[] args)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var status = Report(e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString()), args.FirstOrDefault() ?? string.Empty, args, null);
            Environment.Exit(status);
        };
    }

    /// <summary>Writes one line about <paramref name="e"/> on standard error and returns the exit status.</summary>
    public static int Report(Exception e, string verb, string[] args, Console2? console)
    {
        ArgumentNullException.ThrowIfNull(e);
        var error = console?.Error ?? Console.Error;
        var prefix = verb.Length > 0 ? $"oversight {verb}" : "oversight";
        if (Expected(e) is { } message)
        {
            Write(error, $"{prefix}: {message}");
            return ExitCodes.Invalid;
        }

        if (e is OperationCanceledException)
        {
            Write(error, $"{prefix}: cancelled");
            return ExitCodes.Cancelled;
        }

        var log = WriteLog(e, args);
        Write(error, log is null
            ? $"{prefix}: internal error ({e.GetType().Name}); please report it with the command that caused it"
            : $"{prefix}: internal error ({e.GetType().Name}); the details are in {log} — please report them");
        return ExitCodes.Internal;
    }

    /// <summary>The one-line message for a failure that is the input's or the environment's, or null for a defect.</summary>
    internal static string? Expected(Exception e) => e switch
    {
        _ when Inner<SocketException>(e) is { } socket => Socket(socket),
        FileNotFoundException f when f.FileName is not null => $"{f.FileName}: no such file",
        DirectoryNotFoundException d => $"{d.Message.TrimEnd('.')} (no such folder)",
        UnauthorizedAccessException u => $"{u.Message.TrimEnd('.')} (permission denied, or a folder where a file was expected)",
        IOException io => io.Message.TrimEnd('.'),
        DbException db => $"database error: {FirstLine(db.Message)}",
        JsonException json => $"malformed JSON: {FirstLine(json.Message)}",
        YamlDotNet.Core.YamlException yaml => $"not valid YAML at line {yaml.Start.Line}, column {yaml.Start.Column}: {FirstLine(yaml.Message)}",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Expected(aggregate.InnerExceptions[0]),
        _ => null,
    };

    private static T? Inner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    internal static string Socket(SocketException s) => s.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "the address is already in use: another program (perhaps another oversight serve) listens there; stop it or choose --urls",
        SocketError.AccessDenied => "not allowed to listen on that address (ports below 1024 need privileges); choose --urls",
        SocketError.AddressNotAvailable => "that address is not one of this machine's; choose --urls",
        _ => $"network error: {FirstLine(s.Message)}",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static void Write(TextWriter error, string line)
    {
        try
        {
            error.WriteLine(line);
            error.Flush();
        }
        catch (IOException)
        {
            // Standard error is gone (a closed pipe): the exit status still tells.
        }
    }

    /// <summary>The details of a defect, in a file under the temporary folder; null when even that cannot be written.</summary>
    private static string? WriteLog(Exception e, string[] args)
    {
        var now = DateTimeOffset.UtcNow;
        var folder = Path.Combine(Path.GetTempPath(), "oversight");
        var path = Path.Combine(folder, $"error-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Environment.ProcessId}.log");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"time:    {now:O}")
            .AppendLine(CultureInfo.InvariantCulture, $"version: {Invocation.Version}")
            .AppendLine(CultureInfo.InvariantCulture, $"command: oversight {string.Join(' ', args.Select(Redact))}")
            .AppendLine(CultureInfo.InvariantCulture, $"folder:  {Environment.CurrentDirectory}")
            .AppendLine(CultureInfo.InvariantCulture, $"system:  {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}")
            .AppendLine()
            .AppendLine(e.ToString())
            .ToString();
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
            return path;
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Passwords in a connection string given on the command line stay out of the log.</summary>
    private static string Redact(string arg) => Password().Replace(arg, "$1=***");

    [GeneratedRegex("(password|pwd)=[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Password();
}
