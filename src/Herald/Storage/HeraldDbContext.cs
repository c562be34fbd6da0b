using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Herald's index: what the portal serves, written only by the <see cref="Indexer"/>. One schema for
/// SQLite (default) and PostgreSQL; each provider has its own migrations (see the subclasses).
/// </summary>
public abstract class HeraldDbContext : DbContext
{
    /// <summary>Creates a context with the given options.</summary>
    protected HeraldDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Commits.</summary>
    public DbSet<CommitRow> Commits => Set<CommitRow>();

    /// <summary>Branches and tags.</summary>
    public DbSet<RefRow> Refs => Set<RefRow>();

    /// <summary>Releases and candidates.</summary>
    public DbSet<ReleaseRow> Releases => Set<ReleaseRow>();

    /// <summary>The commits of each release.</summary>
    public DbSet<ReleaseChangeRow> ReleaseChanges => Set<ReleaseChangeRow>();

    /// <summary>Series.</summary>
    public DbSet<SeriesRow> Series => Set<SeriesRow>();

    /// <summary>Facts about the index.</summary>
    public DbSet<IndexStateRow> State => Set<IndexStateRow>();

    /// <summary>News posts (written by people, never by the indexer).</summary>
    public DbSet<PostRow> Posts => Set<PostRow>();

    /// <summary>Categories of posts.</summary>
    public DbSet<CategoryRow> Categories => Set<CategoryRow>();

    /// <summary>Which post is in which category.</summary>
    public DbSet<PostCategoryRow> PostCategories => Set<PostCategoryRow>();

    /// <summary>Mails sent, one row per message and recipient.</summary>
    public DbSet<MailDeliveryRow> MailDeliveries => Set<MailDeliveryRow>();

    /// <summary>Accounts.</summary>
    public DbSet<UserRow> Users => Set<UserRow>();

    /// <summary>The roles of accounts.</summary>
    public DbSet<UserRoleRow> UserRoles => Set<UserRoleRow>();

    /// <summary>Counters of written content.</summary>
    public DbSet<ContentStateRow> ContentState => Set<ContentStateRow>();

    /// <summary>Advisories the security team manages.</summary>
    public DbSet<AdvisoryRow> Advisories => Set<AdvisoryRow>();

    /// <summary>Every version of every managed advisory.</summary>
    public DbSet<AdvisoryRevisionRow> AdvisoryRevisions => Set<AdvisoryRevisionRow>();

    /// <summary>Advisories' patch files.</summary>
    public DbSet<AdvisoryPatchRow> AdvisoryPatches => Set<AdvisoryPatchRow>();

    /// <summary>The pre-disclosure list.</summary>
    public DbSet<PredisclosureMemberRow> PredisclosureMembers => Set<PredisclosureMemberRow>();

    /// <summary>Releases and posts held until an advisory is public.</summary>
    public DbSet<AdvisoryHoldRow> AdvisoryHolds => Set<AdvisoryHoldRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CommitRow>(e =>
        {
            e.ToTable("commits");
            e.HasKey(c => c.Sha);
            e.Property(c => c.Sha).HasMaxLength(64);
            e.Property(c => c.Parents).HasMaxLength(1024);
            e.Property(c => c.MasterCommit).HasMaxLength(64);
            e.HasIndex(c => c.MasterCommit);
        });
        modelBuilder.Entity<RefRow>(e =>
        {
            e.ToTable("refs");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(256);
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.Sha).HasMaxLength(64);
        });
        modelBuilder.Entity<ReleaseRow>(e =>
        {
            e.ToTable("releases");
            e.HasKey(r => r.Version);
            e.Property(r => r.Version).HasMaxLength(64);
            e.Property(r => r.Series).HasMaxLength(32);
            e.Property(r => r.Tag).HasMaxLength(256);
            e.Property(r => r.Commit).HasMaxLength(64);
            e.HasIndex(r => r.Series);
        });
        modelBuilder.Entity<ReleaseChangeRow>(e =>
        {
            e.ToTable("release_changes");
            e.HasKey(c => new { c.Version, c.Sha });
            e.Property(c => c.Version).HasMaxLength(64);
            e.Property(c => c.Sha).HasMaxLength(64);
            e.HasIndex(c => c.Sha);
        });
        modelBuilder.Entity<SeriesRow>(e =>
        {
            e.ToTable("series");
            e.HasKey(s => s.Series);
            e.Property(s => s.Series).HasMaxLength(32);
            e.Property(s => s.Source).HasMaxLength(16);
        });
        modelBuilder.Entity<IndexStateRow>(e =>
        {
            e.ToTable("index_state");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(64);
        });
        ContentModel.Configure(modelBuilder);
    }
}

/// <summary>The index in a SQLite file (the default; no server needed).</summary>
public sealed class SqliteHeraldDbContext : HeraldDbContext
{
    /// <summary>Creates a SQLite context.</summary>
    public SqliteHeraldDbContext(DbContextOptions<SqliteHeraldDbContext> options)
        : base(options)
    {
    }
}

/// <summary>The index in PostgreSQL, for several portal instances sharing one database.</summary>
public sealed class PostgresHeraldDbContext : HeraldDbContext
{
    /// <summary>Creates a PostgreSQL context.</summary>
    public PostgresHeraldDbContext(DbContextOptions<PostgresHeraldDbContext> options)
        : base(options)
    {
    }
}
