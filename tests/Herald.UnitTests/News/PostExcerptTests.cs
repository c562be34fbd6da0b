using Herald.News;
using Xunit;

namespace Herald.Tests.News;

public sealed class PostExcerptTests
{
    [Fact]
    public void ToHtml_HeadingThenParagraphs_IsTheFirstParagraph() =>
        Assert.Equal("<p>First <em>one</em>, with <a href=\"https://example.org/\">a link</a>.</p>", PostExcerpt.ToHtml("# Title\n\nFirst *one*, with [a link](https://example.org/).\n\nSecond one.\n"));

    [Fact]
    public void ToHtml_NoParagraph_IsEmpty() => Assert.Equal(string.Empty, PostExcerpt.ToHtml("# Only a heading\n\n```\ncode\n```\n"));

    [Fact]
    public void ToHtml_ListFirst_IsItsFirstItemsParagraph() => Assert.Equal("<p>first item</p>", PostExcerpt.ToHtml("- first item\n- second item\n"));

    [Fact]
    public void ToHtml_Empty_IsEmpty() => Assert.Equal(string.Empty, PostExcerpt.ToHtml(string.Empty));

    [Fact]
    public void ToHtml_Script_IsSanitised()
    {
        var html = PostExcerpt.ToHtml("Hello <script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<p>Hello", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_LongParagraph_IsCutAtAWordAndEncoded()
    {
        var words = string.Join(' ', Enumerable.Repeat("word<&>", 100));

        var html = PostExcerpt.ToHtml(words + "\n\nSecond.\n");

        Assert.StartsWith("<p>word&lt;&amp;&gt; word", html, StringComparison.Ordinal);
        Assert.EndsWith("word&lt;&amp;&gt;…</p>", html, StringComparison.Ordinal);
        Assert.True(System.Net.WebUtility.HtmlDecode(html).Length <= PostExcerpt.MaxLength + "<p>…</p>".Length);
        Assert.DoesNotContain("Second", html, StringComparison.Ordinal);
    }
}
