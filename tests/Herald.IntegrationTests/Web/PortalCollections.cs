using Xunit;

namespace Herald.Tests.Web;

/// <summary>The route suites on SQLite share one indexed portal.</summary>
[CollectionDefinition(Name)]
public sealed class SqlitePortalCollection : ICollectionFixture<SqlitePortalFixture>
{
    public const string Name = "portal on SQLite";
}

/// <summary>The same route suites on PostgreSQL share another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresPortalCollection : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "portal on PostgreSQL";
}
