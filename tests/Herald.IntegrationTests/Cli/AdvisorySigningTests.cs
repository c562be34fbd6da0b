using Herald.Tests.Publishing;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary><c>ReleaseKey.ClearSign</c> checked by the real gpg on texts that test RFC 4880 §7's rules.</summary>
public sealed class AdvisorySigningTests(PublishingFixture keys) : IClassFixture<PublishingFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ClearSign_DashesTrailingSpacesCrLfAndUtf8_GpgAcceptsAndRecoversTheText()
    {
        const string text = "-----BEGIN PGP SIGNATURE-----\r\nline with trailing spaces   \r\n\ttabbed line\t\n- a list item\n--\nFrom the team: Roger Pau Monné\n\n\n";

        var signed = keys.Key.ClearSign(text, Now);

        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n- -----BEGIN PGP SIGNATURE-----\nline with trailing spaces\n\ttabbed line\n- - a list item\n- --\nFrom the team: Roger Pau Monné\n-----BEGIN PGP SIGNATURE-----\n", signed, StringComparison.Ordinal);
        var path = keys.Folder.WriteFile("tricky.asc", signed);
        var verified = keys.Gpg("--batch", "--verify", path);
        Assert.True(verified.ExitCode == 0, verified.Output);
        var output = keys.Folder.Combine("tricky.out");
        var decoded = keys.Gpg("--batch", "--yes", "--output", output, "--decrypt", path);
        Assert.True(decoded.ExitCode == 0, decoded.Output);
        Assert.Equal("-----BEGIN PGP SIGNATURE-----\nline with trailing spaces\n\ttabbed line\n- a list item\n--\nFrom the team: Roger Pau Monné", File.ReadAllText(output).TrimEnd('\n'));
    }

    [Fact]
    public void ClearSign_OneCharacterChanged_GpgRejects()
    {
        var signed = keys.Key.ClearSign("The embargo ends on 2030-01-01.\n", Now);
        var path = keys.Folder.WriteFile("changed.asc", signed.Replace("2030-01-01", "2030-01-02", StringComparison.Ordinal));

        var verified = keys.Gpg("--batch", "--verify", path);

        Assert.NotEqual(0, verified.ExitCode);
        Assert.Contains("BAD signature", verified.Output, StringComparison.Ordinal);
    }
}
