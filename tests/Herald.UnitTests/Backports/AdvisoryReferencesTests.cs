using Herald.Backports;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class AdvisoryReferencesTests
{
    [Fact]
    public void Find_XenAdvisory_ReturnsIt() =>
        Assert.Equal(["XSA-123"], AdvisoryReferences.Find("x86/pv: fix the fault path\n\nThis is XSA-123.\n"));

    [Fact]
    public void Find_CveIdentifier_ReturnsIt() =>
        Assert.Equal(["CVE-2024-1234"], AdvisoryReferences.Find("This is CVE-2024-1234 / part of the fix."));

    [Fact]
    public void Find_LongCveSequenceNumber_ReturnsIt() =>
        Assert.Equal(["CVE-2021-1234567"], AdvisoryReferences.Find("CVE-2021-1234567"));

    [Fact]
    public void Find_LowerCase_ReturnsUpperCased() =>
        Assert.Equal(["XSA-7", "CVE-2020-1234"], AdvisoryReferences.Find("fix for xsa-7 (cve-2020-1234)"));

    [Fact]
    public void Find_RepeatedMentions_ReturnsEachOnceInOrderOfFirstMention() =>
        Assert.Equal(
            ["CVE-2024-1234", "XSA-123", "XSA-124"],
            AdvisoryReferences.Find("CVE-2024-1234, XSA-123\n\nThis is XSA-123 and xsa-123 again, then XSA-124, and cve-2024-1234."));

    [Fact]
    public void Find_NoAdvisory_ReturnsEmpty() =>
        Assert.Empty(AdvisoryReferences.Find("xen: fix the build\n\nSigned-off-by: Alice <alice@example.com>\n"));

    [Theory]
    [InlineData("XSA123")]
    [InlineData("XSA-")]
    [InlineData("NOXSA-12")]
    [InlineData("XSA-123456")]
    [InlineData("CVE-24-1234")]
    [InlineData("CVE-2024-123")]
    public void Find_LookAlikes_AreNotAdvisories(string text) =>
        Assert.Empty(AdvisoryReferences.Find(text));
}
