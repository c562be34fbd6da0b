namespace Herald.History;

/// <summary>Who made a commit or tag and when: a name and email (after .mailmap) and a date with its offset.</summary>
/// <param name="Name">The name as git reports it after applying .mailmap.</param>
/// <param name="Email">The email address after applying .mailmap.</param>
/// <param name="Date">The date with the offset the person's clock had.</param>
public readonly record struct Signature(string Name, string Email, DateTimeOffset Date);
