using Oversight.Worker.Cli;

return await CommandLine.RunAsync(args, new Console2());
