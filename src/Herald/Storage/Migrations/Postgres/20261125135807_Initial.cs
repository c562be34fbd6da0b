using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commits",
                columns: table => new
                {
                    Sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Parents = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    AuthorName = table.Column<string>(type: "text", nullable: false),
                    AuthorEmail = table.Column<string>(type: "text", nullable: false),
                    AuthorTime = table.Column<long>(type: "bigint", nullable: false),
                    AuthorOffset = table.Column<int>(type: "integer", nullable: false),
                    CommitTime = table.Column<long>(type: "bigint", nullable: false),
                    MasterCommit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Advisories = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commits", x => x.Sha);
                });

            migrationBuilder.CreateTable(
                name: "index_state",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_index_state", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "refs",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refs", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "release_changes",
                columns: table => new
                {
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_release_changes", x => new { x.Version, x.Sha });
                });

            migrationBuilder.CreateTable(
                name: "releases",
                columns: table => new
                {
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Major = table.Column<int>(type: "integer", nullable: false),
                    Minor = table.Column<int>(type: "integer", nullable: false),
                    Patch = table.Column<int>(type: "integer", nullable: false),
                    Candidate = table.Column<int>(type: "integer", nullable: true),
                    Tag = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Commit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Signed = table.Column<bool>(type: "boolean", nullable: false),
                    Branch = table.Column<string>(type: "text", nullable: true),
                    Previous = table.Column<string>(type: "text", nullable: true),
                    StatsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_releases", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "series",
                columns: table => new
                {
                    Series = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Major = table.Column<int>(type: "integer", nullable: false),
                    Minor = table.Column<int>(type: "integer", nullable: false),
                    Branch = table.Column<string>(type: "text", nullable: true),
                    Released = table.Column<DateOnly>(type: "date", nullable: true),
                    SupportedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    SecurityUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnreleasedCommits = table.Column<int>(type: "integer", nullable: false),
                    BackportsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series", x => x.Series);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commits_MasterCommit",
                table: "commits",
                column: "MasterCommit");

            migrationBuilder.CreateIndex(
                name: "IX_release_changes_Sha",
                table: "release_changes",
                column: "Sha");

            migrationBuilder.CreateIndex(
                name: "IX_releases_Series",
                table: "releases",
                column: "Series");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commits");

            migrationBuilder.DropTable(
                name: "index_state");

            migrationBuilder.DropTable(
                name: "refs");

            migrationBuilder.DropTable(
                name: "release_changes");

            migrationBuilder.DropTable(
                name: "releases");

            migrationBuilder.DropTable(
                name: "series");
        }
    }
}
