using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mediagate.Server.Storage;

// Used only by `dotnet ef migrations add` (see docs/architecture/gateway.md); the running gateway builds its contexts in GatewayStore.

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteGatewayDb>
{
    public SqliteGatewayDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGatewayDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresGatewayDb>
{
    public PostgresGatewayDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGatewayDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
