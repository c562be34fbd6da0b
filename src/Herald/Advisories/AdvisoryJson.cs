namespace Herald.Advisories;

/// <summary>The JSON contract of a managed advisory on the command line (<c>herald advisory … --json</c>).</summary>
public static class AdvisoryJson
{
    /// <summary>
    /// <paramref name="advisory"/> as an object: <c>id</c>, <c>number</c>, <c>state</c> (lower-case), <c>title</c>,
    /// <c>cves</c>, <c>affects</c>, <c>versions</c>, <c>commits</c>, <c>embargoUntil</c> / <c>createdAt</c> /
    /// <c>updatedAt</c> / <c>publishedAt</c> (ISO-8601 UTC or null), <c>earlyReason</c>, <c>revision</c>,
    /// <c>revisions</c> [{revision, createdAt, updates}], <c>patches</c> [{fileName, branch, sha256, size}],
    /// <c>heldReleases</c>, <c>heldPosts</c>, <c>signed</c> (whether the stored text is clear-signed), and with
    /// <paramref name="withText"/> <c>text</c>.
    /// </summary>
    public static Dictionary<string, object?> Describe(ManagedAdvisory advisory, bool withText = false)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        var content = advisory.Content;
        var described = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = advisory.Id,
            ["number"] = advisory.Number,
            ["state"] = advisory.State.ToString().ToLowerInvariant(),
            ["title"] = content.Title,
            ["cves"] = content.Cves,
            ["affects"] = content.Affects,
            ["versions"] = content.Versions,
            ["commits"] = content.Commits,
            ["embargoUntil"] = Time(advisory.EmbargoUntil),
            ["createdAt"] = Time(advisory.CreatedAt),
            ["updatedAt"] = Time(advisory.UpdatedAt),
            ["publishedAt"] = Time(advisory.PublishedAt),
            ["earlyReason"] = advisory.EarlyReason,
            ["revision"] = advisory.Revision,
            ["revisions"] = advisory.Revisions.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["revision"] = r.Revision,
                ["createdAt"] = Time(r.CreatedAt),
                ["updates"] = r.Updates,
            }).ToList(),
            ["patches"] = advisory.Patches.Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["fileName"] = p.FileName,
                ["branch"] = p.Branch,
                ["sha256"] = p.Sha256,
                ["size"] = p.Size,
            }).ToList(),
            ["heldReleases"] = advisory.HeldReleases,
            ["heldPosts"] = advisory.HeldPosts,
            ["signed"] = advisory.Text?.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", StringComparison.Ordinal) ?? false,
        };
        if (withText)
        {
            described["text"] = advisory.Text;
        }

        return described;
    }

    /// <summary><paramref name="at"/> as ISO-8601 UTC (<c>2030-01-01T12:00:00Z</c>), or null.</summary>
    public static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
