using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Herald.Web;

/// <summary>
/// Kestrel's buffers, in blocks of <see cref="BlockSize"/> instead of Kestrel's 4 KiB.
/// </summary>
/// <remarks>
/// <para>
/// Kestrel copies a response body into its output pipe one block at a time, and its socket sender gathers
/// the blocks into one send. A Xen release page of 280 KB took seventy 4 KiB blocks: renting, filling and
/// returning them was about a tenth of the server's time under load. With 64 KiB blocks it takes five (see
/// docs/benchmarks.md, "Portal").
/// </para>
/// <para>
/// Blocks are pinned arrays. Idle connections hold none: Kestrel rents a receive block only once data has
/// arrived, and returns output blocks once they are sent. The free list is a stack: the block returned
/// last, likely still in the CPU's cache, is rented first (Kestrel's own pool is a queue, which hands out
/// the coldest block). It keeps what the busiest moment needed; every <see cref="TrimInterval"/>, the blocks that stayed free through the whole interval (its
/// low-water mark) are released to the garbage collector, so a burst does not keep its memory forever.
/// </para>
/// </remarks>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    /// <summary>The size of every block.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>How often blocks unused for a whole interval are released.</summary>
    public static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly ITimer _trimTimer;
    private Block[] _free = new Block[64];
    private int _freeCount;
    private int _lowWater;
    private bool _disposed;

    public LargeBlockMemoryPool(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _trimTimer = time.CreateTimer(static pool => ((LargeBlockMemoryPool)pool!).Trim(), this, TrimInterval, TrimInterval);
    }

    public override int MaxBufferSize => BlockSize;

    /// <summary>How many blocks are free in the pool now.</summary>
    internal int FreeBlocks
    {
        get
        {
            lock (_lock)
            {
                return _freeCount;
            }
        }
    }

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"the blocks of this pool are {BlockSize} bytes.");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_freeCount > 0)
            {
                // Last in, first out: the block returned last is the likeliest to be in the CPU's cache still.
                var block = _free[--_freeCount];
                _free[_freeCount] = null!;
                _lowWater = Math.Min(_lowWater, _freeCount);
                return block;
            }
        }

        return new Block(this);
    }

    /// <summary>Releases the blocks that no rent needed since the last trim.</summary>
    internal void Trim()
    {
        lock (_lock)
        {
            // The surplus is taken from the bottom of the stack: the blocks unused for longest.
            var surplus = _lowWater;
            Array.Copy(_free, surplus, _free, 0, _freeCount - surplus);
            Array.Clear(_free, _freeCount - surplus, surplus);
            _freeCount -= surplus;
            _lowWater = _freeCount;
        }
    }

    protected override void Dispose(bool disposing)
    {
        _trimTimer.Dispose();
        lock (_lock)
        {
            _disposed = true;
            _free = [];
            _freeCount = 0;
        }
    }

    private void Return(Block block)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_freeCount == _free.Length)
            {
                Array.Resize(ref _free, _free.Length * 2);
            }

            _free[_freeCount++] = block;
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
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
