using Xunit;

namespace Herald.Tests.News;

/// <summary>The news suites on SQLite share one portal with posts.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteNewsCollection : ICollectionFixture<SqliteNewsPortalFixture>
{
    public const string Name = "news portal on SQLite";
}

/// <summary>The same suites on PostgreSQL share another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresNewsCollection : ICollectionFixture<PostgresNewsPortalFixture>
{
    public const string Name = "news portal on PostgreSQL";
}
