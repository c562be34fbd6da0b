using System.Text;

namespace Herald.Advisories;

/// <summary>
/// The sections of an advisory's text, as the Xen Project writes them. Each is Markdown (plain text reads
/// as Markdown too); an empty section is left out of the text.
/// </summary>
public sealed record AdvisorySections
{
    /// <summary>The headings, in the order the text shows them, with the property each fills.</summary>
    public static IReadOnlyList<(string Heading, Func<AdvisorySections, string> Read)> Order { get; } =
    [
        ("Issue description", s => s.Description),
        ("Impact", s => s.Impact),
        ("Vulnerable systems", s => s.VulnerableSystems),
        ("Mitigation", s => s.Mitigation),
        ("Credits", s => s.Credits),
        ("Resolution", s => s.Resolution),
        ("Deployment during embargo", s => s.DeploymentDuringEmbargo),
    ];

    /// <summary>What is wrong.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>What an attacker can do.</summary>
    public string Impact { get; init; } = string.Empty;

    /// <summary>Which versions and configurations are affected.</summary>
    public string VulnerableSystems { get; init; } = string.Empty;

    /// <summary>What helps without the fix.</summary>
    public string Mitigation { get; init; } = string.Empty;

    /// <summary>Who found and reported it.</summary>
    public string Credits { get; init; } = string.Empty;

    /// <summary>Which patches fix it.</summary>
    public string Resolution { get; init; } = string.Empty;

    /// <summary>What pre-disclosure members may deploy before the embargo ends.</summary>
    public string DeploymentDuringEmbargo { get; init; } = string.Empty;

    /// <summary>
    /// Reads a body file: sections start at a heading naming one of <see cref="Order"/> (case-insensitive,
    /// Markdown <c>#</c>/<c>##</c> or Xen's capitals on a line of their own). Text before the first heading is
    /// the issue description.
    /// </summary>
    /// <exception cref="HeraldException">A section is named twice.</exception>
    public static AdvisorySections Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var current = Order[0].Heading;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (Heading(raw) is { } heading)
            {
                if (!seen.Add(heading))
                {
                    throw new HeraldException($"the body names section '{heading}' twice; give each section once.");
                }

                current = heading;
                continue;
            }

            if (!parts.TryGetValue(current, out var builder))
            {
                parts[current] = builder = new StringBuilder();
            }

            builder.Append(raw).Append('\n');
        }

        string Part(string heading) => parts.TryGetValue(heading, out var b) ? b.ToString().Trim('\n', ' ', '\t') : string.Empty;
        return new AdvisorySections
        {
            Description = Part("Issue description"),
            Impact = Part("Impact"),
            VulnerableSystems = Part("Vulnerable systems"),
            Mitigation = Part("Mitigation"),
            Credits = Part("Credits"),
            Resolution = Part("Resolution"),
            DeploymentDuringEmbargo = Part("Deployment during embargo"),
        };
    }

    /// <summary>The sections as Markdown with <c>##</c> headings, empty ones left out.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var (heading, read) in Order)
        {
            if (read(this) is { Length: > 0 } body)
            {
                text.Append("## ").Append(heading).Append("\n\n").Append(body).Append("\n\n");
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static string? Heading(string line)
    {
        var text = line.Trim().TrimStart('#').Trim().TrimEnd(':').Trim();
        if (text.Length == 0 || (!line.TrimStart().StartsWith('#') && !IsCapitals(line.Trim())))
        {
            return null;
        }

        return Order.Select(o => o.Heading).FirstOrDefault(h => string.Equals(h, text, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsCapitals(string line) => line.Length > 0 && line.Where(char.IsLetter).All(char.IsUpper);
}
