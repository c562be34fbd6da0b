namespace Herald.Storage;

/// <summary>
/// A news post. Posts are written by people (<c>herald post</c>, <c>herald announce --publish</c>, editors
/// on the portal), never by the indexer, so a re-index leaves them alone.
/// </summary>
public sealed class PostRow
{
    /// <summary>The database's id.</summary>
    public int Id { get; set; }

    /// <summary>The address under <c>/news/</c>: lower-case letters, digits and '-'; unique.</summary>
    public required string Slug { get; set; }

    /// <summary>The title.</summary>
    public required string Title { get; set; }

    /// <summary>Who wrote it.</summary>
    public required string Author { get; set; }

    /// <summary>The body in Markdown, as written (rendered and sanitised when shown).</summary>
    public required string Markdown { get; set; }

    /// <summary>Whether visitors see it (false: a draft, or unpublished).</summary>
    public bool Published { get; set; }

    /// <summary>The post's date, seconds since the epoch (UTC): when it was first published, or created.</summary>
    public long Date { get; set; }

    /// <summary>The last change, seconds since the epoch (UTC).</summary>
    public long UpdatedAt { get; set; }

    /// <summary>Counts the changes to the post (1 when created); a mail is keyed on the slug and this.</summary>
    public int Revision { get; set; }

    /// <summary>The versions an announcement is about, separated by commas (<c>4.6.6,4.7.3</c>), or null.</summary>
    public string? Versions { get; set; }

    /// <summary>The announcement's identity: its versions in order (<c>announce:4.6.6,4.7.3</c>); unique; null for other posts.</summary>
    public string? AnnouncementKey { get; set; }
}

/// <summary>A category of posts (Releases, News, Security, …).</summary>
public sealed class CategoryRow
{
    /// <summary>The address under <c>/news/category/</c> (<c>releases</c>).</summary>
    public required string Slug { get; set; }

    /// <summary>The name (<c>Releases</c>).</summary>
    public required string Name { get; set; }

    /// <summary>What the category holds, shown as its archive's heading.</summary>
    public required string Description { get; set; }
}

/// <summary>A post's membership of a category.</summary>
public sealed class PostCategoryRow
{
    /// <summary>The post.</summary>
    public int PostId { get; set; }

    /// <summary>The category's slug.</summary>
    public required string Category { get; set; }
}

/// <summary>A mail sent to one recipient (a list): a post goes to each list at most once.</summary>
public sealed class MailDeliveryRow
{
    /// <summary>What was sent (a post's slug and revision).</summary>
    public required string MessageKey { get; set; }

    /// <summary>The recipient's address.</summary>
    public required string Recipient { get; set; }

    /// <summary>When it was accepted by the SMTP server, seconds since the epoch (UTC).</summary>
    public long SentAt { get; set; }

    /// <summary>The message's Message-Id.</summary>
    public required string MessageId { get; set; }
}

/// <summary>An account that signs in to the portal.</summary>
public sealed class UserRow
{
    /// <summary>The sign-in name; unique, compared exactly.</summary>
    public required string Name { get; set; }

    /// <summary>The password's hash (ASP.NET Core Identity's format: PBKDF2 with a salt and an iteration count).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>When the account was made, seconds since the epoch (UTC).</summary>
    public long CreatedAt { get; set; }

    /// <summary>Changes whenever the password or roles change; a session made before is no longer valid.</summary>
    public required string Stamp { get; set; }
}

/// <summary>A role an account holds (<c>editor</c>, <c>admin</c>, later <c>security</c>).</summary>
public sealed class UserRoleRow
{
    /// <summary>The account.</summary>
    public required string UserName { get; set; }

    /// <summary>The role's name.</summary>
    public required string Role { get; set; }
}

/// <summary>Counters of content people write (posts), so that every portal instance notices a change.</summary>
public sealed class ContentStateRow
{
    /// <summary>The counter's name.</summary>
    public required string Key { get; set; }

    /// <summary>Its value.</summary>
    public long Value { get; set; }
}
