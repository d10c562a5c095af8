using System.Globalization;
using Oversight.Worker.Cli;

// Numbers, dates and messages read the same on every machine, whatever its locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
Failures.CatchUnhandled(args);
return await CommandLine.RunAsync(args, new Console2());
