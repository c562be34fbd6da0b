using System.Text;
using System.Text.Unicode;

namespace Herald.History;

/// <summary>
/// Decodes bytes git prints. Git passes names and messages through as the commit stored them: most are
/// UTF-8, old ones are often ISO-8859-1 without saying so. Valid UTF-8 is read as UTF-8, anything else
/// as ISO-8859-1, so that no byte is lost or replaced.
/// </summary>
public static class GitText
{
    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 when valid, else as ISO-8859-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }
}
