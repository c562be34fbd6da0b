using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Herald.Publishing;

/// <summary>
/// Published files in an S3-compatible object store (<c>[downloads] store = "s3://bucket/prefix"</c>),
/// under the same layout as on disk. Objects cannot be renamed together, so a publish first writes a
/// <c>.publishing</c> marker into the release folder (the folder is invisible while it is there), then
/// the files, then the manifest, and removes the marker last: readers see the old release, nothing, or
/// the new release whole. Downloads redirect to presigned, time-limited URLs.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3StoreSettings _settings;
    private readonly string _stagingRoot;

    /// <summary>
    /// Creates a store for <paramref name="settings"/>, staging uploads under <paramref name="stagingRoot"/>;
    /// credentials from <paramref name="credentials"/>, or else the AWS SDK's usual places
    /// (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and the shared credentials file, instance roles).
    /// </summary>
    public S3ArtifactStore(S3StoreSettings settings, string stagingRoot, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(stagingRoot);
        _settings = settings;
        _stagingRoot = stagingRoot;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.PathStyle,
            // S3-compatible servers do not all know the newer integrity trailers: only where S3 needs them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }

        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <inheritdoc />
    public string Location => $"s3://{_settings.Bucket}/{_settings.Prefix}";

    /// <inheritdoc />
    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_settings.Bucket, Key(path), cancellationToken);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        var prefix = Key(folder) + "/";
        var files = new List<StoredFile>();
        await foreach (var item in ListObjectsAsync(prefix, "/", cancellationToken))
        {
            files.Add(new StoredFile(item.Key[prefix.Length..], item.Size ?? 0));
        }

        return files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public string CreateStaging(string folder) => StagingFolder.Create(_stagingRoot, folder.Replace('/', '_'));

    /// <inheritdoc />
    public async Task CommitAsync(string staging, string folder, CancellationToken cancellationToken = default)
    {
        var files = Directory.EnumerateFiles(staging).Select(f => Path.GetFileName(f)).ToList();
        var marker = Key(folder + "/" + ArtifactLayout.PublishingMarker);
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = _settings.Bucket, Key = marker, ContentBody = string.Empty, UseChunkEncoding = false }, cancellationToken);
        foreach (var gone in (await ListAsync(folder, cancellationToken)).Where(f => f.Name != ArtifactLayout.PublishingMarker && !files.Contains(f.Name, StringComparer.Ordinal)))
        {
            await _client.DeleteObjectAsync(_settings.Bucket, Key(folder + "/" + gone.Name), cancellationToken);
        }

        // The manifest last: it says what the release is made of, and a later publish compares with it.
        await Parallel.ForEachAsync(
            files.Where(f => f != ".manifest"),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (name, token) => await UploadAsync(Path.Combine(staging, name), folder + "/" + name, token));
        if (files.Contains(".manifest"))
        {
            await UploadAsync(Path.Combine(staging, ".manifest"), folder + "/.manifest", cancellationToken);
        }

        await _client.DeleteObjectAsync(_settings.Bucket, marker, cancellationToken);
        Directory.Delete(staging, recursive: true);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string folder, CancellationToken cancellationToken = default)
    {
        foreach (var file in await ListAsync(folder, cancellationToken))
        {
            await _client.DeleteObjectAsync(_settings.Bucket, Key(folder + "/" + file.Name), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<string> StampAsync(CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        await foreach (var item in ListObjectsAsync(Key("release") + "/", null, cancellationToken))
        {
            lines.Add(item.Key + " " + item.ETag + " " + item.Size);
        }

        await foreach (var item in ListObjectsAsync(Key("dev") + "/", null, cancellationToken))
        {
            if (item.Key.EndsWith("/.index/builds.json", StringComparison.Ordinal))
            {
                lines.Add(item.Key + " " + item.ETag + " " + item.Size);
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <inheritdoc />
    public async Task<ArtifactSource?> LocateAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!ArtifactLayout.IsPlainPath(path) || path.LastIndexOf('/') is var slash && slash < 0)
        {
            return null;
        }

        if (!await ExistsAsync(path, cancellationToken) || await ExistsAsync(path[..slash] + "/" + ArtifactLayout.PublishingMarker, cancellationToken))
        {
            return null;
        }

        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _settings.Bucket,
            Key = Key(path),
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(_settings.PresignLifetime),
            Protocol = _settings.Endpoint is { Scheme: "http" } ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new ArtifactSource(null, new Uri(url));
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_settings.Bucket, Key(path), cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task UploadAsync(string file, string path, CancellationToken cancellationToken) =>
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = _settings.Bucket, Key = Key(path), FilePath = file, UseChunkEncoding = false }, cancellationToken);

    private async IAsyncEnumerable<S3Object> ListObjectsAsync(string prefix, string? delimiter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = prefix, Delimiter = delimiter };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return item;
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    private string Key(string path) => _settings.Prefix.Length == 0 ? path : _settings.Prefix + "/" + path;
}

/// <summary><c>[downloads] store = "s3://bucket/prefix"</c> with its <c>[downloads.s3]</c> settings.</summary>
public sealed record S3StoreSettings
{
    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>The key prefix the layout starts under, without slashes at either end; empty for the bucket's root.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>The endpoint of an S3-compatible server (MinIO, Ceph, s3rver…), or null for AWS itself.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region (signing region for other servers).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool PathStyle { get; init; } = true;

    /// <summary>How long a presigned download URL stays valid.</summary>
    public TimeSpan PresignLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Parses <c>s3://bucket/prefix</c>; null when <paramref name="url"/> is not an s3 URL with a valid bucket name.</summary>
    public static S3StoreSettings? Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = url["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        var validBucket = bucket.Length is >= 3 and <= 63 && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
            && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
        return validBucket && (prefix.Length == 0 || ArtifactLayout.IsPlainPath(prefix)) ? new S3StoreSettings { Bucket = bucket, Prefix = prefix } : null;
    }
}
