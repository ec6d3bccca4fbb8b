using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediagate.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An existing database had one pool shared by every token: it all goes to one tenant, "default", which every existing
            // token joins, so the deployment behaves as before until the operator makes new tenants. A new database has none.
            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tenants_Name",
                table: "tenants",
                column: "Name",
                unique: true);

            migrationBuilder.Sql(
                "INSERT INTO tenants (\"Name\", \"CreatedAt\") SELECT 'default', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) " +
                "WHERE EXISTS (SELECT 1 FROM api_tokens) OR EXISTS (SELECT 1 FROM accounts) OR EXISTS (SELECT 1 FROM jobs);");

            // The accounts' key becomes a row id: SQLite cannot change a primary key in place, so the table is copied, every
            // row kept, each given its id in email order.
            migrationBuilder.Sql(
                "CREATE TABLE \"ef_temp_accounts\" (" +
                "\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_accounts\" PRIMARY KEY AUTOINCREMENT, " +
                "\"TenantId\" INTEGER NOT NULL, " +
                "\"Key\" TEXT NOT NULL, " +
                "\"Email\" TEXT NOT NULL, " +
                "\"Kind\" TEXT NOT NULL, " +
                "\"MaxJobs\" INTEGER NOT NULL, " +
                "\"Running\" INTEGER NOT NULL, " +
                "\"Secrets\" TEXT NOT NULL, " +
                "\"Session\" TEXT NULL, " +
                "\"SessionExpiresAt\" INTEGER NULL, " +
                "\"Error\" TEXT NULL, " +
                "\"DeletedAt\" INTEGER NULL, " +
                "\"CreatedAt\" INTEGER NOT NULL, " +
                "\"UpdatedAt\" INTEGER NOT NULL);");
            migrationBuilder.Sql(
                "INSERT INTO \"ef_temp_accounts\" (\"TenantId\", \"Key\", \"Email\", \"Kind\", \"MaxJobs\", \"Running\", \"Secrets\", \"Session\", \"SessionExpiresAt\", \"Error\", \"CreatedAt\", \"UpdatedAt\") " +
                "SELECT COALESCE((SELECT \"Id\" FROM tenants WHERE \"Name\" = 'default'), 0), \"Key\", \"Email\", \"Kind\", \"MaxJobs\", \"Running\", \"Secrets\", \"Session\", \"SessionExpiresAt\", \"Error\", \"CreatedAt\", \"UpdatedAt\" " +
                "FROM accounts ORDER BY \"Key\";");
            migrationBuilder.Sql("DROP TABLE accounts;");
            migrationBuilder.Sql("ALTER TABLE \"ef_temp_accounts\" RENAME TO accounts;");

            migrationBuilder.AddColumn<long>(
                name: "AccountId",
                table: "jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TenantId",
                table: "jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TenantId",
                table: "api_tokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("UPDATE api_tokens SET \"TenantId\" = COALESCE((SELECT \"Id\" FROM tenants WHERE \"Name\" = 'default'), 0);");
            migrationBuilder.Sql(
                "UPDATE jobs SET \"TenantId\" = COALESCE((SELECT \"Id\" FROM tenants WHERE \"Name\" = 'default'), 0), " +
                "\"AccountId\" = (SELECT a.\"Id\" FROM accounts a WHERE a.\"Key\" = jobs.\"Email\");");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_TenantId_HoldsSlot",
                table: "jobs",
                columns: new[] { "TenantId", "HoldsSlot" });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_TenantId",
                table: "api_tokens",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_TenantId_Key",
                table: "accounts",
                columns: new[] { "TenantId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenants");

            migrationBuilder.DropIndex(
                name: "IX_jobs_TenantId_HoldsSlot",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "IX_api_tokens_TenantId",
                table: "api_tokens");

            migrationBuilder.DropPrimaryKey(
                name: "PK_accounts",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_TenantId_Key",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "accounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_accounts",
                table: "accounts",
                column: "Key");
        }
    }
}
