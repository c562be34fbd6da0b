using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Herald.Web.Serving;

/// <summary>
/// Kestrel's buffers, in blocks of <see cref="BlockSize"/> instead of Kestrel's 4 KiB.
/// </summary>
/// <remarks>
/// <para>
/// Kestrel copies a response body into its output pipe one block at a time, and its socket sender gathers
/// the blocks into one send. A Xen release page of 284 KB took seventy 4 KiB blocks: renting, filling and
/// returning them was about a tenth of the server's time under load. With 64 KiB blocks it takes five (see
/// docs/benchmarks.md, "Portal").
/// </para>
/// <para>
/// Blocks are pinned arrays. Idle connections hold none: Kestrel rents a receive block only once data has
/// arrived, and returns output blocks once they are sent. The free list is a stack: the block returned
/// last, likely still in the CPU's cache, is rented first (Kestrel's own pool is a queue, which hands out
/// the coldest block). It keeps what the busiest moment needed; every <see cref="TrimInterval"/>, the
/// blocks that stayed free through the whole interval (its low-water mark) are released to the garbage
/// collector, so that a burst does not keep its memory forever. Unlike Kestrel's pool, this one reports
/// no <c>aspnetcore.memorypool</c> metrics. <see cref="PortalOptions.BlockPool"/> turns it off.
/// </para>
/// <para>
/// A block returned twice would be handed to two connections at once, each overwriting the other's data.
/// Debug builds check every return (<see cref="CheckReturns"/>) and throw on a second one.
/// </para>
/// </remarks>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    /// <summary>The size of every block.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>How often blocks unused for a whole interval are released.</summary>
    public static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(10);

    // Lock-free, so that a thread preempted while renting or returning never holds up the others: the
    // server runs more threads than this machine has cores.
    private readonly ConcurrentStack<Block> _free = new();
    private readonly ITimer _trimTimer;
    private int _freeCount;
    private int _lowWater;
    private volatile bool _disposed;

    /// <summary>Whether returns are checked by default: in Debug builds only.</summary>
#if DEBUG
    internal const bool CheckReturnsByDefault = true;
#else
    internal const bool CheckReturnsByDefault = false;
#endif

    /// <summary>A pool that releases idle blocks on <paramref name="time"/>'s clock; <paramref name="checkReturns"/> sets <see cref="CheckReturns"/>.</summary>
    public LargeBlockMemoryPool(TimeProvider time, bool checkReturns = CheckReturnsByDefault)
    {
        ArgumentNullException.ThrowIfNull(time);
        CheckReturns = checkReturns;
        _trimTimer = time.CreateTimer(static pool => ((LargeBlockMemoryPool)pool!).Trim(), this, TrimInterval, TrimInterval);
    }

    public override int MaxBufferSize => BlockSize;

    /// <summary>Whether a block returned twice throws <see cref="InvalidOperationException"/> (an interlocked write per rent and return).</summary>
    internal bool CheckReturns { get; }

    /// <summary>How many blocks are free in the pool now.</summary>
    internal int FreeBlocks => Volatile.Read(ref _freeCount);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"the blocks of this pool are {BlockSize} bytes.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        // Last in, first out: the block returned last is the likeliest to be in the CPU's cache still.
        if (_free.TryPop(out var block))
        {
            var left = Interlocked.Decrement(ref _freeCount);
            // Racy by design: a low-water mark a little too high only delays a release by one interval.
            if (left < Volatile.Read(ref _lowWater))
            {
                Volatile.Write(ref _lowWater, left);
            }

            if (CheckReturns)
            {
                Volatile.Write(ref block.Returned, 0);
            }

            return block;
        }

        return new Block(this);
    }

    /// <summary>Releases the blocks that no rent needed since the last trim.</summary>
    internal void Trim()
    {
        var surplus = Volatile.Read(ref _lowWater);
        for (var i = 0; i < surplus && _free.TryPop(out _); i++)
        {
            Interlocked.Decrement(ref _freeCount);
        }

        Volatile.Write(ref _lowWater, Volatile.Read(ref _freeCount));
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _trimTimer.Dispose();
        _free.Clear();
    }

    private void Return(Block block)
    {
        if (CheckReturns && Interlocked.Exchange(ref block.Returned, 1) == 1)
        {
            throw new InvalidOperationException("a block of the large-block pool was returned twice: two owners would share it.");
        }

        if (_disposed)
        {
            return;
        }

        _free.Push(block);
        Interlocked.Increment(ref _freeCount);
    }

    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
        /// <summary>1 while the block is in the pool (kept only with <see cref="CheckReturns"/>).</summary>
        public int Returned;

        public Memory<byte> Memory { get; } = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public void Dispose() => pool.Return(this);
    }
}

/// <summary>Gives Kestrel's socket transport <see cref="LargeBlockMemoryPool"/>s.</summary>
internal sealed class LargeBlockMemoryPoolFactory(TimeProvider time) : IMemoryPoolFactory<byte>
{
    private readonly ConcurrentQueue<LargeBlockMemoryPool> _created = new();

    /// <summary>The pools this factory made (Kestrel makes one per I/O queue).</summary>
    internal IReadOnlyCollection<LargeBlockMemoryPool> Created => _created;

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new LargeBlockMemoryPool(time);
        _created.Enqueue(pool);
        return pool;
    }
}
