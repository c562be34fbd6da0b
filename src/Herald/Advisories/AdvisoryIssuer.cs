using Herald.Mail;
using Herald.News;
using Herald.Publishing;
using Herald.Storage;

namespace Herald.Advisories;

/// <summary>
/// What follows a change to a managed advisory: its text rendered (<see cref="AdvisoryText"/>), clear-signed with
/// the release key when there is one, stored with its version; and the pre-disclosure list mailed the version
/// when it is under embargo, each member each version once (the delivery ledger remembers).
/// </summary>
public sealed class AdvisoryIssuer
{
    private readonly IndexDatabase _database;
    private readonly ReleaseKey? _key;
    private readonly string _projectName;
    private readonly MailSettings? _mail;
    private readonly TimeProvider _clock;

    /// <summary>
    /// An issuer over <paramref name="database"/> (migrated) for project <paramref name="projectName"/>, signing with
    /// <paramref name="key"/> (unsigned when null) and mailing through <paramref name="mail"/> (no mail when null).
    /// </summary>
    public AdvisoryIssuer(IndexDatabase database, ReleaseKey? key, string projectName, MailSettings? mail, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(projectName);
        ArgumentNullException.ThrowIfNull(clock);
        _database = database;
        _key = key;
        _projectName = projectName;
        _mail = mail;
        _clock = clock;
    }

    /// <summary>Whether texts are clear-signed.</summary>
    public bool Signs => _key is not null;

    /// <summary>Whether mail can be sent (<c>[mail]</c> is configured).</summary>
    public bool Mails => _mail is not null;

    /// <summary>
    /// Renders, signs and stores the text of <paramref name="advisory"/>'s current version, and the text it will have
    /// once public (without the embargo line), so that the portal publishes a signed text at the embargo's end without
    /// the key; returns the advisory with them.
    /// </summary>
    public async Task<ManagedAdvisory> WriteTextAsync(ManagedAdvisory advisory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        var text = Sign(AdvisoryText.Render(advisory, _projectName));
        var publicText = advisory.State == AdvisoryState.Public ? text : Sign(AdvisoryText.Render(advisory with { State = AdvisoryState.Public }, _projectName));
        var store = new AdvisoryStore(_database, _clock);
        await store.SetTextAsync(advisory.Number, advisory.Revision, text, publicText, cancellationToken);
        return await store.FindAsync(advisory.Id, cancellationToken) ?? throw new InvalidOperationException($"{advisory.Id} vanished while its text was stored.");
    }

    private string Sign(string text) => _key is null ? text : _key.ClearSign(text, _clock.GetUtcNow());

    /// <summary>
    /// Mails <paramref name="advisory"/>'s current version to every pre-disclosure member when it is due
    /// (<see cref="MemberMail.IsDue"/>); members who had this version already are skipped. Null when nothing was
    /// due or <c>[mail]</c> is not configured (<see cref="Mails"/>); else one delivery per member.
    /// </summary>
    public async Task<IReadOnlyList<MailDelivery>?> MailMembersAsync(ManagedAdvisory advisory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        if (_mail is null || !MemberMail.IsDue(advisory))
        {
            return null;
        }

        var members = await new PredisclosureList(_database, _clock).ListAsync(cancellationToken);
        if (members.Count == 0)
        {
            return [];
        }

        return await new Mailer(_mail, _clock).SendAsync(MemberMail.For(advisory, _projectName), new DatabaseMailLedger(_database), members.Select(m => m.Email).ToList(), cancellationToken);
    }
}
