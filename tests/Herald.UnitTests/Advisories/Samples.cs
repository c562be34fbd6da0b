using Herald.Advisories;

namespace Herald.Tests.Advisories;

/// <summary>Managed advisories as the store gives them, for the tests of what is made of them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Embargo = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ManagedAdvisory Advisory(
        AdvisoryState state = AdvisoryState.Embargoed,
        int revision = 2,
        IReadOnlyList<string>? cves = null,
        IReadOnlyList<string>? commits = null,
        IReadOnlyList<AdvisoryPatch>? patches = null,
        DateTimeOffset? publishedAt = null)
    {
        var sections = new AdvisorySections
        {
            Description = "A guest can make the host\nrun out of memory.",
            Impact = "A malicious guest can crash the host.",
            VulnerableSystems = "Xen 4.18 and later are vulnerable.",
            Mitigation = "There is no mitigation.",
            Credits = "This issue was discovered by Alice Example.",
            DeploymentDuringEmbargo = "Deployment of the patches is permitted during the embargo.",
        };
        var content = new AdvisoryContent("x86: guest can exhaust host memory", cves ?? ["CVE-2026-12345", "CVE-2026-12346"], ["4.18", "4.19"], [], commits ?? [], sections);
        var revisions = Enumerable.Range(1, revision)
            .Select(r => new AdvisoryRevision(r, Created.AddDays(r - 1), r == 1 ? string.Empty : $"Patch for 4.18 fixed (version {r}).", null))
            .ToList();
        return new ManagedAdvisory(
            "XSA-500",
            500,
            state,
            state == AdvisoryState.Draft ? null : Embargo,
            Created,
            Created.AddDays(revision - 1),
            publishedAt ?? (state == AdvisoryState.Public ? Embargo : null),
            null,
            revision,
            content,
            revisions,
            patches ?? [new AdvisoryPatch("xsa500-4.19.patch", "stable-4.19", 1, new string('a', 64), 120), new AdvisoryPatch("xsa500-4.18.patch", "stable-4.18", 2, new string('b', 64), 130)],
            [],
            [],
            false);
    }
}
