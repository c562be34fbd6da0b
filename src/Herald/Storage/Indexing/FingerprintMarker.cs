using System.Security.Cryptography;
using System.Text;

namespace Herald.Storage.Indexing;

/// <summary>
/// A file in the data folder remembering the fingerprint of the last run into one database
/// (<see cref="IndexInputs.Fingerprint"/>): when it matches, a run answers "unchanged" without opening the database.
/// </summary>
internal sealed class FingerprintMarker(string dataDirectory, IndexDatabase database)
{
    private readonly string _path = Path.Combine(
        dataDirectory,
        "index-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database.ConnectionString)))[..16] + ".fingerprint");

    /// <summary>Whether the last run into the database (which still exists) had <paramref name="fingerprint"/>.</summary>
    public bool Matches(string fingerprint) =>
        File.Exists(_path) && (database.File is null || File.Exists(database.File)) && File.ReadAllText(_path) == fingerprint;

    /// <summary>Remembers <paramref name="fingerprint"/>; a failure only costs the next run a look at the database.</summary>
    public void Write(string fingerprint)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, fingerprint);
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a shortcut: without it the next run asks the database.
        }
    }
}
