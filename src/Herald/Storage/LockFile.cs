using System.Diagnostics;

namespace Herald.Storage;

/// <summary>
/// An exclusive OS lock on a file beside the index (FileShare.None: an exclusive flock on Unix, a share lock
/// on Windows), which the OS releases when its holder dies, so a killed herald never leaves it taken.
/// </summary>
internal static class LockFile
{
    /// <summary>The HResult of an <see cref="IOException"/> for a file another process has locked: EWOULDBLOCK on Linux, ERROR_SHARING_VIOLATION on Windows.</summary>
    private static readonly int[] SharingViolation = [11, unchecked((int)0x80070020)];

    /// <summary>Takes the lock on <paramref name="path"/> when it is free; null when another process holds it.</summary>
    public static FileStream? TryAcquire(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (SharingViolation.Contains(e.HResult))
        {
            return null;
        }
    }

    /// <summary>
    /// Takes the lock on <paramref name="path"/>, waiting while another process holds it: says
    /// <paramref name="waiting"/> once, and after <paramref name="patience"/> (null: for ever) throws what
    /// <paramref name="timedOut"/> makes of the last error.
    /// </summary>
    public static async Task<FileStream> AcquireAsync(string path, IProgress<string>? progress, string waiting, TimeSpan? patience, Func<IOException, Exception>? timedOut, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (SharingViolation.Contains(e.HResult))
            {
                if (!told)
                {
                    told = true;
                    progress?.Report(waiting);
                }

                if (patience is { } limit && waited.Elapsed >= limit)
                {
                    throw timedOut?.Invoke(e) ?? e;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
