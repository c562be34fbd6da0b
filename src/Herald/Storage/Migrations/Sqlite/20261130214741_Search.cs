using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search table (Herald.Search.SearchRows keeps it): an FTS5 table whose rowids are ranged by kind
            // (releases from 2^40 in version order, commits from 2 * 2^40 in commit time order, posts from 3 * 2^40 + the post's id:
            // a search lists the highest ids first). The unicode61
            // tokenizer splits text into runs of letters and digits, as Herald.Search.SearchQuery does.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search USING fts5(
                    key UNINDEXED, title, body, detail UNINDEXED, stamp UNINDEXED,
                    tokenize = 'unicode61 remove_diacritics 2');
                """);
            // What an index made before this migration holds, so that it is searchable without indexing again.
            migrationBuilder.Sql("""
                INSERT INTO search (rowid, key, title, body, detail, stamp)
                SELECT 1099511627776 + row_number() OVER (ORDER BY "Major", "Minor", "Patch", "Candidate" IS NULL, "Candidate"),
                       "Version", "Version", "Tag", "Tag", CAST(strftime('%s', "Date") AS INTEGER)
                FROM releases;
                INSERT INTO search (rowid, key, title, body, detail, stamp)
                SELECT 2199023255552 + row_number() OVER (ORDER BY "CommitTime", "Sha"),
                       "Sha", "Subject", "AuthorName" || ' ' || "AuthorEmail", "AuthorName", "AuthorTime"
                FROM commits;
                INSERT INTO search (rowid, key, title, body, detail, stamp)
                SELECT 3298534883328 + "Id", "Slug", "Title", substr("Markdown", 1, 100000), "Author", "Date"
                FROM posts WHERE "Published";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search;");
        }
    }
}
