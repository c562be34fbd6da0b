namespace Herald.Accounts;

/// <summary>
/// The roles an account may hold. A role is a name stored beside the account (an account may hold several),
/// so that a new role is one more name here and the places that check it.
/// </summary>
public static class Role
{
    /// <summary>Writes, edits, publishes and mails news posts.</summary>
    public const string Editor = "editor";

    /// <summary>Everything an editor does, and manages accounts. Not the security team: an admin sees no embargoed advisory unless also <see cref="Security"/>.</summary>
    public const string Admin = "admin";

    /// <summary>The security team: sees, writes and publishes advisories before their publication.</summary>
    public const string Security = "security";

    /// <summary>Every role Herald knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Editor, Admin, Security];

    /// <summary>The role <paramref name="name"/> checked (case-insensitive): a <see cref="HeraldException"/> lists the known ones.</summary>
    public static string Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return known ?? throw new HeraldException($"role '{name}' is not known; use one of {string.Join(", ", All)}.");
    }

    /// <summary>Whether an account holding <paramref name="roles"/> may edit news.</summary>
    public static bool CanEditNews(IEnumerable<string> roles) => roles.Any(r => r is Editor or Admin);

    /// <summary>Whether an account holding <paramref name="roles"/> is on the security team.</summary>
    public static bool IsSecurityTeam(IEnumerable<string> roles) => roles.Any(r => r is Security);
}
