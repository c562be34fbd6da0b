using Herald.Stats;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class IdentityMergerTests
{
    [Theory]
    [InlineData("Roger Pau Monné", "Roger Pau Monne")]
    [InlineData("Reima ISHII", "Reima Ishii")]
    [InlineData("Cédric  Bosdonnat", "cedric bosdonnat ")]
    [InlineData("Ｊａｎ Ｂｅｕｌｉｃｈ", "Jan Beulich")]
    public void Fold_VariantsOfOneName_Equal(string a, string b) =>
        Assert.Equal(IdentityMerger.Fold(a), IdentityMerger.Fold(b));

    [Theory]
    [InlineData("Jan Beulich", "Jan Beulich-Smith")]
    [InlineData("Ann Lee", "Anne Lee")]
    public void Fold_DifferentNames_Differ(string a, string b) =>
        Assert.NotEqual(IdentityMerger.Fold(a), IdentityMerger.Fold(b));

    [Theory]
    [InlineData("root@localhost", true)]
    [InlineData("user@localhost.localdomain", true)]
    [InlineData("noreply@github.com", true)]
    [InlineData("no-reply@example.org", true)]
    [InlineData("", true)]
    [InlineData("roger.pau@citrix.com", false)]
    [InlineData("12345+someone@users.noreply.github.com", false)]
    public void IsGenericAddress_KnownAddresses_AsExpected(string address, bool generic) =>
        Assert.Equal(generic, IdentityMerger.IsGenericAddress(address));
}
