using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Log;
using Oversight.Storage;

namespace Oversight.Worker.Service.Log;

/// <summary>
/// The decision log as a transparency log: the Merkle tree over its entries (fed by the gate as it
/// appends or folds in other processes' entries), the signed checkpoints, the witnesses'
/// cosignatures, proofs, and the alarms raised when the log does not match what was signed.
/// </summary>
public sealed partial class TransparencyLog : IDisposable
{
    /// <summary>Key of the PostgreSQL advisory lock that lets one process at a time sign checkpoints.</summary>
    private const long SignLockKey = 0x4f56_4c4f_4753_4947;

    private readonly DatabaseTarget database;
    private readonly TimeProvider time;
    private readonly ILogger<TransparencyLog> logger;
    /// <summary>Distinct alarms kept for /healthz; a row read again and again raises its alarm once.</summary>
    private const int MaxAlarms = 1_000;

    private readonly OrderedDictionary<string, int> alarms = new(StringComparer.Ordinal);
    private long alarmsNotKept;
    private readonly SemaphoreSlim signing = new(1, 1);
    private readonly List<NoteKey> witnesses = [];
    private long appendedAt;

    public TransparencyLog(DatabaseTarget database, IOptions<LogOptions> options, TimeProvider time, ILogger<TransparencyLog> logger)
    {
        this.database = database;
        this.time = time;
        this.logger = logger;
        Options = options.Value;
        Tree = new TreeHashes(ReadLeaves);
        LoadSigner();
        foreach (var text in Options.WitnessKeys)
        {
            if (NoteKey.TryParse(text, out var key, out var error) && key!.Type == NoteKeyType.Cosignature)
            {
                witnesses.Add(key);
            }
            else
            {
                throw new OptionsValidationException(nameof(LogOptions), typeof(LogOptions), [$"witness key '{text}': {(key is null ? error : "not a cosignature key (type 0x04)")}"]);
            }
        }
    }

    public LogOptions Options { get; }

    /// <summary>The tree over every entry this process has seen.</summary>
    public TreeHashes Tree { get; }

    /// <summary>The signing key; null when the service runs without one (no checkpoints are signed).</summary>
    public NoteSigner? Signer { get; private set; }

    /// <summary>Why the service signs no checkpoints, when it signs none.</summary>
    public string? SignerProblem { get; private set; }

    /// <summary>The log's origin: the signing key's name, or the configured origin.</summary>
    public string Origin { get; private set; } = "oversight.local/decisions";

    /// <summary>The witnesses whose cosignatures are accepted.</summary>
    public IReadOnlyList<NoteKey> Witnesses => witnesses;

    /// <summary>
    /// What is wrong with the log, as found at start and since: never silently used. Each distinct
    /// alarm is listed once, with how often it was raised; past <see cref="MaxAlarms"/> distinct
    /// ones, a last line counts the rest (every one is still in the service log).
    /// </summary>
    public IReadOnlyList<string> Alarms
    {
        get
        {
            lock (alarms)
            {
                var list = alarms.Select(a => a.Value == 1 ? a.Key : $"{a.Key} (raised {a.Value:N0} times)").ToList();
                if (alarmsNotKept > 0)
                {
                    list.Add($"{alarmsNotKept:N0} further alarms are in the service log only");
                }

                return list;
            }
        }
    }

    /// <summary>Raised after each append, so that a checkpoint can be signed.</summary>
    public event Action? Appended;

    public void Alarm(string message)
    {
        lock (alarms)
        {
            if (alarms.TryGetValue(message, out var raised))
            {
                alarms[message] = raised + 1;
                return;
            }

            if (alarms.Count < MaxAlarms)
            {
                alarms.Add(message, 1);
            }
            else
            {
                alarmsNotKept++;
            }
        }

        logger.LogCritical("Decision log alarm: {Alarm}", message);
    }

    /// <summary>Adds the next entry's leaf to the tree (the gate calls this in log order).</summary>
    public void Append(long sequence, byte[] leafHash)
    {
        if (sequence != Tree.Size + 1)
        {
            throw new InvalidOperationException($"Entry {sequence} follows the tree's {Tree.Size} leaves out of order.");
        }

        Tree.Append(leafHash);
        Interlocked.Exchange(ref appendedAt, time.GetTimestamp());
        Appended?.Invoke();
    }

    private IReadOnlyList<byte[]> ReadLeaves(long start, int count)
    {
        using var db = database.CreateContext();
        var leaves = db.Decisions.AsNoTracking()
            .Where(d => d.Sequence > start && d.Sequence <= start + count)
            .OrderBy(d => d.Sequence)
            .Select(d => d.LeafHash)
            .ToList();
        return leaves.Select(l => l ?? throw new InvalidOperationException("An entry has no leaf hash yet.")).ToList();
    }

    private void LoadSigner()
    {
        if (Options.KeyFile is not { } file)
        {
            SignerProblem = "no signing key was given (serve --log-key FILE)";
            Origin = Options.Origin ?? Origin;
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SignerProblem = $"the signing key {file} cannot be read: {e.Message}";
            Origin = Options.Origin ?? Origin;
            return;
        }

        if (!NoteSigner.TryParse(text, out var signer, out var error) || signer!.Public.Type != NoteKeyType.Ed25519)
        {
            signer?.Dispose();
            SignerProblem = $"the signing key {file} is not a log key: {(error.Length > 0 ? error : "it is a witness's cosignature key")}";
            Origin = Options.Origin ?? Origin;
            return;
        }

        if (Options.Origin is { } origin && origin != signer.Public.Name)
        {
            signer.Dispose();
            throw new OptionsValidationException(nameof(LogOptions), typeof(LogOptions), [$"--log-origin '{origin}' is not the signing key's name '{signer.Public.Name}': a checkpoint is signed with the key named for its log"]);
        }

        Signer = signer;
        Origin = signer.Public.Name;
    }

    public void Dispose()
    {
        Signer?.Dispose();
        signing.Dispose();
    }
}
