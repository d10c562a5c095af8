using System.Collections.Immutable;
using Oversight.Policies;

namespace Oversight.Worker.Service;

/// <summary>
/// The policies of a folder, loaded at start and reloaded when a file changes. A file that does
/// not load — at start or after an edit — is refused and listed with its problems; the last good
/// version of its policy stays loaded. The active policy is chosen once, at start, and never
/// changes implicitly: if its file is refused, removed or renamed to another id, its last good
/// version stays active and the problem is logged as an error.
/// </summary>
public sealed class PolicyStore : IDisposable
{
    /// <summary>The active policy when none is named and several are loaded.</summary>
    public const string DefaultActive = "rochester-mn";

    private readonly string directory;
    private readonly ILogger<PolicyStore> logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock sync = new();
    private readonly Timer debounce;
    private State state = State.Empty;

    public PolicyStore(string directory, string? activeId, ILogger<PolicyStore> logger)
    {
        this.directory = Path.GetFullPath(directory);
        this.logger = logger;
        debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        Reload();
        (ActiveId, ActiveChoice) = activeId is not null ? (activeId, "--active-policy")
            : state.ById.Count == 1 ? (state.ById.Keys.Single(), "the only policy loaded")
            : state.ById.ContainsKey(DefaultActive) ? (DefaultActive, "the default")
            : (null, null);
        if (ActiveId is not null && state.ById.TryGetValue(ActiveId, out var active))
        {
            state = state with { Active = active };
            logger.LogInformation("Active policy: {Id} {Version} (sha256 {Sha256}), {Choice}", active.Id, active.Version, active.Sha256, ActiveChoice);
        }

        if (Directory.Exists(this.directory))
        {
            watcher = new FileSystemWatcher(this.directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                EnableRaisingEvents = true,
            };
            watcher.Changed += (_, _) => Soon();
            watcher.Created += (_, _) => Soon();
            watcher.Deleted += (_, _) => Soon();
            watcher.Renamed += (_, _) => Soon();
            watcher.Error += (_, e) => logger.LogError("Watching {Folder} for policy changes failed: {Message}; reloading now", this.directory, e.GetException().Message);
        }
    }

    /// <summary>Raised after a reload changed any policy.</summary>
    public event Action? Changed;

    /// <summary>The id of the policy that gates submissions, fixed at start; null when none could be chosen (then the service does not start).</summary>
    public string? ActiveId { get; }

    /// <summary>How the active policy was chosen: "--active-policy", "the default", "the only policy loaded".</summary>
    public string? ActiveChoice { get; }

    /// <summary>Every loaded policy by id, the active one included even when its file is gone.</summary>
    public IReadOnlyDictionary<string, Policy> All => state.All;

    /// <summary>The policy that gates submissions: the current version of its file, or its last good version.</summary>
    public Policy Active => state.Active ?? throw new InvalidOperationException($"No active policy: '{ActiveId ?? "(none)"}' is not loaded from {directory}.");

    /// <summary>Why the active policy is a last good version rather than its file's content; null when it is its file's content.</summary>
    public string? ActiveProblem => state.ActiveProblem;

    /// <summary>Files that failed their last load, with their problems.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PolicyProblem>> Refused => state.Refused;

    /// <summary>The file each loaded policy came from (the active policy's may be gone).</summary>
    public IReadOnlyDictionary<string, string> FileOf => state.FileOf;

    public Policy? Find(string id) => state.All.GetValueOrDefault(id);

    /// <summary>Files of the folder holding ALPR search policies (subject: alpr-searches), which the service does not load: it gates footage requests.</summary>
    public IReadOnlySet<string> SearchPolicyFiles => state.Skipped;

    /// <summary>Reloads every policy file now (also called on change, after a short quiet period). Never throws.</summary>
    public void Reload()
    {
        lock (sync)
        {
            State next;
            try
            {
                next = Load(state);
            }
            catch (Exception e)
            {
                // This runs on a timer thread: an exception here would end the service.
                logger.LogError(e, "Policy folder {Folder} could not be reloaded ({Message}); every policy stays as it was", directory, e.Message);
                return;
            }

            var changed = !next.All.Values.Select(p => p.Sha256).Order(StringComparer.Ordinal)
                .SequenceEqual(state.All.Values.Select(p => p.Sha256).Order(StringComparer.Ordinal), StringComparer.Ordinal);
            state = next;
            if (changed)
            {
                Changed?.Invoke();
            }
        }
    }

    private State Load(State before)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").Concat(Directory.GetFiles(directory, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : [];
        var loaded = new List<(string File, Policy Policy, bool Current)>();
        var refused = new Dictionary<string, IReadOnlyList<PolicyProblem>>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = LoadOne(file);
            if (result.Policy is { Subject: PolicySubject.AlprSearches } searches)
            {
                // The service gates footage requests; a policy for auditing ALPR searches is for the
                // command line (oversight replay/detect/report on a Flock export), never a gate.
                if (!before.Skipped.Contains(file))
                {
                    logger.LogInformation("Policy {Id} in {File} audits ALPR searches (subject: alpr-searches); the service gates footage requests, so it is not loaded here (use it with oversight replay, detect or report)", searches.Id, file);
                }

                skipped.Add(file);
                continue;
            }

            if (result.Policy is { } policy)
            {
                loaded.Add((file, policy, true));
                continue;
            }

