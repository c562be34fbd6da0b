namespace Herald.Advisories;

/// <summary>One version of a managed advisory.</summary>
/// <param name="Revision">The version (1, 2 …).</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="Updates">What changed in it ("updates in this version"); empty for the first.</param>
/// <param name="Text">Its text as published and mailed (clear-signed when the project has a release key), or null until made.</param>
/// <param name="PublicText">Its text as it reads once public (no embargo line), signed in advance; null until made.</param>
public sealed record AdvisoryRevision(int Revision, DateTimeOffset CreatedAt, string Updates, string? Text, string? PublicText = null);
