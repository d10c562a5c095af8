using Microsoft.EntityFrameworkCore;

namespace Oversight.Storage;

/// <summary>The service's database: decision log, API keys, audit runs.</summary>
/// <remarks>Each provider has its own subclass and migrations: <see cref="SqliteOversightDbContext"/>, <see cref="PostgresOversightDbContext"/>.</remarks>
public abstract class OversightDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<AuditRunRecord> AuditRuns => Set<AuditRunRecord>();

    public DbSet<SimulationRecord> Simulations => Set<SimulationRecord>();

    public DbSet<FindingRecord> Findings => Set<FindingRecord>();

    public DbSet<DetectionRunRecord> DetectionRuns => Set<DetectionRunRecord>();

    public DbSet<ReportRecord> Reports => Set<ReportRecord>();

    public DbSet<CheckpointRecord> Checkpoints => Set<CheckpointRecord>();

    public DbSet<CosignatureRecord> Cosignatures => Set<CosignatureRecord>();

    public DbSet<FindingDispositionRecord> FindingDispositions => Set<FindingDispositionRecord>();

    public DbSet<ReportNotesRecord> ReportNotes => Set<ReportNotesRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DecisionRecord>(entity =>
        {
            entity.ToTable("decisions");
            entity.HasKey(d => d.Sequence);
            entity.Property(d => d.Sequence).ValueGeneratedNever();
            entity.HasIndex(d => new { d.Agency, d.RequestId }).IsUnique();
            entity.HasIndex(d => new { d.Agency, d.AgencySequence }).IsUnique();
            entity.HasIndex(d => d.RequestId);
            entity.HasIndex(d => new { d.Agency, d.SubmittedAtTicks });
            entity.HasIndex(d => d.SubmittedAtTicks);
            entity.Property(d => d.RequestId).HasMaxLength(200);
            entity.Property(d => d.Agency).HasMaxLength(200);
            entity.Property(d => d.Requester).HasMaxLength(200);
            entity.Property(d => d.CaseNumber).HasMaxLength(200);
            entity.Property(d => d.Outcome).HasMaxLength(10);
            entity.Property(d => d.PolicyId).HasMaxLength(100);
            entity.Property(d => d.PolicyVersion).HasMaxLength(100);
            entity.Property(d => d.PolicySha256).HasMaxLength(64);
            entity.Property(d => d.PreviousHash).HasMaxLength(64);
            entity.Property(d => d.Hash).HasMaxLength(64);
            entity.Property(d => d.LeafHash).HasMaxLength(32);
        });
        modelBuilder.Entity<CheckpointRecord>(entity =>
        {
            entity.ToTable("checkpoints");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => c.TreeSize).IsUnique();
            entity.Property(c => c.RootHash).HasMaxLength(44);
        });
        modelBuilder.Entity<CosignatureRecord>(entity =>
        {
            entity.ToTable("cosignatures");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => new { c.TreeSize, c.KeyName, c.KeyId }).IsUnique();
            entity.Property(c => c.KeyName).HasMaxLength(200);
        });
        modelBuilder.Entity<ApiKeyRecord>(entity =>
        {
            entity.ToTable("api_keys");
            entity.HasKey(k => k.Id);
            entity.HasIndex(k => k.KeyHash).IsUnique();
            entity.Property(k => k.KeyHash).HasMaxLength(64);
            entity.Property(k => k.Role).HasMaxLength(20);
            entity.Property(k => k.Agency).HasMaxLength(200);
            entity.Property(k => k.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<AuditRunRecord>(entity =>
        {
            entity.ToTable("audit_runs");
            entity.HasKey(a => a.Id);
        });
        modelBuilder.Entity<SimulationRecord>(entity =>
        {
            entity.ToTable("simulations");
            entity.HasKey(s => s.Id);
            entity.Property(s => s.Id).HasMaxLength(32);
            entity.Property(s => s.Status).HasMaxLength(10);
            entity.Property(s => s.BaselinePolicyId).HasMaxLength(100);
            entity.Property(s => s.Period).HasMaxLength(40);
        });
        modelBuilder.Entity<FindingRecord>(entity =>
        {
            entity.ToTable("findings");
            entity.HasKey(f => f.Id);
            entity.Property(f => f.Id).HasMaxLength(40);
            entity.Property(f => f.Kind).HasMaxLength(30);
            entity.Property(f => f.Severity).HasMaxLength(10);
            entity.Property(f => f.Agency).HasMaxLength(200);
            entity.Property(f => f.PolicyId).HasMaxLength(100);
            entity.HasIndex(f => f.FirstSubmittedAtTicks);
            entity.HasIndex(f => new { f.Kind, f.Agency });
        });
        modelBuilder.Entity<DetectionRunRecord>(entity =>
        {
            entity.ToTable("detection_runs");
            entity.HasKey(r => r.Id);
            entity.Property(r => r.Mode).HasMaxLength(20);
        });
        modelBuilder.Entity<ReportRecord>(entity =>
        {
            entity.ToTable("reports");
            entity.HasKey(r => r.Id);
            entity.Property(r => r.Id).HasMaxLength(32);
            entity.Property(r => r.Status).HasMaxLength(10);
            entity.Property(r => r.Period).HasMaxLength(40);
            entity.Property(r => r.PolicyId).HasMaxLength(100);
            entity.Property(r => r.InputSha256).HasMaxLength(64);
            entity.HasIndex(r => new { r.PolicyId, r.Period });
        });
        modelBuilder.Entity<FindingDispositionRecord>(entity =>
        {
            entity.ToTable("finding_dispositions");
            entity.HasKey(d => d.Id);
            entity.Property(d => d.FindingId).HasMaxLength(40);
            entity.Property(d => d.Disposition).HasMaxLength(30);
            entity.Property(d => d.Note).HasMaxLength(4000);
            entity.Property(d => d.By).HasMaxLength(200);
            entity.HasIndex(d => new { d.FindingId, d.Id });
        });
        modelBuilder.Entity<ReportNotesRecord>(entity =>
        {
            entity.ToTable("report_notes");
            entity.HasKey(n => n.Id);
            entity.Property(n => n.Period).HasMaxLength(40);
            entity.Property(n => n.Sha256).HasMaxLength(64);
            entity.Property(n => n.By).HasMaxLength(200);
            entity.HasIndex(n => new { n.Period, n.Id });
        });
    }
}

/// <summary>The SQLite flavour (embedded default).</summary>
public sealed class SqliteOversightDbContext(DbContextOptions<SqliteOversightDbContext> options) : OversightDbContext(options);

/// <summary>The PostgreSQL flavour (scale-out).</summary>
public sealed class PostgresOversightDbContext(DbContextOptions<PostgresOversightDbContext> options) : OversightDbContext(options);
