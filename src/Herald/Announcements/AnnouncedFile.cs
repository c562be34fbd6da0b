namespace Herald.Announcements;

/// <summary>A published file of a release in an announcement's model (Liquid: <c>downloads[i]</c>).</summary>
public sealed record AnnouncedFile
{
    /// <summary>The file name, e.g. <c>xen-4.9.0.tar.gz</c> (Liquid <c>name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Where to download it (Liquid <c>url</c>).</summary>
    public required string Url { get; init; }

    /// <summary>The size in bytes (Liquid <c>size</c>).</summary>
    public long Size { get; init; }

    /// <summary>The SHA-256 digest, lower-case hex (Liquid <c>sha256</c>).</summary>
    public required string Sha256 { get; init; }

    /// <summary>The SHA-512 digest, lower-case hex (Liquid <c>sha512</c>).</summary>
    public required string Sha512 { get; init; }

    /// <summary>Its detached OpenPGP signature, or null (Liquid <c>signature_url</c>).</summary>
    public string? SignatureUrl { get; init; }
}
