using System.Globalization;
using System.Text;

namespace Herald.News;

/// <summary>Makes and checks the addresses of posts and categories: lower-case ASCII letters, digits and single '-'.</summary>
public static class PostSlug
{
    /// <summary>The longest slug.</summary>
    public const int MaxLength = 120;

    /// <summary>
    /// The slug for <paramref name="text"/>: letters folded to ASCII where they have an ASCII base
    /// (é → e), apostrophes dropped, everything else a '-', runs of '-' collapsed, at most <see cref="MaxLength"/>; "post" when nothing is left.
    /// </summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in Stats.IdentityMerger.Fold(text))
        {
            if (slug.Length >= MaxLength)
            {
                break;
            }

            var lower = char.ToLowerInvariant(c);
            if (c is '\'' or '’')
            {
                // "What's new" reads as whats-new, not what-s-new.
                continue;
            }

            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "post" : result;
    }

    /// <summary>Whether <paramref name="slug"/> is a slug as <see cref="From"/> makes them.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && From(slug) == slug;

    /// <summary>The slug <paramref name="slug"/> checked: a <see cref="HeraldException"/> names it and the fix.</summary>
    public static string Check(string slug, string what)
    {
        if (!IsValid(slug))
        {
            throw new HeraldException(string.Create(CultureInfo.InvariantCulture, $"{what} '{slug}' is not a slug; use lower-case letters, digits and '-' (at most {MaxLength}), e.g. '{From(slug ?? string.Empty)}'."));
        }

        return slug;
    }
}