            refused[file] = result.Problems;
            foreach (var problem in result.Problems)
            {
                logger.LogError("Policy file refused: {Problem}", problem.ToString());
            }

            if (before.ByFile.TryGetValue(file, out var lastGood))
            {
                loaded.Add((file, lastGood, false));
                logger.LogWarning("Keeping the last good version of {Id} {Version} (sha256 {Sha256}) from {File}", lastGood.Id, lastGood.Version, lastGood.Sha256, file);
            }
        }

        // One file per id: the file that held the id before keeps it, then the first by name.
        var byFile = ImmutableDictionary.CreateBuilder<string, Policy>(StringComparer.Ordinal);
        var byId = new Dictionary<string, Policy>(StringComparer.Ordinal);
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, policy, current) in loaded.OrderBy(l => before.FileOf.GetValueOrDefault(l.Policy.Id) == l.File ? 0 : 1).ThenBy(l => l.File, StringComparer.Ordinal))
        {
            if (fileOf.TryGetValue(policy.Id, out var holder))
            {
                var problem = new PolicyProblem(file, 1, 1, $"policy id '{policy.Id}' is already loaded from {Path.GetFileName(holder)}; each policy file needs its own id");
                refused[file] = current ? [problem] : [.. refused.GetValueOrDefault(file, []), problem];
                logger.LogError("Policy file refused: {Problem}", problem.ToString());
                continue;
            }

            byFile[file] = policy;
            byId[policy.Id] = policy;
            fileOf[policy.Id] = file;
            if (current && before.ByFile.GetValueOrDefault(file)?.Sha256 != policy.Sha256)
            {
                logger.LogInformation("Policy {Id} {Version} loaded from {File} (sha256 {Sha256})", policy.Id, policy.Version, file, policy.Sha256);
            }
        }

        foreach (var (id, file) in before.FileOf.Where(f => !fileOf.ContainsKey(f.Key) && f.Key != ActiveId))
        {
            logger.LogWarning("Policy {Id} is no longer loaded: no policy file defines it (it was in {File})", id, file);
        }

        return Activate(new State(byFile.ToImmutable(), byId, fileOf, refused, before.Active, null) { Skipped = skipped }, before);
    }

    /// <summary>The active policy follows its file while the file loads, and otherwise stays at its last good version.</summary>
    private State Activate(State next, State before)
    {
        if (ActiveId is null || before.Active is null)
        {
            return next;
        }

        var all = new Dictionary<string, Policy>(next.ById, StringComparer.Ordinal);
        if (next.ById.TryGetValue(ActiveId, out var current) && !next.Refused.ContainsKey(next.FileOf[ActiveId]))
        {
            if (current.Sha256 != before.Active.Sha256 || before.ActiveProblem is not null)
            {
                logger.LogWarning("Active policy {Id} is now version {Version} (sha256 {Sha256}) from {File}", current.Id, current.Version, current.Sha256, next.FileOf[ActiveId]);
            }

            return next with { Active = current };
        }

        var problem = next.ById.ContainsKey(ActiveId)
            ? $"its file {Path.GetFileName(next.FileOf[ActiveId])} was refused (see the refused files)"
            : "no policy file defines it any more (its file was removed or renamed, or its id changed)";
        if (problem != before.ActiveProblem)
        {
            logger.LogError(
                "Active policy {Id}: {Problem}. Its last good version {Version} (sha256 {Sha256}) stays active; the active policy changes only with --active-policy at start",
                ActiveId, problem, before.Active.Version, before.Active.Sha256);
        }

        all[ActiveId] = before.Active;
        var fileOf = new Dictionary<string, string>(next.FileOf, StringComparer.Ordinal) { [ActiveId] = before.FileOf.GetValueOrDefault(ActiveId, next.FileOf.GetValueOrDefault(ActiveId, string.Empty)) };
        return next with { ById = all, FileOf = fileOf, Active = before.Active, ActiveProblem = problem };
    }

    /// <summary>Loads one file; whatever goes wrong becomes a refusal, since this runs inside the service.</summary>
    private PolicyLoadResult LoadOne(string file)
    {
        try
        {
            return PolicyLoader.LoadFile(file);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Loading policy file {File} failed unexpectedly", file);
            return PolicyLoadResult.Failure([new PolicyProblem(file, 1, 1, $"the file could not be loaded ({e.GetType().Name}: {e.Message})")]);
        }
    }

    private void Soon() => debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        watcher?.Dispose();
        debounce.Dispose();
    }

    /// <summary>One consistent snapshot, replaced whole on every reload so that readers never see half of one.</summary>
    private sealed record State(
        ImmutableDictionary<string, Policy> ByFile,
        IReadOnlyDictionary<string, Policy> ById,
        IReadOnlyDictionary<string, string> FileOf,
        IReadOnlyDictionary<string, IReadOnlyList<PolicyProblem>> Refused,
        Policy? Active,
        string? ActiveProblem)
    {
        public static readonly State Empty = new(
            ImmutableDictionary<string, Policy>.Empty, new Dictionary<string, Policy>(), new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<PolicyProblem>>(), null, null);

        public IReadOnlyDictionary<string, Policy> All => ById;

        /// <summary>Files holding ALPR search policies, which the service does not load (it gates footage requests).</summary>
        public IReadOnlySet<string> Skipped { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    }
}
