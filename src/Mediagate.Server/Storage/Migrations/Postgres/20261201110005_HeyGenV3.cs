using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediagate.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HeyGenV3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AudioSeconds",
                table: "jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Characters",
                table: "jobs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "voice_clones",
                columns: table => new
                {
                    VoiceId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    TenantId = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_clones", x => x.VoiceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_clones_TenantId_CreatedAt",
                table: "voice_clones",
                columns: new[] { "TenantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_clones");

            migrationBuilder.DropColumn(
                name: "AudioSeconds",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "Characters",
                table: "jobs");
        }
    }
}
