namespace Herald.History;

/// <summary>
/// Reads a stream of NUL-terminated tokens (the output of <c>git … -z</c>) without copying the
/// stream into memory: one growing buffer, tokens handed out as spans valid until the next read.
/// </summary>
internal sealed class NulTokenReader
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public NulTokenReader(Stream stream) => _stream = stream;

    /// <summary>
    /// Reads the next token. At the end of the stream a final token without a terminating NUL is
    /// returned if it is not empty.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> token)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var nul = available.IndexOf((byte)0);
            if (nul >= 0)
            {
                token = available[..nul];
                _start += nul + 1;
                return true;
            }

            if (_eof)
            {
                token = available;
                _start = _end;
                return token.Length > 0;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
