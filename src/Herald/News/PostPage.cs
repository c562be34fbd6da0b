using System.Globalization;

namespace Herald.News;

/// <summary>One page of a list of posts (newest first), as <c>/news</c>, the category archives and <c>/api/news</c> show them.</summary>
/// <param name="Number">The page, from 1.</param>
/// <param name="Posts">Its posts, at most <see cref="Size"/>.</param>
/// <param name="HasNext">Whether older posts follow on page <see cref="Number"/> + 1.</param>
public sealed record PostPage(int Number, IReadOnlyList<Post> Posts, bool HasNext)
{
    /// <summary>Posts per page.</summary>
    public const int Size = 10;

    /// <summary>The largest page number accepted.</summary>
    public const int MaxNumber = 100_000;

    /// <summary>Whether newer posts are on page <see cref="Number"/> − 1.</summary>
    public bool HasPrevious => Number > 1;

    /// <summary>
    /// Page <paramref name="number"/> of <paramref name="posts"/>, or null when there is no such page. Page 1
    /// always exists (empty when there are no posts); a later page exists when it holds a post.
    /// </summary>
    public static PostPage? Of(IReadOnlyList<Post> posts, int number)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (number < 1 || number > MaxNumber)
        {
            return null;
        }

        var skip = (long)(number - 1) * Size;
        if (number > 1 && skip >= posts.Count)
        {
            return null;
        }

        var page = posts.Skip((int)skip).Take(Size).ToArray();
        return new PostPage(number, page, skip + page.Length < posts.Count);
    }

    /// <summary>
    /// Reads a page number as a query gives it: absent (null or no value) is page 1; otherwise one value of
    /// decimal digits without a leading zero, 1 to <see cref="MaxNumber"/>. False for anything else.
    /// </summary>
    public static bool TryParseNumber(IReadOnlyList<string?>? values, out int number)
    {
        number = 1;
        if (values is null || values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || values[0] is not { Length: > 0 and <= 6 } text || text[0] == '0' || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        number = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return number <= MaxNumber;
    }
}
