namespace Herald.Storage;

/// <summary>
/// A security advisory the security team manages (<c>herald advisory</c>): written by people, never by the
/// indexer. Its text, patches and existence are secret until <see cref="State"/> is public or its embargo ends.
/// </summary>
public sealed class AdvisoryRow
{
    /// <summary>The advisory's number (<c>500</c> of <c>XSA-500</c>); the key.</summary>
    public int Number { get; set; }

    /// <summary>The advisory's id, the project's prefix and the number (<c>XSA-500</c>); unique.</summary>
    public required string Id { get; set; }

    /// <summary>The title of the current version.</summary>
    public required string Title { get; set; }

    /// <summary><c>draft</c>, <c>embargoed</c> or <c>public</c>.</summary>
    public required string State { get; set; }

    /// <summary>The end of the embargo, seconds since the epoch (UTC), or null for none.</summary>
    public long? EmbargoUntil { get; set; }

    /// <summary>When it was made, seconds since the epoch (UTC).</summary>
    public long CreatedAt { get; set; }

    /// <summary>The last change, seconds since the epoch (UTC).</summary>
    public long UpdatedAt { get; set; }

    /// <summary>When it became public, seconds since the epoch (UTC), or null while it is not.</summary>
    public long? PublishedAt { get; set; }

    /// <summary>Why it was published before its embargo ended (<c>publish --now --reason</c>), or null.</summary>
    public string? EarlyReason { get; set; }

    /// <summary>The current version (1, 2 …).</summary>
    public int Revision { get; set; }

    /// <summary>Whether what its publication does (held posts, mails, feeds) is done; false until then.</summary>
    public bool Completed { get; set; }

    /// <summary>The current version's content as JSON (<see cref="Advisories.AdvisoryContent"/>).</summary>
    public required string Document { get; set; }
}

/// <summary>One version of an advisory, as it was (the current one included).</summary>
public sealed class AdvisoryRevisionRow
{
    /// <summary>The advisory's number.</summary>
    public int Number { get; set; }

    /// <summary>The version (1, 2 …).</summary>
    public int Revision { get; set; }

    /// <summary>When it was made, seconds since the epoch (UTC).</summary>
    public long CreatedAt { get; set; }

    /// <summary>What changed in this version ("updates in this version"); empty for the first.</summary>
    public required string Updates { get; set; }

    /// <summary>The content as JSON (<see cref="Advisories.AdvisoryContent"/>).</summary>
    public required string Document { get; set; }

    /// <summary>The advisory's text of this version as published and mailed, clear-signed with the release key when there is one; null until made.</summary>
    public string? Text { get; set; }

    /// <summary>The same version's text as it reads once public (no embargo line), signed in advance so that the portal publishes it at the embargo's end without the key; null until made.</summary>
    public string? PublicText { get; set; }
}

/// <summary>A patch file of an advisory for one branch, as uploaded (the newest upload of a name wins).</summary>
public sealed class AdvisoryPatchRow
{
    /// <summary>The advisory's number.</summary>
    public int Number { get; set; }

    /// <summary>The file name (<c>xsa500-4.19.patch</c>): letters, digits, '.', '-', '_'.</summary>
    public required string FileName { get; set; }

    /// <summary>The branch or series it applies to (<c>stable-4.19</c>, <c>master</c>).</summary>
    public required string Branch { get; set; }

    /// <summary>The version of the advisory it came with.</summary>
    public int Revision { get; set; }

    /// <summary>The SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file's bytes.</summary>
    public required byte[] Content { get; set; }
}

/// <summary>An organisation's address on the pre-disclosure list, with its access token (hashed).</summary>
public sealed class PredisclosureMemberRow
{
    /// <summary>The database's id.</summary>
    public int Id { get; set; }

    /// <summary>The organisation (<c>Example Hosting</c>).</summary>
    public required string Org { get; set; }

    /// <summary>The role address mails go to (<c>security@example.com</c>); unique.</summary>
    public required string Email { get; set; }

    /// <summary>The SHA-256 of the token, lower-case hex (the token is random, 256 bits, shown once); unique.</summary>
    public required string TokenHash { get; set; }

    /// <summary>When it was added, seconds since the epoch (UTC).</summary>
    public long CreatedAt { get; set; }
}

/// <summary>Something held until an advisory is public: a release (<c>release</c>, its version) or a post (<c>post</c>, its slug).</summary>
public sealed class AdvisoryHoldRow
{
    /// <summary>The advisory's number.</summary>
    public int Number { get; set; }

    /// <summary><c>release</c> or <c>post</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The release's version or the post's slug.</summary>
    public required string Target { get; set; }
}
