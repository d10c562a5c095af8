using Hangfire.Logging;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Hangfire's logging is process-wide; this bridge writes to the host's logger factory and goes
/// quiet once that host is disposed, so a stopped host never breaks the next one in the process.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new Bridge(factory, name);

    private sealed class Bridge(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= factory.CreateLogger(name);
                var level = (Microsoft.Extensions.Logging.LogLevel)(int)logLevel;
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA2254 // Hangfire hands over finished messages, not templates.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
