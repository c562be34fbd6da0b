using System.Globalization;
using Herald.Mail;

namespace Herald.Advisories;

/// <summary>
/// The mail that tells the pre-disclosure list about an advisory's version: its (clear-signed) text as the body,
/// one message key per version so that each member gets each version once.
/// </summary>
public static class MemberMail
{
    /// <summary>The ledger key of version <paramref name="revision"/> of <paramref name="id"/>: <c>advisory:XSA-500:v2</c>.</summary>
    public static string MessageKey(string id, int revision) =>
        "advisory:" + id + ":v" + revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether members are told of <paramref name="advisory"/> as it now stands: it is embargoed (pre-disclosed, or
    /// updated while under embargo) and its current version has a text.
    /// </summary>
    public static bool IsDue(ManagedAdvisory advisory)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        return advisory.State == AdvisoryState.Embargoed && advisory.Text is not null;
    }

    /// <summary>
    /// The mail of <paramref name="advisory"/>'s current version for project <paramref name="projectName"/>:
    /// subject <c>Xen Security Advisory 500 v2 (CVE-…) - title (embargoed)</c> as Xen's are, the stored text as
    /// the plain body and, preformatted, as the HTML one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The current version has no text yet.</exception>
    public static OutgoingMail For(ManagedAdvisory advisory, string projectName)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        ArgumentNullException.ThrowIfNull(projectName);
        var text = advisory.Text ?? throw new InvalidOperationException($"{advisory.Id} v{advisory.Revision} has no text to mail.");
        var cves = advisory.Content.Cves.Count > 0 ? " (" + string.Join(',', advisory.Content.Cves) + ")" : string.Empty;
        var embargo = advisory.State == AdvisoryState.Embargoed ? " (embargoed)" : string.Empty;
        var name = string.IsNullOrWhiteSpace(projectName) ? string.Empty : projectName.Trim() + " ";
        var subject = $"{name}Security Advisory {advisory.Number.ToString(CultureInfo.InvariantCulture)} v{advisory.Revision.ToString(CultureInfo.InvariantCulture)}{cves} - {advisory.Content.Title}{embargo}";
        var html = "<pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre>";
        return new OutgoingMail(subject, text, html, MessageKey(advisory.Id, advisory.Revision));
    }
}
