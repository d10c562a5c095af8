using System.Collections.Immutable;
using Oversight.Policies;

namespace Oversight.Worker.Service;

/// <summary>
/// The policies of a folder, loaded at start and reloaded when a file changes. An edit that does
/// not load is refused: its problems are logged and the last good version stays active.
/// </summary>
public sealed class PolicyStore : IDisposable
{
    private readonly string directory;
    private readonly string? activeId;
    private readonly ILogger<PolicyStore> logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock sync = new();
    private readonly Timer debounce;
    private ImmutableDictionary<string, LoadedPolicy> byFile = ImmutableDictionary<string, LoadedPolicy>.Empty;

    public PolicyStore(string directory, string? activeId, ILogger<PolicyStore> logger)
    {
        this.directory = Path.GetFullPath(directory);
        this.activeId = activeId;
        this.logger = logger;
        debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        Reload();
        if (Directory.Exists(this.directory))
        {
            watcher = new FileSystemWatcher(this.directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                EnableRaisingEvents = true,
            };
            watcher.Changed += (_, _) => Soon();
            watcher.Created += (_, _) => Soon();
            watcher.Deleted += (_, _) => Soon();
            watcher.Renamed += (_, _) => Soon();
        }
    }

    /// <summary>Raised after a reload changed any policy.</summary>
    public event Action? Changed;

    /// <summary>Every loaded policy by id.</summary>
    public IReadOnlyDictionary<string, Policy> All =>
        byFile.Values.GroupBy(p => p.Policy.Id).ToDictionary(g => g.Key, g => g.First().Policy, StringComparer.Ordinal);

    /// <summary>The policy that gates submissions.</summary>
    public Policy Active =>
        Find(ActiveId) ?? throw new InvalidOperationException($"No policy is loaded from {directory}.");

    public string ActiveId
    {
        get
        {
            var all = All;
            if (activeId is not null)
            {
                return activeId;
            }

            return all.ContainsKey("rochester-mn") ? "rochester-mn" : all.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "(none)";
        }
    }

    public Policy? Find(string id) => All.GetValueOrDefault(id);

    /// <summary>Files that failed their last load, with their problems.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PolicyProblem>> Refused { get; private set; } = new Dictionary<string, IReadOnlyList<PolicyProblem>>();

    /// <summary>Reloads every policy file now (also called on change, after a short quiet period).</summary>
    public void Reload()
    {
        lock (sync)
        {
            var files = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.yaml").Concat(Directory.GetFiles(directory, "*.yml")).Order(StringComparer.Ordinal).ToList()
                : [];
            var next = ImmutableDictionary.CreateBuilder<string, LoadedPolicy>();
            var refused = new Dictionary<string, IReadOnlyList<PolicyProblem>>();
            var changed = false;
            foreach (var file in files)
            {
                var result = PolicyLoader.LoadFile(file);
                if (result.Policy is { } policy)
                {
                    next[file] = new LoadedPolicy(policy);
                    if (!byFile.TryGetValue(file, out var before) || before.Policy.Sha256 != policy.Sha256)
                    {
                        changed = true;
                        logger.LogInformation("Policy {Id} {Version} loaded from {File} (sha256 {Sha256})", policy.Id, policy.Version, file, policy.Sha256);
                    }

                    continue;
                }

                refused[file] = result.Problems;
                foreach (var problem in result.Problems)
                {
                    logger.LogError("Policy file refused: {Problem}", problem.ToString());
                }

                if (byFile.TryGetValue(file, out var lastGood))
                {
                    next[file] = lastGood;
                    logger.LogWarning("Keeping the last good version of {Id} {Version} (sha256 {Sha256}) active", lastGood.Policy.Id, lastGood.Policy.Version, lastGood.Policy.Sha256);
                }
            }

            changed |= byFile.Keys.Except(next.Keys).Any();
            byFile = next.ToImmutable();
            Refused = refused;
            if (changed)
            {
                Changed?.Invoke();
            }
        }
    }

    private void Soon() => debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        watcher?.Dispose();
        debounce.Dispose();
    }

    private sealed record LoadedPolicy(Policy Policy);
}
