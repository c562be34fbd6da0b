namespace Herald.Configuration;

/// <summary>
/// An absolute http or https address with placeholders in braces (<c>https://xenbits.xen.org/xsa/advisory-{n}.html</c>):
/// <see cref="Expand"/> puts an escaped value in place of each of them.
/// </summary>
public sealed record UrlTemplate
{
    private UrlTemplate(string text) => Text = text;

    /// <summary>The template as configured.</summary>
    public string Text { get; }

    /// <summary>
    /// The address with every placeholder among <paramref name="names"/> replaced by <paramref name="value"/>,
    /// escaped as one URI data component (a '/' in a ref name becomes %2F).
    /// </summary>
    public Uri Expand(string value, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(names);
        var escaped = Uri.EscapeDataString(value);
        var text = Text;
        foreach (var name in names)
        {
            text = text.Replace("{" + name + "}", escaped, StringComparison.Ordinal);
        }

        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>
    /// Reads <paramref name="key"/> of <paramref name="section"/>: an absolute http or https URL naming at least
    /// one of <paramref name="placeholders"/>; null when the key is absent.
    /// </summary>
    internal static UrlTemplate? Read(TomlSection section, string key, params string[] placeholders)
    {
        var text = section.String(key);
        if (text is null)
        {
            return null;
        }

        var named = placeholders.Where(p => text.Contains("{" + p + "}", StringComparison.Ordinal)).ToList();
        var example = string.Join(" or ", placeholders.Select(p => "{" + p + "}"));
        if (named.Count == 0)
        {
            throw section.Error(key, $"{section.NameOf(key)} \"{text}\" must name {example} where the value goes.");
        }

        var sample = named.Aggregate(text, (current, p) => current.Replace("{" + p + "}", "1", StringComparison.Ordinal));
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || sample.Contains('{', StringComparison.Ordinal) || sample.Any(char.IsControl))
        {
            throw section.Error(key, $"{section.NameOf(key)} \"{text}\" must be an absolute http or https URL with {example} as its only placeholders.");
        }

        return new UrlTemplate(text);
    }
}
