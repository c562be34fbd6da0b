namespace Herald.Web.Editing;

/// <summary>What <see cref="PostMailer.MailPostAsync"/> did.</summary>
/// <param name="Sent">Whether the post went to the lists.</param>
/// <param name="Message">One sentence for the editor: where it went, or why not.</param>
public sealed record PostMailOutcome(bool Sent, string Message);
