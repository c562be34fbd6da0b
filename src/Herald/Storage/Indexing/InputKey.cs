using System.Security.Cryptography;
using System.Text;

namespace Herald.Storage.Indexing;

/// <summary>
/// Builds the key of a stored result from its inputs: every part is written with its length, so that no two
/// different lists of parts give the same text, and the text is hashed (SHA-256, lower-case hex).
/// </summary>
internal sealed class InputKey
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds one input; null is distinct from every string, the empty one included.</summary>
    public InputKey Add(string? part)
    {
        if (part is null)
        {
            _text.Append("-;");
        }
        else
        {
            _text.Append(part.Length).Append(':').Append(part).Append(';');
        }

        return this;
    }

    /// <summary>The hash of the inputs added so far.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_text.ToString())));
}
