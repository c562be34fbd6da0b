namespace Herald.Configuration;

/// <summary>
/// The project's own places besides the portal (<c>[project] homepage</c>, <c>wiki</c>, <c>repository_url</c>),
/// each null when not configured.
/// </summary>
/// <param name="Homepage">The project's home page.</param>
/// <param name="Wiki">The project's wiki.</param>
/// <param name="Repository">
/// An external repository browser (gitweb, cgit, a forge): <c>{sha}</c> or <c>{ref}</c> stands for the commit or
/// the ref shown, e.g. <c>https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h={sha}</c>. Both placeholders take
/// either: gitweb, cgit and the forges show a ref's newest commit at a commit address.
/// </param>
public sealed record ProjectLinks(Uri? Homepage = null, Uri? Wiki = null, UrlTemplate? Repository = null)
{
    private static readonly string[] Placeholders = ["sha", "ref"];

    /// <summary>The repository browser's page of commit <paramref name="sha"/>, or null without <see cref="Repository"/>.</summary>
    public Uri? CommitUrl(string sha) => Repository?.Expand(sha, Placeholders);

    /// <summary>The repository browser's page of ref <paramref name="name"/> (a branch or tag), or null without <see cref="Repository"/>.</summary>
    public Uri? RefUrl(string name) => Repository?.Expand(name, Placeholders);

    internal static ProjectLinks Read(TomlSection section) =>
        new(section.HttpUrl("homepage"), section.HttpUrl("wiki"), UrlTemplate.Read(section, "repository_url", Placeholders));
}
