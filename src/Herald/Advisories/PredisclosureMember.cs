namespace Herald.Advisories;

/// <summary>An address on the pre-disclosure list (the token is never kept: only its hash).</summary>
/// <param name="Org">The organisation.</param>
/// <param name="Email">The role address mails go to.</param>
/// <param name="AddedAt">When it was added (UTC).</param>
public sealed record PredisclosureMember(string Org, string Email, DateTimeOffset AddedAt)
{
    /// <summary>The viewer a request bearing this member's token is.</summary>
    public Viewer AsViewer() => new(ViewerKind.Member, Email, Org);
}
