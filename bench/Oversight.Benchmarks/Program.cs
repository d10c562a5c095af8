using BenchmarkDotNet.Running;
using Oversight.Benchmarks.Web;

// Two tools for the web console's measurements (bench/web/run.sh), then the benchmarks.
return args.FirstOrDefault() switch
{
    "seed-log" => await LogSeeder.RunAsync(args[1..]),
    "web-pages" => await PageTimer.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
