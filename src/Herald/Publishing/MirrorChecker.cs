using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Herald.Publishing;

/// <summary>
/// Checks that a mirror serves a release's files with the published checksums: every file that
/// SHA256SUMS lists is fetched from the mirror (the download layout under its URL) and hashed while
/// streaming. A file is fetched whole once; later checks send its validator and a 304 keeps the
/// result. A mirror is good for a release only when every file matched; a checksum that differs makes
/// it bad, and it is never listed as good.
/// </summary>
public sealed class MirrorChecker
{
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Uri, (string Validator, string Expected, FileVerdict Verdict)> _known = new();

    /// <summary>Creates a checker fetching with <paramref name="http"/>.</summary>
    public MirrorChecker(HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        _http = http;
        _clock = clock;
    }

    /// <summary>
    /// Checks every release of <paramref name="versions"/> that is published in <paramref name="store"/>
    /// on every one of <paramref name="mirrors"/>, one file at a time; a report per release and mirror.
    /// </summary>
    public async IAsyncEnumerable<MirrorReport> CheckPublishedAsync(
        IArtifactStore store,
        string slug,
        IEnumerable<string> versions,
        IReadOnlyList<Uri> mirrors,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(mirrors);
        if (mirrors.Count == 0)
        {
            yield break;
        }

        foreach (var version in versions)
        {
            var artifacts = await Publisher.ReadPublishedAsync(store, slug, version, cancellationToken);
            if (artifacts.Count == 0)
            {
                continue;
            }

            foreach (var mirror in mirrors)
            {
                yield return await CheckAsync(mirror, version, artifacts, cancellationToken);
            }
        }
    }

    /// <summary>Checks release <paramref name="version"/>'s <paramref name="artifacts"/> on <paramref name="mirror"/>.</summary>
    public async Task<MirrorReport> CheckAsync(Uri mirror, string version, IReadOnlyList<PublishedArtifact> artifacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(artifacts);
        var files = new List<MirrorFile>();
        foreach (var artifact in artifacts.Where(a => a.Sha256.Length > 0))
        {
            var url = new Uri(mirror, artifact.Path);
            var (verdict, detail) = await CheckFileAsync(url, artifact, cancellationToken);
            files.Add(new MirrorFile(artifact.Name, url, verdict, detail));
        }

        var status = files.Count == 0 ? MirrorStatus.Unchecked
            : files.Any(f => f.Verdict == FileVerdict.Differs) ? MirrorStatus.Bad
            : files.Any(f => f.Verdict == FileVerdict.Unreachable) ? MirrorStatus.Unreachable
            : files.Any(f => f.Verdict == FileVerdict.Missing) ? MirrorStatus.Incomplete
            : MirrorStatus.Good;
        return new MirrorReport(mirror, version, status, _clock.GetUtcNow(), files);
    }

    private async Task<(FileVerdict Verdict, string? Detail)> CheckFileAsync(Uri url, PublishedArtifact artifact, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var known = _known.TryGetValue(url, out var previous) && previous.Expected == artifact.Sha256 ? previous : default;
        if (known.Validator is { Length: > 0 } validator && EntityTagHeaderValue.TryParse(validator, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified && known.Validator is not null)
            {
                return (known.Verdict, known.Verdict == FileVerdict.Differs ? "checksum differs" : null);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                _known.TryRemove(url, out _);
                return (FileVerdict.Missing, "not on the mirror");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (FileVerdict.Unreachable, $"HTTP {(int)response.StatusCode}");
            }

            var verdict = response.Content.Headers.ContentLength is { } length && length != artifact.Size
                ? FileVerdict.Differs
                : await HashMatchesAsync(response.Content, artifact, cancellationToken) ? FileVerdict.Matches : FileVerdict.Differs;
            if (response.Headers.ETag is { } etag)
            {
                _known[url] = (etag.ToString(), artifact.Sha256, verdict);
            }

            return (verdict, verdict == FileVerdict.Differs ? "checksum differs" : null);
        }
        catch (HttpRequestException e)
        {
            return (FileVerdict.Unreachable, e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (FileVerdict.Unreachable, "timed out: " + e.Message);
        }
    }

    /// <summary>Hashes the body while it streams; more bytes than the published size is a mismatch at once.</summary>
    private static async Task<bool> HashMatchesAsync(HttpContent content, PublishedArtifact artifact, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > artifact.Size)
            {
                return false;
            }

            sha256.AppendData(buffer, 0, read);
        }

        return total == artifact.Size && Convert.ToHexStringLower(sha256.GetHashAndReset()) == artifact.Sha256;
    }
}

/// <summary>What a mirror has of one release.</summary>
public enum MirrorStatus
{
    /// <summary>Not checked yet (or nothing to check).</summary>
    Unchecked,

    /// <summary>Every file there with the published checksum.</summary>
    Good,

    /// <summary>Some files not there yet; none differs.</summary>
    Incomplete,

    /// <summary>The mirror did not answer.</summary>
    Unreachable,

    /// <summary>A file differs from the published one: never offered.</summary>
    Bad,
}

/// <summary>What a mirror has of one file.</summary>
public enum FileVerdict
{
    /// <summary>The published bytes.</summary>
    Matches,

    /// <summary>Not on the mirror.</summary>
    Missing,

    /// <summary>The mirror did not answer.</summary>
    Unreachable,

    /// <summary>Other bytes than the published ones.</summary>
    Differs,
}

/// <summary>One file on a mirror.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Url">Its URL on the mirror.</param>
/// <param name="Verdict">What the check found.</param>
/// <param name="Detail">Why it is not good, or null.</param>
public sealed record MirrorFile(string Name, Uri Url, FileVerdict Verdict, string? Detail);

/// <summary>A mirror's state for one release.</summary>
/// <param name="Mirror">The mirror's base URL.</param>
/// <param name="Version">The release.</param>
/// <param name="Status">The verdict over all its files.</param>
/// <param name="CheckedAt">When it was checked.</param>
/// <param name="Files">Each file's verdict.</param>
public sealed record MirrorReport(Uri Mirror, string Version, MirrorStatus Status, DateTimeOffset CheckedAt, IReadOnlyList<MirrorFile> Files);
