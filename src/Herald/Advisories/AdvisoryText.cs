namespace Herald.Advisories;

/// <summary>The plain text of an advisory, in the Xen Project's layout (what is clear-signed, served as <c>.txt</c> and mailed).</summary>
public static class AdvisoryText
{
    /// <summary>The text of <paramref name="advisory"/>'s current version for project <paramref name="projectName"/>.</summary>
    public static string Render(ManagedAdvisory advisory, string projectName) =>
        throw new NotImplementedException("AdvisoryText.Render is being written (#16 section 2).");
}
