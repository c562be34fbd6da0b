namespace Herald.History;

/// <summary>The trailer keys Herald understands, in their canonical spelling.</summary>
public static class TrailerKeys
{
    /// <summary><c>Signed-off-by</c>: the Developer Certificate of Origin.</summary>
    public const string SignedOffBy = "Signed-off-by";

    /// <summary><c>Reviewed-by</c>: counted as a review.</summary>
    public const string ReviewedBy = "Reviewed-by";

    /// <summary><c>Acked-by</c>: counted as a review.</summary>
    public const string AckedBy = "Acked-by";

    /// <summary><c>Tested-by</c>: counted as a test.</summary>
    public const string TestedBy = "Tested-by";

    /// <summary><c>Reported-by</c>: counted as a report.</summary>
    public const string ReportedBy = "Reported-by";

    /// <summary><c>master commit</c>: the Xen backport trailer naming the commit on master.</summary>
    public const string MasterCommit = "master commit";

    /// <summary><c>master date</c>: the Xen backport trailer giving the date of the commit on master.</summary>
    public const string MasterDate = "master date";

    /// <summary><c>cherry picked from commit</c>: the line <c>git cherry-pick -x</c> adds.</summary>
    public const string CherryPickedFrom = "cherry picked from commit";

    /// <summary><c>Fixes</c>: the commit (usually abbreviated to 12 digits) that introduced what this one fixes.</summary>
    public const string Fixes = "Fixes";

    /// <summary>Every key above, for lookups.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SignedOffBy, ReviewedBy, AckedBy, TestedBy, ReportedBy, MasterCommit, MasterDate, Fixes];
}
