using System.Globalization;
using System.Xml;

namespace Herald.Web.Api;

/// <summary>What every Atom feed of the portal writes the same way: the namespace, links and timestamps.</summary>
internal static class Atom
{
    /// <summary>The Atom namespace.</summary>
    public const string Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>An RFC 3339 timestamp in UTC, to the second (<c>2026-11-30T12:00:00Z</c>).</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>&lt;link rel type href/&gt;</c>.</summary>
    public static void WriteLink(XmlWriter writer, string rel, string href, string type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("link", Namespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }
}
