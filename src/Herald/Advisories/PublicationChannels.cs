using Herald.Mail;
using Herald.Publishing;

namespace Herald.Advisories;

/// <summary>Where a publication goes besides the database: the mailing lists and the artifact store.</summary>
/// <param name="ProjectName">The project's name, for the text of an advisory that has none stored.</param>
/// <param name="Mail">The SMTP server and the lists (<c>[mail]</c>), or null: nothing is mailed.</param>
/// <param name="Staged">The releases staged to be published at an embargo's end (<c>DATA/held</c>), or null for none.</param>
/// <param name="Store">The artifact store staged releases are published into; needed with <paramref name="Staged"/>.</param>
public sealed record PublicationChannels(string ProjectName, MailSettings? Mail = null, HeldReleaseStore? Staged = null, IArtifactStore? Store = null);
