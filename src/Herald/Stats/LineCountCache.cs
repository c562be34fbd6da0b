using System.Buffers.Binary;
using Herald.History;

namespace Herald.Stats;

/// <summary>
/// Per-commit line counts kept in Herald's data folder, keyed by commit id. A commit never changes, so an
/// entry can never be stale; a damaged or foreign file is ignored and rebuilt. Saved by writing a
/// temporary file and renaming it, so a crash never leaves half a cache.
/// </summary>
public sealed class LineCountCache
{
    private static ReadOnlySpan<byte> Magic => "HLC1"u8;

    private readonly string? _path;
    private readonly Dictionary<string, LineCounts> _entries;
    private readonly Lock _lock = new();
    private int _added;

    private LineCountCache(string? path, Dictionary<string, LineCounts> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>A cache that keeps nothing between runs.</summary>
    public static LineCountCache InMemory() => new(null, new Dictionary<string, LineCounts>(StringComparer.Ordinal));

    /// <summary>The number of commits cached.</summary>
    public int Count => _entries.Count;

    /// <summary>The number of commits added since the cache was opened.</summary>
    public int Added => _added;

    /// <summary>Opens the cache file at <paramref name="path"/>; a missing or unreadable file gives an empty cache.</summary>
    public static LineCountCache Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = new Dictionary<string, LineCounts>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                Read(File.ReadAllBytes(path), entries);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            entries.Clear();
        }

        return new LineCountCache(path, entries);
    }

    /// <summary>Looks up the counts of <paramref name="sha"/>.</summary>
    public bool TryGet(string sha, out LineCounts counts)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(sha, out counts);
        }
    }

    /// <summary>Records the counts of <paramref name="sha"/>.</summary>
    public void Add(string sha, LineCounts counts)
    {
        lock (_lock)
        {
            if (_entries.TryAdd(sha, counts))
            {
                _added++;
            }
        }
    }

    /// <summary>Writes the cache when anything was added; failures to write are not errors (it is a cache).</summary>
    public void Save()
    {
        lock (_lock)
        {
            SaveLocked();
        }
    }

    private void SaveLocked()
    {
        if (_path is null || _added == 0 || _entries.Count == 0)
        {
            return;
        }

        var idLength = _entries.Keys.First().Length / 2;
        var records = _entries.Where(e => e.Key.Length == idLength * 2).ToList();
        var recordLength = idLength + 12;
        var buffer = new byte[8 + (records.Count * recordLength)];
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), idLength);
        var offset = 8;
        foreach (var (sha, counts) in records)
        {
            Convert.FromHexString(sha, buffer.AsSpan(offset, idLength), out _, out _);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset + idLength), counts.Added);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset + idLength + 4), counts.Removed);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset + idLength + 8), counts.Files);
            offset += recordLength;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, buffer);
            File.Move(temporary, _path, overwrite: true);
            _added = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time on the next run.
        }
    }

    private static void Read(ReadOnlySpan<byte> data, Dictionary<string, LineCounts> entries)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a line count cache");
        }

        var idLength = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (idLength is not (20 or 32))
        {
            throw new InvalidDataException("unknown object id length");
        }

        var recordLength = idLength + 12;
        var body = data[8..];
        if (body.Length % recordLength != 0)
        {
            throw new InvalidDataException("truncated cache");
        }

        entries.EnsureCapacity(body.Length / recordLength);
        for (var offset = 0; offset < body.Length; offset += recordLength)
        {
            var record = body.Slice(offset, recordLength);
            var sha = Convert.ToHexStringLower(record[..idLength]);
            entries[sha] = new LineCounts(
                BinaryPrimitives.ReadInt32LittleEndian(record[idLength..]),
                BinaryPrimitives.ReadInt32LittleEndian(record[(idLength + 4)..]),
                BinaryPrimitives.ReadInt32LittleEndian(record[(idLength + 8)..]));
        }
    }
}
