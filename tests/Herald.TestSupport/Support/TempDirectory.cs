namespace Herald.Tests.Support;

/// <summary>
/// A fresh directory under <c>Path.GetTempPath()/herald-tests/&lt;guid&gt;</c> that is deleted
/// (including read-only files such as git objects) on <see cref="Dispose"/>.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    private const int DeleteAttempts = 5;

    private bool _disposed;

    private TempDirectory(string path)
    {
        Path = path;
    }

    /// <summary>Absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>The parent of all test temp directories: <c>Path.GetTempPath()/herald-tests</c>.</summary>
    public static string TestsRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-tests");

    /// <summary>Creates a new, empty, uniquely named directory.</summary>
    public static TempDirectory Create()
    {
        var path = System.IO.Path.Combine(TestsRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempDirectory(path);
    }

    /// <summary>Combines <see cref="Path"/> with the given relative parts ('/' separators are accepted).</summary>
    public string Combine(params string[] parts)
    {
        var result = Path;
        foreach (var part in parts)
        {
            result = System.IO.Path.Combine(result, part.Replace('/', System.IO.Path.DirectorySeparatorChar));
        }

        return result;
    }

    /// <summary>Creates (if needed) a sub-directory and returns its absolute path.</summary>
    public string CreateSubdirectory(string relativePath)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a UTF-8 (no BOM) text file, creating parent directories; returns its absolute path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>Deletes the directory and everything below it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DeleteDirectory(Path);
    }

    /// <summary>
    /// Recursively deletes <paramref name="path"/>, clearing read-only attributes first and retrying
    /// a few times on <see cref="IOException"/> (e.g. a file briefly held open); the last failure propagates.
    /// </summary>
    public static void DeleteDirectory(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!Directory.Exists(path))
            {
                return;
            }

            try
            {
                ClearReadOnly(path);
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < DeleteAttempts)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    private static void ClearReadOnly(string path)
    {
        // The SearchOption overload enumerates hidden and system entries too (git's objects are read-only).
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is null && (entry.Attributes & FileAttributes.ReadOnly) != 0)
            {
                entry.Attributes &= ~FileAttributes.ReadOnly;
            }
        }
    }
}
