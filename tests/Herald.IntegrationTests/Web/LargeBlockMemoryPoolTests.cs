using System.Buffers;
using System.IO.Pipelines;
using Herald.Tests.Browser;
using Herald.Web;
using Herald.Web.Serving;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>Kestrel's buffers in 64 KiB blocks: reuse, limits, release of idle blocks, and that Kestrel uses them.</summary>
public sealed class LargeBlockMemoryPoolTests
{
    private readonly FakeTimeProvider _time = new(PortalProject.Now);

    [Fact]
    public void Rent_AfterAReturn_ReusesTheBlock()
    {
        using var pool = new LargeBlockMemoryPool(_time);

        var first = pool.Rent(100);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, first.Memory.Length);
        first.Dispose();
        Assert.Equal(1, pool.FreeBlocks);

        var second = pool.Rent();
        Assert.Same(first, second);
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public void Rent_MoreThanABlock_Throws()
    {
        using var pool = new LargeBlockMemoryPool(_time);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));

        Assert.Contains("65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trim_BlocksFreeThroughAWholeInterval_AreReleased()
    {
        using var pool = new LargeBlockMemoryPool(_time);
        ReturnAll(RentMany(pool, 5));
        Assert.Equal(5, pool.FreeBlocks);

        // The first interval starts the count: what stays free from here on is surplus.
        _time.Advance(LargeBlockMemoryPool.TrimInterval);
        Assert.Equal(5, pool.FreeBlocks);

        // Two were needed at once during the next interval; the three others were not.
        ReturnAll(RentMany(pool, 2));
        _time.Advance(LargeBlockMemoryPool.TrimInterval);
        Assert.Equal(2, pool.FreeBlocks);

        // Nothing was needed: all go.
        _time.Advance(LargeBlockMemoryPool.TrimInterval);
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public async Task Pipe_BodyOfManyBlocks_ArrivesWholeAndReturnsItsBlocks()
    {
        using var pool = new LargeBlockMemoryPool(_time);
        var pipe = new Pipe(new PipeOptions(pool, pauseWriterThreshold: 0, minimumSegmentSize: 4096, useSynchronizationContext: false));
        var body = new byte[(4 * LargeBlockMemoryPool.BlockSize) + 12345];
        new Random(7).NextBytes(body);

        // As Kestrel writes a response: one large write, copied block by block, then one flush.
        await pipe.Writer.WriteAsync(body);
        await pipe.Writer.CompleteAsync();
        var read = await pipe.Reader.ReadAtLeastAsync(body.Length);
        var received = read.Buffer.ToArray();
        pipe.Reader.AdvanceTo(read.Buffer.End);
        await pipe.Reader.CompleteAsync();

        Assert.Equal(body, received);
        Assert.Equal(5, pool.FreeBlocks);
    }

    [Fact]
    public async Task Kestrel_ServingAPage_UsesThePool()
    {
        using var project = PortalProject.CreateSmall();
        var options = new PortalOptions { Repository = project.Builder.Path, Config = project.ConfigPath, Data = project.NewFolder("data") };
        await using var server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(60));
        using var http = new HttpClient();

        var page = await http.GetStringAsync(server.Url("/releases"));

        Assert.Contains("</html>", page, StringComparison.Ordinal);
        var factory = Assert.IsType<LargeBlockMemoryPoolFactory>(server.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        Assert.Contains(factory.Created, pool => pool.FreeBlocks > 0);
    }

    [Fact]
    public void Return_Twice_WithTheCheck_Throws()
    {
        // The check Debug builds run; the tests run in Release, so they turn it on.
        using var pool = new LargeBlockMemoryPool(_time, checkReturns: true);
        var block = pool.Rent();
        block.Dispose();

        var error = Assert.Throws<InvalidOperationException>(block.Dispose);

        Assert.Contains("returned twice", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, pool.FreeBlocks);
    }

    [Fact]
    public void Return_RentedAgain_WithTheCheck_IsNoDoubleReturn()
    {
        using var pool = new LargeBlockMemoryPool(_time, checkReturns: true);
        var block = pool.Rent();
        block.Dispose();
        var again = pool.Rent();

        again.Dispose();

        Assert.Same(block, again);
        Assert.Equal(1, pool.FreeBlocks);
    }

    [Fact]
    public void CheckReturns_ByDefault_OnlyInDebugBuilds()
    {
        using var pool = new LargeBlockMemoryPool(_time);

#if DEBUG
        Assert.True(pool.CheckReturns);
#else
        Assert.False(pool.CheckReturns);
#endif
    }

    [Fact]
    public async Task Kestrel_BlockPoolOff_UsesKestrelsOwnPool()
    {
        using var project = PortalProject.CreateSmall();
        var options = new PortalOptions { Repository = project.Builder.Path, Config = project.ConfigPath, Data = project.NewFolder("data"), BlockPool = false };
        await using var server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(60));
        using var http = new HttpClient();

        var page = await http.GetStringAsync(server.Url("/releases"));

        Assert.Contains("</html>", page, StringComparison.Ordinal);
        Assert.IsNotType<LargeBlockMemoryPoolFactory>(server.Services.GetService<IMemoryPoolFactory<byte>>());
    }

    private static List<IDisposable> RentMany(LargeBlockMemoryPool pool, int count) =>
        Enumerable.Range(0, count).Select(_ => (IDisposable)pool.Rent()).ToList();

    private static void ReturnAll(List<IDisposable> blocks) => blocks.ForEach(block => block.Dispose());
}
