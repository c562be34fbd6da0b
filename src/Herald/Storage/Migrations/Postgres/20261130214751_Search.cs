using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search table (Herald.Search.SearchRows keeps it), ids ranged by kind (releases from 2^40 in version order, commits
            // from 2 * 2^40 in commit time order, posts from 3 * 2^40 + the post's id: a search lists the highest ids first), with a generated tsvector and a GIN index. The
            // text is split into runs of letters and digits first, as Herald.Search.SearchQuery and SQLite's
            // unicode61 do: the default parser would keep 'x86/hvm' or '4.19.0' whole as one lexeme.
            migrationBuilder.Sql("""
                CREATE TABLE search (
                    id bigint PRIMARY KEY,
                    key varchar(256) NOT NULL,
                    title text NOT NULL,
                    body text NOT NULL,
                    detail text NOT NULL,
                    stamp bigint NOT NULL,
                    document tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('simple'::regconfig, regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
                        || setweight(to_tsvector('simple'::regconfig, regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'B')) STORED);
                CREATE INDEX ix_search_document ON search USING GIN (document);
                """);
            // What an index made before this migration holds, so that it is searchable without indexing again.
            migrationBuilder.Sql("""
                INSERT INTO search (id, key, title, body, detail, stamp)
                SELECT 1099511627776 + row_number() OVER (ORDER BY "Major", "Minor", "Patch", "Candidate" IS NULL, "Candidate"),
                       "Version", "Version", "Tag", "Tag", extract(epoch FROM "Date")::bigint
                FROM releases;
                INSERT INTO search (id, key, title, body, detail, stamp)
                SELECT 2199023255552 + row_number() OVER (ORDER BY "CommitTime", "Sha"),
                       "Sha", "Subject", "AuthorName" || ' ' || "AuthorEmail", "AuthorName", "AuthorTime"
                FROM commits;
                INSERT INTO search (id, key, title, body, detail, stamp)
                SELECT 3298534883328 + "Id", "Slug", "Title", left("Markdown", 100000), "Author", "Date"
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
