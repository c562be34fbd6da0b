namespace Herald.Tests.Storage;

/// <summary>
/// The PostgreSQL database of one test class at a time: <see cref="CreateAsync"/> makes a fresh one (from
/// <c>HERALD_TEST_POSTGRES</c>) and returns its connection string, <see cref="DropAsync"/> removes it.
/// </summary>
public sealed class PostgresTestDatabaseSlot
{
    private PostgresTestDatabase? _database;

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string?> CreateAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return _database.ConnectionString;
    }

    /// <summary>Drops the database <see cref="CreateAsync"/> made, if any.</summary>
    public async Task DropAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}
