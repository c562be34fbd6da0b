using System.Net;

namespace Herald.Configuration;

/// <summary><c>[portal]</c>: how <c>herald serve</c> stands in the network.</summary>
/// <param name="KnownProxies">
/// The reverse proxies (<c>known_proxies</c>, IP addresses) whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
/// are believed; from anyone else these headers are ignored. Empty: no proxy is believed.
/// </param>
public sealed record PortalSettings(IReadOnlyList<IPAddress> KnownProxies)
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "portal";

    /// <summary>No proxy.</summary>
    public PortalSettings()
        : this([])
    {
    }

    /// <summary>Reads <c>[portal]</c> of <paramref name="root"/>.</summary>
    internal static PortalSettings Read(TomlSection root)
    {
        var section = root.Table(Key, "known_proxies");
        var proxies = new List<IPAddress>();
        foreach (var text in section.Strings("known_proxies") ?? [])
        {
            proxies.Add(IPAddress.TryParse(text, out var address) && text.Count(c => c == '.') is 0 or 3
                ? address
                : throw section.Error("known_proxies", $"{section.NameOf("known_proxies")}: \"{text}\" is not an IP address; write the proxy's address, e.g. known_proxies = [\"127.0.0.1\", \"::1\"]."));
        }

        return new PortalSettings(proxies);
    }
}
