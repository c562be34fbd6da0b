using Herald.Advisories;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>The plain text of an advisory: Xen's layout, the embargo line while embargoed, the patches with their SHA-256.</summary>
public sealed class AdvisoryTextTests
{
    [Fact]
    public void Render_Embargoed_HasXensLayoutInOrder()
    {
        var text = AdvisoryText.Render(Samples.Advisory(), "Xen");
        var lines = text.Split('\n');

        Assert.Equal("Xen Security Advisory CVE-2026-12345,CVE-2026-12346 / XSA-500", lines[0].Trim());
        Assert.Equal("version 2", lines[1].Trim());
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal("x86: guest can exhaust host memory", lines[3].Trim());
        Assert.True(lines[0].StartsWith(' '), "the header is centred");
        Assert.Contains("\nThis issue is under embargo until 2030-01-01 12:00 UTC\n", text, StringComparison.Ordinal);
        string[] headings = ["UPDATES IN VERSION 2", "ISSUE DESCRIPTION", "IMPACT", "VULNERABLE SYSTEMS", "MITIGATION", "CREDITS", "RESOLUTION", "DEPLOYMENT DURING EMBARGO"];
        var positions = headings.Select(h => text.IndexOf("\n" + h + "\n" + new string('=', h.Length) + "\n\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0, string.Join(",", positions)));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("\nPatch for 4.18 fixed (version 2).\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Patches_ListedWithBranchAndSha256AsSha256sumPrintsThem()
    {
        var text = AdvisoryText.Render(Samples.Advisory(), "Xen");

        Assert.Contains("Applying the appropriate attached patch resolves this issue.\n\nxsa500-4.18.patch   stable-4.18\nxsa500-4.19.patch   stable-4.19\n", text, StringComparison.Ordinal);
        Assert.Contains($"\n$ sha256sum xsa500-4.18.patch xsa500-4.19.patch\n{new string('b', 64)}  xsa500-4.18.patch\n{new string('a', 64)}  xsa500-4.19.patch\n$\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Public_HasNoEmbargoLine()
    {
        var text = AdvisoryText.Render(Samples.Advisory(AdvisoryState.Public), "Xen");

        Assert.DoesNotContain("under embargo", text, StringComparison.Ordinal);
        Assert.Contains("Xen Security Advisory CVE-2026-12345,CVE-2026-12346 / XSA-500", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FirstVersionWithoutCves_HasNoUpdatesSectionAndTheIdAlone()
    {
        var text = AdvisoryText.Render(Samples.Advisory(AdvisoryState.Draft, revision: 1, cves: [], patches: []), "Xen");

        Assert.Equal("Xen Security Advisory XSA-500", text.Split('\n')[0].Trim());
        Assert.DoesNotContain("UPDATES IN VERSION", text, StringComparison.Ordinal);
        Assert.DoesNotContain("under embargo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RESOLUTION", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameAdvisoryTwice_SameText()
    {
        Assert.Equal(AdvisoryText.Render(Samples.Advisory(), "Xen"), AdvisoryText.Render(Samples.Advisory(), "Xen"));
    }

    [Fact]
    public void Render_BodyFileParsed_SectionsLandUnderTheirHeadings()
    {
        var sections = AdvisorySections.Parse("""
            The hypervisor frees a page twice.

            IMPACT

            Privilege escalation.

            ## Credits
            Found by Bob.
            """);
        var advisory = Samples.Advisory() with { Content = Samples.Advisory().Content with { Sections = sections } };

        var text = AdvisoryText.Render(advisory, "Xen");

        Assert.Contains("ISSUE DESCRIPTION\n=================\n\nThe hypervisor frees a page twice.\n", text, StringComparison.Ordinal);
        Assert.Contains("IMPACT\n======\n\nPrivilege escalation.\n", text, StringComparison.Ordinal);
        Assert.Contains("CREDITS\n=======\n\nFound by Bob.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MITIGATION", text, StringComparison.Ordinal);
    }
}
