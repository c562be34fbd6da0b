using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class SupportStatementTests
{
    private static readonly SeriesId s_series = SeriesId.Parse("4.17");

    private const string XenStatement = """
        # Support statement for this release

        This document describes the support status of Xen and its features.

            Xen-Version: 4.17

            Initial-Release: 2022-12-12
            Supported-Until: 2024-06-12
            Security-Support-Until: 2025-12-12

        Release Notes
        : <a href="https://wiki.xenproject.org/wiki/Xen_Project_4.17_Release_Notes">RN</a>

        ### x86-64

            Status: Supported

        """;

    [Fact]
    public void Parse_XenBlockWithLeadingSpaces_ReadsEveryDate()
    {
        var statement = SupportStatement.Parse(XenStatement, "stable-4.17", "SUPPORT.md", s_series);

        Assert.Equal(new SupportStatement(s_series, new DateOnly(2022, 12, 12), new DateOnly(2024, 6, 12), new DateOnly(2025, 12, 12)), statement);
    }

    [Fact]
    public void Parse_WindowsLineEnds_ReadsEveryDate()
    {
        var statement = SupportStatement.Parse(XenStatement.Replace("\n", "\r\n"), "stable-4.17", "SUPPORT.md", s_series);

        Assert.NotNull(statement);
        Assert.Equal(new DateOnly(2024, 6, 12), statement.SupportedUntil);
        Assert.Equal(new DateOnly(2025, 12, 12), statement.SecurityUntil);
    }

    [Fact]
    public void Parse_NoBlock_ReturnsNull()
    {
        var text = "# Support statement\n\nAsk on the mailing list.\n\n    Status: Supported\n";

        Assert.Null(SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));
    }

    [Fact]
    public void Parse_EmptyText_ReturnsNull() =>
        Assert.Null(SupportStatement.Parse(string.Empty, "stable-4.17", "SUPPORT.md", s_series));

    [Fact]
    public void Parse_InitialReleaseNotADate_LeavesItNull()
    {
        var text = "    Xen-Version: 4.17\n    Initial-Release: n/a\n    Supported-Until: 2024-06-12\n    Security-Support-Until: 2025-12-12\n";

        var statement = SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series);

        Assert.NotNull(statement);
        Assert.Null(statement.InitialRelease);
        Assert.Equal(new DateOnly(2024, 6, 12), statement.SupportedUntil);
    }

    [Fact]
    public void Parse_DatesToBeDecided_LeavesThemNull()
    {
        var text = "    Xen-Version: 4.10\n    Initial-Release: 2017-12-13\n    Supported-Until: TBD\n    Security-Support-Until: Unreleased - not yet security-supported\n";

        var statement = SupportStatement.Parse(text, "stable-4.10", "SUPPORT.md", SeriesId.Parse("4.10"));

        Assert.NotNull(statement);
        Assert.Equal(new DateOnly(2017, 12, 13), statement.InitialRelease);
        Assert.Null(statement.SupportedUntil);
        Assert.Null(statement.SecurityUntil);
    }

    [Fact]
    public void Parse_MalformedDate_NamesBranchFileAndLine()
    {
        var text = "# Support\n\n    Xen-Version: 4.17\n    Initial-Release: 2022-12-12\n    Supported-Until: 2024-13-40\n    Security-Support-Until: 2025-12-12\n";

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:SUPPORT.md:5: ", error.Message);
        Assert.Contains("'Supported-Until: 2024-13-40' is not a date", error.Message);
        Assert.Contains("yyyy-mm-dd", error.Message);
    }

    [Fact]
    public void Parse_MalformedSecurityDate_NamesItsLine()
    {
        var text = "    Xen-Version: 4.17\n    Supported-Until: 2024-06-12\n    Security-Support-Until: 12/12/2025\n";

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "docs/SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:docs/SUPPORT.md:3: ", error.Message);
        Assert.Contains("Security-Support-Until", error.Message);
    }

    [Fact]
    public void Parse_VersionOfAnotherSeries_NamesBothSeriesAndTheLine()
    {
        var text = XenStatement.Replace("Xen-Version: 4.17", "Xen-Version: 4.16", StringComparison.Ordinal);

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:SUPPORT.md:5: ", error.Message);
        Assert.Contains("names 4.16", error.Message);
        Assert.Contains("the branch is 4.17", error.Message);
    }

    [Fact]
    public void Parse_VersionIsNotASeries_IsAnError()
    {
        var text = "    Xen-Version: 4.17-rc\n    Supported-Until: 2024-06-12\n    Security-Support-Until: 2025-12-12\n";

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:SUPPORT.md:1: ", error.Message);
        Assert.Contains("'Xen-Version' must name the series", error.Message);
    }

    [Fact]
    public void Parse_MissingSupportedUntil_NamesBranchFileAndKey()
    {
        var text = "    Xen-Version: 4.17\n    Initial-Release: 2022-12-12\n    Security-Support-Until: 2025-12-12\n";

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:SUPPORT.md: ", error.Message);
        Assert.Contains("no 'Supported-Until:' line", error.Message);
    }

    [Fact]
    public void Parse_MissingVersion_IsAnError()
    {
        var text = "    Supported-Until: 2024-06-12\n    Security-Support-Until: 2025-12-12\n";

        var error = Assert.Throws<HeraldException>(() => SupportStatement.Parse(text, "stable-4.17", "SUPPORT.md", s_series));

        Assert.StartsWith("stable-4.17:SUPPORT.md: ", error.Message);
        Assert.Contains("Xen-Version: 4.17", error.Message);
    }
}
