using System.Text.Json;
using Herald.Policy;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class EndOfLifeCycleTests(SeriesStatusFixture fixture) : IClassFixture<SeriesStatusFixture>
{
    private IReadOnlyList<EndOfLifeCycle> CyclesOn(DateOnly asOf) =>
        EndOfLifeCycle.From(StatusReport.Build(fixture.Repository, fixture.Catalog, SeriesStatusFixture.ConfiguredSettings, asOf));

    [Fact]
    public void From_Report_ListsReleasedSeriesNewestFirst()
    {
        var cycles = CyclesOn(new DateOnly(2021, 10, 1));

        Assert.Equal(["1.2", "1.1", "1.0"], cycles.Select(c => c.Cycle));
    }

    [Fact]
    public void From_Report_MapsTheSupportDatesAndLatestRelease()
    {
        var cycles = CyclesOn(new DateOnly(2021, 10, 1));

        Assert.Equal(
            new EndOfLifeCycle("1.2", new DateOnly(2021, 2, 1), new DateOnly(2021, 9, 15), new DateOnly(2025, 1, 1), "1.2.1", new DateOnly(2021, 3, 1), false),
            cycles[0]);
        Assert.Equal(
            new EndOfLifeCycle("1.0", new DateOnly(2020, 2, 1), new DateOnly(2021, 8, 1), new DateOnly(2023, 2, 1), "1.0.2", new DateOnly(2020, 5, 15), false),
            cycles[2]);
    }

    [Fact]
    public void From_ReportBeforeARelease_LeavesThatSeriesOut()
    {
        var cycles = CyclesOn(new DateOnly(2021, 1, 31));

        Assert.Equal(["1.1", "1.0"], cycles.Select(c => c.Cycle));
    }

    [Fact]
    public void Serialize_Cycle_UsesEndOfLifeDateKeys()
    {
        var json = HeraldJson.Serialize(CyclesOn(new DateOnly(2021, 10, 1))[1]);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["cycle", "releaseDate", "support", "eol", "latest", "latestReleaseDate", "lts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1.1", root.GetProperty("cycle").GetString());
        Assert.Equal("2020-08-01", root.GetProperty("releaseDate").GetString());
        Assert.Equal("2021-06-30", root.GetProperty("support").GetString());
        Assert.Equal("2021-09-30", root.GetProperty("eol").GetString());
        Assert.Equal("1.1.1", root.GetProperty("latest").GetString());
        Assert.Equal("2020-09-15", root.GetProperty("latestReleaseDate").GetString());
        Assert.False(root.GetProperty("lts").GetBoolean());
    }
}
