using Herald.Announcements;
using Xunit;

namespace Herald.Tests.Announcements;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void ToHtml_ScriptTag_IsDropped()
    {
        var html = MarkdownRenderer.ToHtml("Hello\n\n<script>alert(1)</script>\n\nafter");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hello</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>after</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ImageWithOnError_KeepsTheImageWithoutTheHandler()
    {
        var html = MarkdownRenderer.ToHtml("<img src=\"https://example.org/a.png\" onerror=\"alert(1)\">");

        Assert.Contains("<img src=\"https://example.org/a.png\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](data:text/html,<script>alert(1)</script>)")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\" javascript:alert(1)\">x</a>")]
    [InlineData("[x](vbscript:msgbox)")]
    public void ToHtml_DangerousLink_LosesItsAddress(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.Contains(">x</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_EventAndStyleAttributes_AreDropped()
    {
        var html = MarkdownRenderer.ToHtml("<p onclick=\"steal()\" style=\"position:fixed\" class=\"note\">hi</p>");

        Assert.Equal("<p class=\"note\">hi</p>", html.Trim());
    }

    [Theory]
    [InlineData("[rel](/releases/4.8.1)", "<a href=\"/releases/4.8.1\">rel</a>")]
    [InlineData("[web](https://xenproject.org/)", "<a href=\"https://xenproject.org/\">web</a>")]
    [InlineData("[mail](mailto:xen-devel@lists.xenproject.org)", "<a href=\"mailto:xen-devel@lists.xenproject.org\">mail</a>")]
    public void ToHtml_SafeLinks_AreKept(string markdown, string expected)
    {
        Assert.Equal($"<p>{expected}</p>", MarkdownRenderer.ToHtml(markdown).Trim());
    }

    [Fact]
    public void ToHtml_OrdinaryFormatting_IsKept()
    {
        var html = MarkdownRenderer.ToHtml("## Title\n\n*em* **strong** `code`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n");

        Assert.Contains("<h2 id=\"title\">Title</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<em>em</em> <strong>strong</strong> <code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ManyThreads_SameResult()
    {
        const string markdown = "# T\n\n[a](https://a.example) <script>x</script>";
        var expected = MarkdownRenderer.ToHtml(markdown);

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = MarkdownRenderer.ToHtml(markdown));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void ToPlainText_LinksAndLists_ReadableWithUrls()
    {
        var text = MarkdownRenderer.ToPlainText("# Title\n\nSee [the page](https://example.org/p) and <https://example.org/q>.\n\n- one\n- `two`\n\n1. first\n2. second\n\n<b>raw</b> stays text-free\n");

        Assert.Equal(
            "Title\n=====\n\nSee the page (https://example.org/p) and https://example.org/q.\n\n- one\n- two\n\n1. first\n2. second\n\nraw stays text-free\n",
            text);
    }

    [Fact]
    public void ToPlainText_CodeBlockAndQuote_IndentedAndQuoted()
    {
        var text = MarkdownRenderer.ToPlainText("> quoted\n\n```\nmake\n```\n");

        Assert.Equal("> quoted\n\n    make\n", text);
    }
}
