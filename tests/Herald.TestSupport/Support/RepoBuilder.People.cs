namespace Herald.Tests.Support;

/// <summary>Steps for the identity tests: one person under several names and addresses.</summary>
public sealed partial class RepoBuilder
{
    /// <summary>
    /// Makes <paramref name="count"/> commits by <paramref name="identity"/> (<c>Name &lt;address&gt;</c>),
    /// subjects <c>"{subject} 1"</c>, <c>"{subject} 2"</c>… (default: the name), each an hour after the last.
    /// </summary>
    public RepoBuilder CommitsBy(string identity, int count = 1, string? subject = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var open = identity.IndexOf('<', StringComparison.Ordinal);
        if (open < 1 || !identity.EndsWith('>'))
        {
            throw new ArgumentException($"Expected 'Name <address>', found '{identity}'.", nameof(identity));
        }

        var name = identity[..open].Trim();
        var email = identity[(open + 1)..^1];
        for (var i = 1; i <= count; i++)
        {
            Commit($"{subject ?? name} {i}", author: name, email: email);
        }

        return this;
    }
}
