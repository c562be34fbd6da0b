namespace Herald.Advisories;

/// <summary>Where a managed advisory stands: only the security team sees a draft, members also an embargoed one.</summary>
public enum AdvisoryState
{
    /// <summary>Being written: the security team alone sees it.</summary>
    Draft,

    /// <summary>Pre-disclosed: the security team and the pre-disclosure list see it until the embargo ends.</summary>
    Embargoed,

    /// <summary>Everyone sees it.</summary>
    Public,
}
