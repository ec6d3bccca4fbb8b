using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Storage;

/// <summary>The gateway's tables; <see cref="SqliteGatewayDb"/> and <see cref="PostgresGatewayDb"/> carry each provider's migrations.</summary>
internal abstract class GatewayDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<TenantRow> Tenants => Set<TenantRow>();

    public DbSet<ApiTokenRow> Tokens => Set<ApiTokenRow>();

    public DbSet<AccountRow> Accounts => Set<AccountRow>();

    public DbSet<JobRow> Jobs => Set<JobRow>();

    public DbSet<DeliveryRow> Deliveries => Set<DeliveryRow>();

    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<VoiceCloneRow> VoiceClones => Set<VoiceCloneRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TenantRow>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Name).HasMaxLength(100);
            tenant.HasIndex(t => t.Name).IsUnique();
        });
        model.Entity<ApiTokenRow>(token =>
        {
            token.ToTable("api_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Name).HasMaxLength(100);
            token.HasIndex(t => t.Name).IsUnique();
            token.HasIndex(t => t.TenantId);
        });
        model.Entity<AccountRow>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            // The take-slot statement's pick: the tenant's accounts, or the one it names.
            account.HasIndex(a => new { a.TenantId, a.Key }).IsUnique();
            account.Property(a => a.Key).HasMaxLength(320);
            account.Property(a => a.Email).HasMaxLength(320);
            account.Property(a => a.Kind).HasMaxLength(16);
        });
        model.Entity<JobRow>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.JobId);
            job.Property(j => j.JobId).HasMaxLength(64);
            job.Property(j => j.Kind).HasMaxLength(16);
            job.Property(j => j.Status).HasMaxLength(16);
            job.Property(j => j.ReplyUrl).HasMaxLength(1024);
            job.HasIndex(j => new { j.HoldsSlot, j.Email });
            job.HasIndex(j => new { j.TenantId, j.HoldsSlot });
            job.HasIndex(j => j.Instance);
            job.HasIndex(j => j.CreatedAt);
        });
        model.Entity<DeliveryRow>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasKey(d => d.Id);
            delivery.HasIndex(d => d.JobId);
        });
        model.Entity<InstanceRow>(instance =>
        {
            instance.ToTable("instances");
            instance.HasKey(i => i.Id);
            instance.Property(i => i.Id).HasMaxLength(64);
        });
        model.Entity<VoiceCloneRow>(clone =>
        {
            clone.ToTable("voice_clones");
            clone.HasKey(c => c.VoiceId);
            clone.Property(c => c.VoiceId).HasMaxLength(128);
            clone.Property(c => c.Name).HasMaxLength(200);
            clone.HasIndex(c => new { c.TenantId, c.CreatedAt });
        });
    }
}

/// <summary>The gateway's tables on SQLite.</summary>
internal sealed class SqliteGatewayDb(DbContextOptions<SqliteGatewayDb> options) : GatewayDb(options);

/// <summary>The gateway's tables on PostgreSQL.</summary>
internal sealed class PostgresGatewayDb(DbContextOptions<PostgresGatewayDb> options) : GatewayDb(options);
