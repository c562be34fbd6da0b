namespace Herald.Advisories;

/// <summary>Advisories as OSV records (https://ossf.github.io/osv-schema/) and as a list in the spirit of Xen's <c>xsa.json</c>.</summary>
public static class OsvExport
{
    /// <summary>The OSV JSON of <paramref name="advisory"/>, with where its fix landed (<paramref name="report"/>, when commits name it).</summary>
    public static string Serialize(ManagedAdvisory advisory, AdvisoryReport? report, Uri? repositoryUrl) =>
        throw new NotImplementedException("OsvExport.Serialize is being written (#16 section 2).");

    /// <summary>The list of <paramref name="advisories"/> (already filtered for the viewer), newest first, as JSON.</summary>
    public static string SerializeList(IEnumerable<ManagedAdvisory> advisories) =>
        throw new NotImplementedException("OsvExport.SerializeList is being written (#16 section 2).");
}
