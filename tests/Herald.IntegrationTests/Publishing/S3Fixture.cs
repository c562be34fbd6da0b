using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Herald.Tests.Publishing;

/// <summary>
/// The S3 protocol server test.sh starts (s3rver; its address in HERALD_TEST_S3) with a fresh bucket for
/// each test class. Without the server the tests fail, they never skip.
/// </summary>
public sealed class S3Fixture : IAsyncDisposable
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";

    private S3Fixture(Uri endpoint, string bucket, AmazonS3Client client)
    {
        Endpoint = endpoint;
        Bucket = bucket;
        Client = client;
    }

    public Uri Endpoint { get; }

    public string Bucket { get; }

    public AmazonS3Client Client { get; }

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, AccessKey);

    /// <summary>Connects and creates a bucket of its own.</summary>
    public static async Task<S3Fixture> StartAsync()
    {
        var address = Environment.GetEnvironmentVariable("HERALD_TEST_S3");
        if (string.IsNullOrEmpty(address))
        {
            throw new InvalidOperationException("HERALD_TEST_S3 is not set: run the tests with ./test.sh, which starts an S3 protocol server (s3rver), or point HERALD_TEST_S3 at one.");
        }

        // The portal under test opens its store from the configuration, with the SDK's usual credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", AccessKey);
        var endpoint = new Uri(address);
        var client = new AmazonS3Client(Credentials, new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var bucket = "herald-" + Guid.NewGuid().ToString("N")[..12];
        await client.PutBucketAsync(bucket);
        return new S3Fixture(endpoint, bucket, client);
    }

    /// <summary>Every key in the bucket, sorted.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket };
        while (true)
        {
            var response = await Client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            if (response.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The bytes of an object.</summary>
    public async Task<byte[]> ReadAsync(string key)
    {
        using var response = await Client.GetObjectAsync(Bucket, key);
        using var memory = new MemoryStream();
        await response.ResponseStream.CopyToAsync(memory);
        return memory.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var key in await KeysAsync())
        {
            await Client.DeleteObjectAsync(Bucket, key);
        }

        await Client.DeleteBucketAsync(Bucket);
        Client.Dispose();
    }
}
