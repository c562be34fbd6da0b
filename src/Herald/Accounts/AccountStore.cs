using System.Security.Cryptography;
using Herald.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Herald.Accounts;

/// <summary>
/// Accounts in the index database: made with a one-time password, checked at sign-in. Passwords are kept
/// only as hashes, in ASP.NET Core Identity's format (PBKDF2-HMAC-SHA512, salted, 100,000 iterations in
/// version 3), which also says when a stored hash should be remade with newer settings.
/// </summary>
public sealed class AccountStore
{
    private static readonly PasswordHasher<string> Hasher = new();

    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>A store over <paramref name="database"/> (migrated by the caller).</summary>
    public AccountStore(IndexDatabase database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _database = database;
        _clock = clock;
    }

    /// <summary>
    /// Makes account <paramref name="name"/> with <paramref name="roles"/>, or, when it exists, gives it those
    /// roles too and a new password. Returns the one-time password, shown once and stored only hashed.
    /// </summary>
    /// <exception cref="HeraldException">The name or a role is not acceptable.</exception>
    public async Task<(Account Account, string Password)> AddAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(roles);
        var checkedRoles = roles.Select(Role.Parse).Distinct(StringComparer.Ordinal).ToArray();
        var password = NewPassword();
        await using var context = _database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (row is null)
        {
            row = new UserRow { Name = name, PasswordHash = string.Empty, Stamp = NewStamp(), CreatedAt = _clock.GetUtcNow().ToUnixTimeSeconds() };
            context.Users.Add(row);
        }

        row.PasswordHash = Hasher.HashPassword(name, password);
        row.Stamp = NewStamp();
        var held = await context.UserRoles.Where(r => r.UserName == name).Select(r => r.Role).ToListAsync(cancellationToken);
        foreach (var role in checkedRoles.Except(held, StringComparer.Ordinal))
        {
            context.UserRoles.Add(new UserRoleRow { UserName = name, Role = role });
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new Account(name, held.Union(checkedRoles, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt), row.Stamp), password);
    }

    /// <summary>The account <paramref name="name"/> when <paramref name="password"/> is its password, else null (the same for an unknown name).</summary>
    public async Task<Account?> VerifyAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        await using var context = _database.CreateContext();
        var row = await context.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        if (row is null)
        {
            // The same work as for a known name, so that timing does not tell which names exist.
            Hasher.VerifyHashedPassword(name, DummyHash.Value, password);
            return null;
        }

        var verdict = Hasher.VerifyHashedPassword(name, row.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            row.PasswordHash = Hasher.HashPassword(name, password);
            await context.SaveChangesAsync(cancellationToken);
        }

        return await ToAccountAsync(context, row, cancellationToken);
    }

    /// <summary>The account <paramref name="name"/>, or null.</summary>
    public async Task<Account?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var row = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        return row is null ? null : await ToAccountAsync(context, row, cancellationToken);
    }

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
        var roles = (await context.UserRoles.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.UserName, r => r.Role, StringComparer.Ordinal);
        return rows.Select(r => new Account(r.Name, roles[r.Name].Order(StringComparer.Ordinal).ToArray(), DateTimeOffset.FromUnixTimeSeconds(r.CreatedAt), r.Stamp)).ToArray();
    }

    /// <summary>Removes account <paramref name="name"/>; false when there was none. Its sessions end with it.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        await context.UserRoles.Where(r => r.UserName == name).ExecuteDeleteAsync(cancellationToken);
        return await context.Users.Where(u => u.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static async Task<Account> ToAccountAsync(HeraldDbContext context, UserRow row, CancellationToken cancellationToken)
    {
        var roles = await context.UserRoles.AsNoTracking().Where(r => r.UserName == row.Name).Select(r => r.Role).ToListAsync(cancellationToken);
        return new Account(row.Name, roles.Order(StringComparer.Ordinal).ToArray(), DateTimeOffset.FromUnixTimeSeconds(row.CreatedAt), row.Stamp);
    }

    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(string.Empty, NewPassword()));

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new HeraldException($"account name '{name}' is not acceptable; use 1 to 64 letters, digits, '.', '-', '_' or '@'.");
        }
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alikes (about 110 bits).</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
