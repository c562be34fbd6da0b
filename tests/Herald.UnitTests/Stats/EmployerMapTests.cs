using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class EmployerMapTests
{
    private static readonly DateTimeOffset s_someDay = new(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EmployerOf_AddressInMappedDomain_IsThatEmployer()
    {
        var map = Parse("suse.com SUSE");

        Assert.Equal("SUSE", map.EmployerOf("jbeulich@suse.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_UnmappedAddress_IsUnknown()
    {
        var map = Parse("suse.com SUSE");

        Assert.Equal(EmployerMap.Unknown, map.EmployerOf("someone@gmail.com", s_someDay));
        Assert.Equal("(Unknown)", EmployerMap.Unknown);
    }

    [Fact]
    public void EmployerOf_EmptyMap_IsUnknown()
    {
        Assert.Equal(EmployerMap.Unknown, EmployerMap.Empty.EmployerOf("a@citrix.com", s_someDay));
        Assert.Equal(0, EmployerMap.Empty.Count);
    }

    [Fact]
    public void EmployerOf_EmptyAddress_IsUnknown()
    {
        var map = Parse("suse.com SUSE");

        Assert.Equal(EmployerMap.Unknown, map.EmployerOf(string.Empty, s_someDay));
    }

    [Fact]
    public void EmployerOf_ExactAddressAndItsDomainMapped_ExactAddressWins()
    {
        var map = Parse(
            "citrix.com               Citrix",
            "consultant@citrix.com    Consulting Ltd");

        Assert.Equal("Consulting Ltd", map.EmployerOf("consultant@citrix.com", s_someDay));
        Assert.Equal("Citrix", map.EmployerOf("staff@citrix.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_SubdomainNotMapped_FallsBackToParentDomain()
    {
        var map = Parse("citrix.com Citrix");

        Assert.Equal("Citrix", map.EmployerOf("ann@eu.citrix.com", s_someDay));
        Assert.Equal("Citrix", map.EmployerOf("ann@lab.eu.citrix.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_SubdomainMappedItself_BeatsParentDomain()
    {
        var map = Parse(
            "citrix.com     Citrix",
            "eu.citrix.com  Citrix Europe");

        Assert.Equal("Citrix Europe", map.EmployerOf("ann@eu.citrix.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_DomainThatOnlyEndsLikeAMappedOne_IsUnknown()
    {
        var map = Parse("citrix.com Citrix");

        Assert.Equal(EmployerMap.Unknown, map.EmployerOf("eve@notcitrix.com", s_someDay));
    }

    [Fact]
    public void EmployerOf_DayBeforeEndDate_IsEmployerThatEnds()
    {
        var map = Parse(
            "dan@mover.org  OldCo < 2020-03-01",
            "dan@mover.org  NewCo");

        Assert.Equal("OldCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2020, 2, 29, 23, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EmployerOf_OnEndDate_IsNextEmployer()
    {
        var map = Parse(
            "dan@mover.org  OldCo < 2020-03-01",
            "dan@mover.org  NewCo");

        Assert.Equal("NewCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("NewCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EmployerOf_SeveralEndDatesWrittenOutOfOrder_PicksThePeriodOfTheDate()
    {
        var map = Parse(
            "dan@mover.org  ThirdCo",
            "dan@mover.org  SecondCo < 2022-01-01",
            "dan@mover.org  FirstCo < 2020-01-01");

        Assert.Equal("FirstCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2019, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("SecondCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("SecondCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2021, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("ThirdCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2022, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EmployerOf_AfterTheOnlyEndDateOfAnAddress_NoLongerThatEmployer()
    {
        var map = Parse(
            "mover.org      Mover Foundation",
            "dan@mover.org  OldCo < 2020-03-01");

        Assert.Equal("OldCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.Zero)));
        Assert.NotEqual("OldCo", map.EmployerOf("dan@mover.org", new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EmployerOf_DomainWithEndDate_AppliesToEveryAddressOfTheDomain()
    {
        var map = Parse(
            "xensource.com  XenSource < 2007-10-22",
            "xensource.com  Citrix");

        Assert.Equal("XenSource", map.EmployerOf("keir@xensource.com", new DateTimeOffset(2007, 10, 21, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Citrix", map.EmployerOf("keir@xensource.com", new DateTimeOffset(2007, 10, 22, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EmployerOf_AddressWithBracketUserSuffix_SuffixStripped()
    {
        var map = Parse("citrix.com Citrix");

        Assert.Equal("Citrix", map.EmployerOf("kaf24@firebug.cl.citrix.com[kaf24]", s_someDay));
    }

    [Fact]
    public void EmployerOf_DifferentCase_StillMatches()
    {
        var map = Parse(
            "SUSE.com           SUSE",
            "Boss@Example.COM   Example Inc");

        Assert.Equal("SUSE", map.EmployerOf("JBeulich@Suse.Com", s_someDay));
        Assert.Equal("Example Inc", map.EmployerOf("boss@example.com", s_someDay));
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndTabs_Understood()
    {
        var map = Parse(
            "# a comment line",
            string.Empty,
            "   ",
            "suse.com\tSUSE   # trailing comment",
            "@amd.com   Advanced Micro Devices");

        Assert.Equal(2, map.Count);
        Assert.Equal("SUSE", map.EmployerOf("a@suse.com", s_someDay));
        Assert.Equal("Advanced Micro Devices", map.EmployerOf("b@amd.com", s_someDay));
    }

    [Fact]
    public void Parse_LineWithoutEmployer_ThrowsNamingSourceAndLine()
    {
        var error = Assert.Throws<HeraldException>(() => Parse("suse.com SUSE", "# comment", "citrix.com"));

        Assert.StartsWith("domain-map:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("citrix.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedEndDate_ThrowsNamingSourceLineAndValue()
    {
        var error = Assert.Throws<HeraldException>(() => Parse("suse.com SUSE", "citrix.com Citrix < 31/01/2023"));

        Assert.StartsWith("domain-map:2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'31/01/2023'", error.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-mm-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImpossibleDate_Throws()
    {
        var error = Assert.Throws<HeraldException>(() => Parse("citrix.com Citrix < 2023-02-30"));

        Assert.StartsWith("domain-map:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EndDateWithoutEmployer_Throws()
    {
        var error = Assert.Throws<HeraldException>(() => Parse("citrix.com < 2023-01-31"));

        Assert.StartsWith("domain-map:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("citrix.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedLine_ErrorNamesFilePathAndLine()
    {
        using var folder = TempDirectory.Create();
        var path = folder.WriteFile("domain-map", "suse.com SUSE\nbroken\n");

        var error = Assert.Throws<HeraldException>(() => EmployerMap.Load(path));

        Assert.StartsWith(path + ":2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_File_MapsItsEntries()
    {
        using var folder = TempDirectory.Create();
        var path = folder.WriteFile("domain-map", "suse.com SUSE\ncitrix.com Citrix < 2022-01-01\ncitrix.com Cloud Software Group\n");

        var map = EmployerMap.Load(path);

        Assert.Equal(2, map.Count);
        Assert.Equal("Cloud Software Group", map.EmployerOf("a@citrix.com", new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Load_MissingFile_ThrowsHeraldExceptionNamingPath()
    {
        using var folder = TempDirectory.Create();
        var path = folder.Combine("no-such-map");

        var error = Assert.Throws<HeraldException>(() => EmployerMap.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_OverrideNamesAKey_ReplacesEveryEntryOfThatKey()
    {
        var baseMap = Parse(
            "xensource.com  XenSource < 2007-10-22",
            "xensource.com  Citrix",
            "suse.com       SUSE");
        var overrides = Parse("xensource.com  Acme");

        var merged = baseMap.With(overrides);

        Assert.Equal("Acme", merged.EmployerOf("a@xensource.com", new DateTimeOffset(2006, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Acme", merged.EmployerOf("a@xensource.com", new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void With_KeysTheOverridesDoNotName_AreKept()
    {
        var baseMap = Parse("suse.com SUSE", "citrix.com Citrix");
        var overrides = Parse("amd.com AMD");

        var merged = baseMap.With(overrides);

        Assert.Equal(3, merged.Count);
        Assert.Equal("SUSE", merged.EmployerOf("a@suse.com", s_someDay));
        Assert.Equal("AMD", merged.EmployerOf("a@amd.com", s_someDay));
    }

    [Fact]
    public void With_LeavesBothMapsUnchanged()
    {
        var baseMap = Parse("suse.com SUSE");
        var overrides = Parse("suse.com Acme", "amd.com AMD");

        _ = baseMap.With(overrides);

        Assert.Equal(1, baseMap.Count);
        Assert.Equal("SUSE", baseMap.EmployerOf("a@suse.com", s_someDay));
        Assert.Equal(2, overrides.Count);
    }

    [Fact]
    public void With_ExactAddressOverride_BeatsBuiltInDomain()
    {
        var merged = EmployerMap.BuiltIn.With(Parse("roger@citrix.com Vates"));

        Assert.Equal("Vates", merged.EmployerOf("roger@citrix.com", s_someDay));
        Assert.Equal("Citrix", merged.EmployerOf("andrew@citrix.com", s_someDay));
    }

    [Theory]
    [InlineData("andrew.cooper3@citrix.com", "Citrix")]
    [InlineData("someone@eu.citrix.com", "Citrix")]
    [InlineData("jbeulich@suse.com", "SUSE")]
    [InlineData("stefano@amd.com", "AMD")]
    [InlineData("someone@gmail.com", EmployerMap.Unknown)]
    public void BuiltIn_WellKnownDomain_MapsToCompany(string email, string employer)
    {
        Assert.Equal(employer, EmployerMap.BuiltIn.EmployerOf(email, s_someDay));
    }

    [Fact]
    public void BuiltIn_XenSourceAroundTheCitrixAcquisition_ChangesEmployer()
    {
        Assert.Equal("XenSource", EmployerMap.BuiltIn.EmployerOf("keir@xensource.com", new DateTimeOffset(2007, 10, 21, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Citrix", EmployerMap.BuiltIn.EmployerOf("keir@xensource.com", new DateTimeOffset(2007, 10, 22, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void BuiltIn_HasManyEntries()
    {
        Assert.True(EmployerMap.BuiltIn.Count > 20, $"the built-in map has only {EmployerMap.BuiltIn.Count} entries");
    }

    private static EmployerMap Parse(params string[] lines) => EmployerMap.Parse(lines, "domain-map");
}
