namespace Herald.Configuration;

/// <summary><c>[storage]</c>: where the index lives.</summary>
/// <param name="Database">A PostgreSQL connection string, or null for SQLite in the data folder.</param>
internal sealed record StorageSettings(string? Database)
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    public const string Key = "storage";

    /// <summary>Reads <c>[storage]</c> of <paramref name="root"/>.</summary>
    public static StorageSettings Read(TomlSection root) => new(root.Table(Key, "database").String("database"));
}
