using Herald.Mail;
using MimeKit.Utils;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary>A copy's Message-Id is stable per post and list, readable, and valid.</summary>
public sealed class MessageIdTests
{
    [Fact]
    public void MessageIdFor_SlugAndRevision_KeepsThemReadableBeforeAHashAtTheSendersDomain()
    {
        var id = Mailer.MessageIdFor("xen-4.19.1/2", "xen-devel@lists.xenproject.org", "xenproject.org");

        Assert.Matches(@"^xen-4\.19\.1\.2\.[0-9a-f]{16}@xenproject\.org$", id);
    }

    [Fact]
    public void MessageIdFor_SameKeyAndRecipient_IsTheSameIgnoringTheAddressCase()
    {
        Assert.Equal(
            Mailer.MessageIdFor("xen-4.19.1/2", "xen-devel@lists.xenproject.org", "xenproject.org"),
            Mailer.MessageIdFor("xen-4.19.1/2", "Xen-Devel@Lists.XenProject.org", "xenproject.org"));
    }

    [Theory]
    [InlineData("xen-4.19.1/2", "xen-announce@lists.xenproject.org")]
    [InlineData("xen-4.19.1/3", "xen-devel@lists.xenproject.org")]
    [InlineData("xen-4.19.1.2", "xen-devel@lists.xenproject.org")]
    public void MessageIdFor_AnotherRevisionOrList_IsAnotherId(string key, string recipient)
    {
        Assert.NotEqual(
            Mailer.MessageIdFor("xen-4.19.1/2", "xen-devel@lists.xenproject.org", "xenproject.org"),
            Mailer.MessageIdFor(key, recipient, "xenproject.org"));
    }

    [Theory]
    [InlineData("..//..", "post.")]
    [InlineData("Ünïcode key <with> \"quotes\"", "n.code.key.with.quotes.")]
    public void MessageIdFor_KeyWithCharactersAnIdCannotHold_IsStillAValidId(string key, string start)
    {
        var id = Mailer.MessageIdFor(key, "xen-devel@lists.xenproject.org", "xenproject.org");

        Assert.StartsWith(start, id, StringComparison.Ordinal);
        Assert.Equal(id, MimeUtils.ParseMessageId(id));
    }
}
