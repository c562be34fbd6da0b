namespace Herald.Advisories;

/// <summary>Who asks, as far as advisories are concerned.</summary>
public enum ViewerKind
{
    /// <summary>No credentials: sees public advisories only, and may be served shared cached answers.</summary>
    Anonymous,

    /// <summary>A signed-in account not on the security team (an editor, an admin): sees what anonymous visitors see.</summary>
    Account,

    /// <summary>A pre-disclosure member (a token): also sees embargoed advisories.</summary>
    Member,

    /// <summary>The security team: sees every advisory, drafts included.</summary>
    Security,
}

/// <summary>The one who asks: what <see cref="AccessPolicy"/> decides on.</summary>
/// <param name="Kind">What kind of viewer.</param>
/// <param name="Name">The account's name, or the member's address; null when anonymous.</param>
/// <param name="Org">The member's organisation, or null.</param>
public sealed record Viewer(ViewerKind Kind, string? Name = null, string? Org = null)
{
    /// <summary>A visitor without credentials.</summary>
    public static Viewer Anonymous { get; } = new(ViewerKind.Anonymous);

    /// <summary>Whether the viewer came with credentials: then no answer to it may be kept in a shared cache.</summary>
    public bool HasCredentials => Kind != ViewerKind.Anonymous;
}
