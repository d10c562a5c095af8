using System.Diagnostics;
using System.Globalization;
using Oversight.Gate;
using Oversight.History;
using Oversight.Storage;
using Oversight.Synthetic;

namespace Oversight.Benchmarks.Web;

/// <summary>
/// <c>seed-log --db FILE --count N [--days D] [--seed S]</c>: a decision log of N synthetic requests
/// (<see cref="SyntheticHistory"/>) gated in order under rochester-mn and written straight into a
/// new SQLite database as the service writes them — canonical request and decision JSON, leaf
/// hashes, places per agency — ending now, so that the console's pages can be timed on it.
/// The service verifies and folds in every entry when it starts on the file.
/// </summary>
internal static class LogSeeder
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var file = Arg("db", "web-bench.db");
        var count = int.Parse(Arg("count", "1000000"), CultureInfo.InvariantCulture);
        var days = int.Parse(Arg("days", "1825"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Arg("seed", "11"), CultureInfo.InvariantCulture);
        if (File.Exists(file))
        {
            Console.Error.WriteLine($"seed-log: {file} exists; give a new file");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var policy = Fixtures.Shipped("rochester-mn.yaml");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days);
        var requests = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(count, seed, start, days)));
        var database = DatabaseTarget.Parse(file);
        await database.MigrateAsync();
        var agencies = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<DecisionRecord>(5_000);
        long sequence = 0;
        var outcomes = new int[3];
        foreach (var decision in Replay.Run(policy, requests, new RequestHistory(arrivalOrder: true)))
        {
            var request = decision.Request;
            var agencySequence = agencies[request.Agency] = agencies.GetValueOrDefault(request.Agency) + 1;
            outcomes[(int)decision.Outcome]++;
            batch.Add(LogRows.Create(decision, ++sequence, agencySequence, request.SubmittedAt.UtcTicks));
            if (batch.Count == batch.Capacity)
            {
                await WriteAsync(database, batch);
                Console.Error.Write($"\rseed-log: {sequence:N0} of {count:N0} entries");
            }
        }

        await WriteAsync(database, batch);
        Console.Error.WriteLine($"\rseed-log: {sequence:N0} entries (allow {outcomes[0]:N0}, review {outcomes[1]:N0}, deny {outcomes[2]:N0}) from {start} to today in {file}, {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static async Task WriteAsync(DatabaseTarget database, List<DecisionRecord> batch)
    {
        await using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Decisions.AddRange(batch);
        await db.SaveChangesAsync();
        batch.Clear();
    }
}
