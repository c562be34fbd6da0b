namespace Herald.Accounts;

/// <summary>An account as stored (without its password).</summary>
/// <param name="Name">The sign-in name.</param>
/// <param name="Roles">The roles it holds.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="Stamp">Changes with the password and roles: a session carries it, and one with an old stamp is refused.</param>
public sealed record Account(string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string Stamp);
