using System.Text.Json;
using Herald.Advisories;
using Json.Schema;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>OSV records validated against the real OSV JSON schema (osv-schema.json, see OSV-SCHEMA-NOTICE.md), and the xsa.json-like list.</summary>
public sealed class OsvExportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Advisories", "osv-schema.json"))));

    private static readonly Uri Repository = new("https://xenbits.xen.org/git-http/xen.git");
    private static readonly string Fix419 = new('1', 40);
    private static readonly string Fix418 = new('2', 40);
    private static readonly string FixMaster = new('3', 40);

    private static AdvisoryReport Report => new(
        "XSA-500",
        ["CVE-2026-12345"],
        new DateOnly(2030, 1, 1),
        new AdvisoryMainline("master", [FixMaster], null),
        [
            new AdvisorySeries("4.19", "stable-4.19", AdvisoryFixState.Fixed, [new string('0', 40), Fix419], "4.19.2"),
            new AdvisorySeries("4.18", "stable-4.18", AdvisoryFixState.Unreleased, [Fix418], null),
            new AdvisorySeries("4.17", "stable-4.17", AdvisoryFixState.NotSupported, [], null),
        ]);

    [Fact]
    public void Serialize_PublicWithReport_ValidOsvWithAGitRangePerBranch()
    {
        var json = OsvExport.Serialize(Samples.Advisory(AdvisoryState.Public), Report, Repository, ["4.19.0", "4.19.1"], new Uri("https://security.example.org/"));

        AssertValid(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("x_XSA-500", root.GetProperty("id").GetString());
        Assert.Equal("2030-01-01T12:00:00Z", root.GetProperty("published").GetString());
        Assert.Equal(["CVE-2026-12345", "CVE-2026-12346"], root.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("x86: guest can exhaust host memory", root.GetProperty("summary").GetString());
        Assert.StartsWith("## Issue description\n\nA guest can make the host", root.GetProperty("details").GetString(), StringComparison.Ordinal);
        var affected = Assert.Single(root.GetProperty("affected").EnumerateArray());
        var ranges = affected.GetProperty("ranges").EnumerateArray().ToList();
        Assert.Equal(3, ranges.Count);
        Assert.All(ranges, r => Assert.Equal("GIT", r.GetProperty("type").GetString()));
        Assert.All(ranges, r => Assert.Equal(Repository.AbsoluteUri, r.GetProperty("repo").GetString()));
        Assert.Equal(
            [FixMaster, Fix419, Fix418],
            ranges.Select(r => r.GetProperty("events")[1].GetProperty("fixed").GetString()));
        Assert.Equal(["master", "stable-4.19", "stable-4.18"], ranges.Select(r => r.GetProperty("database_specific").GetProperty("branch").GetString()));
        Assert.Equal("4.19.2", ranges[1].GetProperty("database_specific").GetProperty("fixed_in").GetString());
        Assert.Equal(["4.19.0", "4.19.1"], affected.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var references = root.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.Contains("https://security.example.org/advisories/XSA-500", references);
        Assert.Contains("https://security.example.org/advisories/XSA-500/patches/xsa500-4.19.patch", references);
    }

    [Fact]
    public void Serialize_EmbargoedWithoutReport_ValidWithTheAdvisorysCommitsAndNoPublished()
    {
        var json = OsvExport.Serialize(Samples.Advisory(commits: [Fix419, Fix418]), null, Repository);

        AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("published", out _));
        var range = Assert.Single(document.RootElement.GetProperty("affected")[0].GetProperty("ranges").EnumerateArray());
        Assert.Equal(["0", null, null], range.GetProperty("events").EnumerateArray().Select(e => e.TryGetProperty("introduced", out var i) ? i.GetString() : null));
        Assert.Equal([Fix419, Fix418], range.GetProperty("events").EnumerateArray().Skip(1).Select(e => e.GetProperty("fixed").GetString()));
    }

    [Fact]
    public void Serialize_NoRepositoryNoCommits_ValidWithoutRanges()
    {
        var json = OsvExport.Serialize(Samples.Advisory(AdvisoryState.Draft, cves: []), null, null);

        AssertValid(json);
        Assert.DoesNotContain("\"ranges\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_RecordWithAnUnregisteredId_Invalid()
    {
        // The validation can fail: the schema takes only registered prefixes, and x_ for the others.
        var json = OsvExport.Serialize(Samples.Advisory(), null, null).Replace("\"x_XSA-500\"", "\"XSA-500\"", StringComparison.Ordinal);

        Assert.False(Evaluate(json).IsValid);
    }

    [Fact]
    public void SerializeList_NewestFirstWithIdTitleCvesStateAndTimes()
    {
        var older = Samples.Advisory(AdvisoryState.Public) with { Id = "XSA-499", Number = 499 };
        var json = OsvExport.SerializeList([older, Samples.Advisory()]);

        using var document = JsonDocument.Parse(json);
        var entries = Assert.Single(document.RootElement.EnumerateArray()).GetProperty("xsas").EnumerateArray().ToList();
        Assert.Equal(["XSA-500", "XSA-499"], entries.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(500, entries[0].GetProperty("xsa").GetInt32());
        Assert.Equal("embargoed", entries[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("public_time").ValueKind);
        Assert.Equal("2030-01-01T12:00:00Z", entries[0].GetProperty("embargo_until").GetString());
        Assert.Equal("public", entries[1].GetProperty("state").GetString());
        Assert.Equal("2030-01-01T12:00:00Z", entries[1].GetProperty("public_time").GetString());
        Assert.False(entries[1].TryGetProperty("embargo_until", out _));
        Assert.Equal(["CVE-2026-12345", "CVE-2026-12346"], entries[1].GetProperty("cve").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["CVE-2026-12345", "CVE-2026-12346"], entries[1].GetProperty("cves").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("x86: guest can exhaust host memory", entries[1].GetProperty("title").GetString());
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static void AssertValid(string json)
    {
        var results = Evaluate(json);
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(results.IsValid, json + "\n" + string.Join("\n", errors));
    }
}
