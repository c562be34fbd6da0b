using Herald.Advisories;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>The mail to the pre-disclosure list: one key per version, Xen's subject, the stored text as body.</summary>
public sealed class MemberMailTests
{
    [Fact]
    public void For_EmbargoedWithText_KeyPerVersionSubjectAndBody()
    {
        var advisory = WithText(Samples.Advisory(), "SIGNED TEXT\n");

        var mail = MemberMail.For(advisory, "Xen");

        Assert.Equal("advisory:XSA-500:v2", mail.MessageKey);
        Assert.Equal("Xen Security Advisory 500 v2 (CVE-2026-12345,CVE-2026-12346) - x86: guest can exhaust host memory (embargoed)", mail.Subject);
        Assert.Equal("SIGNED TEXT\n", mail.Text);
        Assert.True(MemberMail.IsDue(advisory));
    }

    [Fact]
    public void IsDue_DraftPublicOrWithoutText_False()
    {
        Assert.False(MemberMail.IsDue(WithText(Samples.Advisory(AdvisoryState.Draft), "x")));
        Assert.False(MemberMail.IsDue(WithText(Samples.Advisory(AdvisoryState.Public), "x")));
        Assert.False(MemberMail.IsDue(Samples.Advisory()));
    }

    private static ManagedAdvisory WithText(ManagedAdvisory advisory, string text) =>
        advisory with { Revisions = advisory.Revisions.Select(r => r.Revision == advisory.Revision ? r with { Text = text } : r).ToList() };
}
