using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Advisories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisories",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmbargoUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EarlyReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "predisclosure_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Org = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_predisclosure_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "advisory_holds",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_holds", x => new { x.Number, x.Kind, x.Target });
                    table.ForeignKey(
                        name: "FK_advisory_holds_advisories_Number",
                        column: x => x.Number,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "advisory_patches",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Branch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_patches", x => new { x.Number, x.FileName });
                    table.ForeignKey(
                        name: "FK_advisory_patches_advisories_Number",
                        column: x => x.Number,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "advisory_revisions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Updates = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    PublicText = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_revisions", x => new { x.Number, x.Revision });
                    table.ForeignKey(
                        name: "FK_advisory_revisions_advisories_Number",
                        column: x => x.Number,
                        principalTable: "advisories",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Completed_EmbargoUntil",
                table: "advisories",
                columns: new[] { "Completed", "EmbargoUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_Id",
                table: "advisories",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_advisory_holds_Kind_Target",
                table: "advisory_holds",
                columns: new[] { "Kind", "Target" });

            migrationBuilder.CreateIndex(
                name: "IX_predisclosure_members_Email",
                table: "predisclosure_members",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_predisclosure_members_TokenHash",
                table: "predisclosure_members",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_holds");

            migrationBuilder.DropTable(
                name: "advisory_patches");

            migrationBuilder.DropTable(
                name: "advisory_revisions");

            migrationBuilder.DropTable(
                name: "predisclosure_members");

            migrationBuilder.DropTable(
                name: "advisories");
        }
    }
}
