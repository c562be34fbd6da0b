namespace Herald.Web.Serving;

/// <summary>
/// Where the portal's request log goes (<see cref="PortalOptions.AccessLog"/>): standard output, a file
/// to append to, or nowhere. <see cref="AccessLogWriter"/> writes it.
/// </summary>
public static class AccessLog
{
    /// <summary>The <see cref="PortalOptions.AccessLog"/> value that writes to standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>The <see cref="PortalOptions.AccessLog"/> value that turns the log off.</summary>
    public const string Off = "off";

    /// <summary>Fails with a <see cref="HeraldException"/> when <paramref name="target"/> is a file that cannot be appended to.</summary>
    public static void CheckWritable(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (target is not (StandardOutput or Off))
        {
            OpenFile(target).Dispose();
        }
    }

    /// <summary>Opens <paramref name="path"/> for appending, or fails with a <see cref="HeraldException"/> that names it and the fix.</summary>
    internal static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HeraldException($"cannot write the access log '{path}': {e.Message} Give a writable file, '{StandardOutput}' for standard output or '{Off}'.");
        }
    }
}
