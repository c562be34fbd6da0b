namespace Herald.Storage;

/// <summary>Herald's data folder (caches, index, artifacts, keys): checked once, before anything is written there.</summary>
public static class DataFolder
{
    private const string Fix = "pass --data a folder Herald can write in";

    /// <summary>
    /// Creates <paramref name="path"/> when missing and checks that a file can be written in it.
    /// </summary>
    /// <exception cref="HeraldException">The path is a file, lies under a file, or cannot be written; the message names it and the fix.</exception>
    public static void EnsureWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            throw new HeraldException($"data folder '{path}' is a file, not a folder; {Fix}.");
        }

        try
        {
            Directory.CreateDirectory(path);
            // The only sure test (ACLs, read-only mounts, root): write a file and let it go.
            using var probe = new FileStream(Path.Combine(path, $".write-test-{Environment.ProcessId}"), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException)
        {
            throw new HeraldException($"data folder '{path}' is not writable; make it writable (chmod u+w '{path}') or {Fix}.");
        }
        catch (IOException e)
        {
            throw new HeraldException($"data folder '{path}' cannot be written ({Reason(e)}); {Fix}.", e);
        }
    }

    private static string Reason(IOException e) => e switch
    {
        DirectoryNotFoundException => "part of the path is a file or missing",
        _ => e.Message.TrimEnd('.'),
    };
}
