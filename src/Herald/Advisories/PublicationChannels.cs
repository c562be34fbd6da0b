using Herald.Mail;
using Herald.Publishing;

namespace Herald.Advisories;

/// <summary>Where a publication goes besides the database: the mailing lists and the artifact store.</summary>
/// <param name="ProjectName">The project's name, for the text of an advisory that has none stored.</param>
/// <param name="Mail">The SMTP server and the lists (<c>[mail]</c>), or null: nothing is mailed.</param>
/// <param name="Staged">The releases staged to be published at an embargo's end (<c>DATA/held</c>), or null for none.</param>
/// <param name="Store">The artifact store staged releases are published into; needed with <paramref name="Staged"/>.</param>
/// <param name="PortalUrl">The portal's public address (<c>[project] url</c>): a mailed post links to it; null when not set.</param>
public sealed record PublicationChannels(string ProjectName, MailSettings? Mail = null, HeldReleaseStore? Staged = null, IArtifactStore? Store = null, Uri? PortalUrl = null)
{
    /// <summary>
    /// The channels of <paramref name="project"/>: its name, its <c>[mail]</c>, the releases staged in its data folder and
    /// <paramref name="store"/> (its artifact store, <see cref="ArtifactStore.For"/>, which the caller disposes).
    /// </summary>
    public static PublicationChannels For(HeraldProject project, IArtifactStore store)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(store);
        return new PublicationChannels(project.Config.ProjectName, project.Config.Mail, new HeldReleaseStore(project.DataDirectory), store, project.Config.PortalUrl);
    }
}
