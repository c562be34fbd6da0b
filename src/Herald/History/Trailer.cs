namespace Herald.History;

/// <summary>
/// A trailer line of a commit message such as <c>Reviewed-by: Jan Beulich &lt;jbeulich@suse.com&gt;</c>,
/// <c>master commit: 1234abcd…</c> or <c>(cherry picked from commit 1234abcd…)</c>.
/// </summary>
/// <param name="Key">The key with its canonical spelling (see <see cref="TrailerKeys"/>).</param>
/// <param name="Value">The value, trimmed.</param>
public sealed record Trailer(string Key, string Value)
{
    /// <summary>
    /// Splits a value of the form <c>Name &lt;email&gt;</c> into its parts. A value without an address
    /// gives the whole text as the name and an empty email.
    /// </summary>
    public (string Name, string Email) Person
    {
        get
        {
            var open = Value.LastIndexOf('<');
            var close = Value.LastIndexOf('>');
            if (open < 0 || close < open)
            {
                return (Value.Trim(), string.Empty);
            }

            return (Value[..open].Trim().Trim('"'), Value[(open + 1)..close].Trim());
        }
    }
}
