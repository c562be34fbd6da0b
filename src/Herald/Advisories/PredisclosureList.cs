using System.Security.Cryptography;
using System.Text;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Advisories;

/// <summary>
/// The pre-disclosure list in the index database: organisations' role addresses, each with an access token.
/// A token is 256 random bits, shown once when made and stored only as its SHA-256 (a hash of so much
/// randomness needs no salt or stretching to resist guessing).
/// </summary>
public sealed class PredisclosureList
{
    /// <summary>What every token starts with, so that it is recognised when pasted in the wrong place.</summary>
    public const string TokenPrefix = "hpd_";

    private static readonly System.Buffers.SearchValues<char> TokenAlphabet = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>The list in <paramref name="database"/> (migrated by the caller).</summary>
    public PredisclosureList(IndexDatabase database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _database = database;
        _clock = clock;
    }

    /// <summary>Adds <paramref name="email"/> of <paramref name="org"/>, or gives an address already on the list a new token (the old one stops working).</summary>
    /// <returns>The member and its token, to be shown once.</returns>
    /// <exception cref="HeraldException">The organisation or address is not acceptable.</exception>
    public async Task<(PredisclosureMember Member, string Token)> AddAsync(string org, string email, CancellationToken cancellationToken = default)
    {
        org = CheckOrg(org);
        email = CheckEmail(email);
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var context = _database.CreateContext();
        var row = await context.PredisclosureMembers.FirstOrDefaultAsync(m => m.Email == email, cancellationToken);
        if (row is null)
        {
            row = new PredisclosureMemberRow { Org = org, Email = email, TokenHash = Hash(token), CreatedAt = _clock.GetUtcNow().ToUnixTimeSeconds() };
            context.PredisclosureMembers.Add(row);
        }
        else
        {
            row.Org = org;
            row.TokenHash = Hash(token);
        }

        await context.SaveChangesAsync(cancellationToken);
        return (ToMember(row), token);
    }

    /// <summary>Every member, by organisation and address.</summary>
    public async Task<IReadOnlyList<PredisclosureMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.PredisclosureMembers.AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(ToMember).OrderBy(m => m.Org, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Removes <paramref name="email"/> (its token stops working at once); false when it was not on the list.</summary>
    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalised = email.Trim().ToLowerInvariant();
        await using var context = _database.CreateContext();
        return await context.PredisclosureMembers.Where(m => m.Email == normalised).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The member whose token is <paramref name="token"/>, or null (a wrong, removed or malformed token).</summary>
    public async Task<PredisclosureMember?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var hash = Hash(token);
        await using var context = _database.CreateContext();
        var row = await context.PredisclosureMembers.AsNoTracking().FirstOrDefaultAsync(m => m.TokenHash == hash, cancellationToken);
        return row is null ? null : ToMember(row);
    }

    /// <summary>
    /// The member <paramref name="email"/> while its token's hash is still <paramref name="tokenHash"/> (what a browser
    /// session carries), or null once it was removed or given a new token.
    /// </summary>
    public async Task<PredisclosureMember?> FindByHashAsync(string email, string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var context = _database.CreateContext();
        var row = await context.PredisclosureMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Email == email && m.TokenHash == tokenHash, cancellationToken);
        return row is null ? null : ToMember(row);
    }

    /// <summary>Whether <paramref name="token"/> has a token's shape (prefix, length, alphabet): anything else is refused without a database read.</summary>
    public static bool LooksLikeToken(string token) =>
        token is { Length: 47 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(TokenAlphabet) < 0;

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static PredisclosureMember ToMember(PredisclosureMemberRow row) => new(row.Org, row.Email, DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string CheckOrg(string org)
    {
        ArgumentNullException.ThrowIfNull(org);
        org = org.Trim();
        if (org.Length is 0 or > 200 || org.Any(char.IsControl))
        {
            throw new HeraldException($"organisation '{(org.Length > 40 ? org[..40] + "…" : org)}' is not acceptable; give 1 to 200 characters on one line.");
        }

        return org;
    }

    private static string CheckEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        if (trimmed.Length is 0 or > 320 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"')
            || !System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new HeraldException($"'{(trimmed.Length > 60 ? trimmed[..60] + "…" : trimmed)}' is not an email address; give the organisation's role address, e.g. --email security@example.com.");
        }

        return trimmed.ToLowerInvariant();
    }
}
