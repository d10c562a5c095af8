using Oversight.Worker.Cli;

Failures.CatchUnhandled(args);
return await CommandLine.RunAsync(args, new Console2());
