using System.Text;

namespace Herald.History;

/// <summary>
/// Applies the repository's <c>.mailmap</c> to identities git does not map by itself, such as the people
/// in <c>Reviewed-by</c> trailers: one <c>git check-mailmap --stdin</c> process for all of them.
/// </summary>
public static class Mailmap
{
    /// <summary>Maps each identity; identities the mailmap does not name map to themselves.</summary>
    public static IReadOnlyDictionary<(string Name, string Email), (string Name, string Email)> Resolve(
        GitRepository repository, IEnumerable<(string Name, string Email)> identities)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(identities);
        var result = new Dictionary<(string, string), (string, string)>();
        var asked = identities.Distinct()
            .Where(i => i.Email.Length > 0 && !(i.Name + i.Email).Any(c => c is '<' or '>' or '\n' or '\r' or '\0'))
            .ToList();
        if (asked.Count > 0)
        {
            var input = new StringBuilder();
            foreach (var (name, email) in asked)
            {
                input.Append(name).Append(" <").Append(email).Append(">\n");
            }

            var output = repository.Stream(["check-mailmap", "--stdin"], s => new StreamReader(s, Encoding.UTF8, leaveOpen: true).ReadToEnd(), input.ToString());
            var lines = output.Split('\n');
            for (var i = 0; i < asked.Count && i < lines.Length; i++)
            {
                var line = lines[i];
                var open = line.LastIndexOf('<');
                var close = line.LastIndexOf('>');
                result[asked[i]] = open > 0 && close > open ? (line[..open].Trim(), line[(open + 1)..close]) : asked[i];
            }
        }

        return result;
    }
}
