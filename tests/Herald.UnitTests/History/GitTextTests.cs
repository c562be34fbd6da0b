using System.Text;
using Herald.History;
using Xunit;

namespace Herald.Tests.History;

public sealed class GitTextTests
{
    [Fact]
    public void Decode_ValidUtf8_ReadsUtf8()
    {
        Assert.Equal("Jürgen Groß ✓", GitText.Decode(Encoding.UTF8.GetBytes("Jürgen Groß ✓")));
    }

    [Fact]
    public void Decode_Latin1Bytes_ReadsLatin1()
    {
        byte[] bytes = [0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x4e, 0xfa, 0xf1, 0x65, 0x7a];

        Assert.Equal("José Núñez", GitText.Decode(bytes));
    }

    [Fact]
    public void Decode_InvalidUtf8_LosesNoByte()
    {
        byte[] bytes = [0xc3, 0x28, 0xff, 0x41];

        var text = GitText.Decode(bytes);

        Assert.Equal(bytes, Encoding.Latin1.GetBytes(text));
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void Decode_Ascii_ReadsAscii()
    {
        Assert.Equal("plain", GitText.Decode("plain"u8));
    }

    [Fact]
    public void Decode_Empty_ReturnsEmptyString()
    {
        Assert.Equal(string.Empty, GitText.Decode([]));
    }
}
