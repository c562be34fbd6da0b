using Herald.Configuration;
using Herald.History;
using Herald.Mail;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary><c>[mail]</c>: the server, sender, lists and where the password is; every mistake names the file and key.</summary>
public sealed class MailSettingsTests : IDisposable
{
    private const string Valid = """
        [mail]
        smtp = "smtp://mail.example.org:587"
        from = "Xen Project <announce@xenproject.org>"
        lists = ["xen-devel@lists.xenproject.org", "xen-announce@lists.xenproject.org"]
        """;

    private readonly TempDirectory _files = TempDirectory.Create();

    private string ConfigPath => _files.Combine(ConfigLoader.FileName);

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_Minimal_HasTheServerSenderListsAndDefaults()
    {
        var mail = Read(Valid)!;

        Assert.Equal("mail.example.org", mail.Server.Host);
        Assert.Equal(587, mail.Port);
        Assert.False(mail.UsesTlsOnConnect);
        Assert.Equal(MailStartTls.Auto, mail.StartTls);
        Assert.Equal("Xen Project <announce@xenproject.org>", mail.From);
        Assert.Equal(["xen-devel@lists.xenproject.org", "xen-announce@lists.xenproject.org"], mail.Lists);
        Assert.Null(mail.Username);
        Assert.Null(mail.ReadPassword());
        Assert.Equal(3, mail.Retries);
        Assert.Equal(TimeSpan.FromSeconds(1), mail.RetryDelay);
    }

    [Fact]
    public void Read_NoMailTable_IsNull()
    {
        Assert.Null(Read("[project]\nname = \"Xen\"\n"));
    }

    [Fact]
    public void Read_SmtpsWithoutPort_IsTlsOnConnectOnPort465()
    {
        var mail = Read(Valid.Replace("smtp://mail.example.org:587", "smtps://mail.example.org", StringComparison.Ordinal))!;

        Assert.True(mail.UsesTlsOnConnect);
        Assert.Equal(465, mail.Port);
    }

    [Fact]
    public void Read_SmtpWithoutPort_IsPort25()
    {
        Assert.Equal(25, Read(Valid.Replace(":587", string.Empty, StringComparison.Ordinal))!.Port);
    }

    [Theory]
    [InlineData("required", MailStartTls.Required)]
    [InlineData("never", MailStartTls.Never)]
    [InlineData("auto", MailStartTls.Auto)]
    public void Read_StartTls_IsTheModeNamed(string value, MailStartTls expected)
    {
        Assert.Equal(expected, Read(Valid + $"\nstarttls = \"{value}\"\n")!.StartTls);
    }

    [Fact]
    public void Read_StartTlsUnknown_SaysTheValuesAllowed()
    {
        var error = ReadFails(Valid + "\nstarttls = \"yes\"\n");

        Assert.StartsWith($"{ConfigPath}:5: ", error.Message);
        Assert.Contains("mail.starttls \"yes\" must be \"auto\"", error.Message);
    }

    [Fact]
    public void Read_StartTlsWithSmtps_IsRejected()
    {
        var error = ReadFails(Valid.Replace("smtp://", "smtps://", StringComparison.Ordinal) + "\nstarttls = \"required\"\n");

        Assert.Contains("mail.starttls is only read with smtp://", error.Message);
    }

    [Theory]
    [InlineData("http://mail.example.org")]
    [InlineData("mail.example.org:25")]
    [InlineData("smtp://mail.example.org:25/path")]
    [InlineData("smtp:/mail")]
    public void Read_BadServerUrl_NamesFileLineAndTheTwoSchemes(string url)
    {
        var error = ReadFails(Valid.Replace("smtp://mail.example.org:587", url, StringComparison.Ordinal));

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains($"mail.smtp \"{url}\" must be smtp://host:port", error.Message);
        Assert.Contains("smtps://host:port", error.Message);
    }

    [Fact]
    public void Read_PasswordInTheUrl_IsRejected()
    {
        var error = ReadFails(Valid.Replace("smtp://", "smtp://user:secret@", StringComparison.Ordinal));

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("must not hold a user name or password", error.Message);
    }

    [Fact]
    public void Read_PasswordKey_IsRejectedPointingToPasswordEnvAndPasswordFile()
    {
        var error = ReadFails(Valid + "\nusername = \"herald\"\npassword = \"hunter2\"\n");

        Assert.StartsWith($"{ConfigPath}:6: mail.password: ", error.Message);
        Assert.Contains("must not be written in the configuration file", error.Message);
        Assert.Contains("password_env", error.Message);
        Assert.Contains("password_file", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Read_PasswordEnv_ReadsThePasswordFromTheVariableWhenAsked()
    {
        var variable = "HERALD_TEST_SMTP_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var mail = Read(Valid + $"\nusername = \"herald\"\npassword_env = \"{variable}\"\n")!;
        Environment.SetEnvironmentVariable(variable, "s3cret");
        try
        {
            Assert.Equal("herald", mail.Username);
            Assert.Equal(variable, mail.PasswordEnvironmentVariable);
            Assert.Equal("s3cret", mail.ReadPassword());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void ReadPassword_VariableNotSet_NamesTheVariable()
    {
        var mail = Read(Valid + "\nusername = \"herald\"\npassword_env = \"HERALD_TEST_SMTP_UNSET_VARIABLE\"\n")!;

        var error = Assert.Throws<HeraldException>(mail.ReadPassword);

        Assert.Contains("the environment variable HERALD_TEST_SMTP_UNSET_VARIABLE ([mail] password_env) is not set", error.Message);
    }

    [Fact]
    public void Read_PasswordFile_IsRelativeToTheConfigurationFolderAndLosesItsLineBreak()
    {
        _files.WriteFile("secrets/smtp", "s3cret\n");
        var mail = Read(Valid + "\nusername = \"herald\"\npassword_file = \"secrets/smtp\"\n")!;

        Assert.Equal(_files.Combine("secrets", "smtp"), mail.PasswordFile);
        Assert.Equal("s3cret", mail.ReadPassword());
    }

    [Fact]
    public void ReadPassword_FileMissing_NamesTheFile()
    {
        var mail = Read(Valid + "\nusername = \"herald\"\npassword_file = \"missing\"\n")!;

        var error = Assert.Throws<HeraldException>(mail.ReadPassword);

        Assert.StartsWith($"{_files.Combine("missing")}: cannot read the SMTP password", error.Message);
    }

    [Fact]
    public void Read_UsernameWithoutPassword_SaysWhereThePasswordGoes()
    {
        var error = ReadFails(Valid + "\nusername = \"herald\"\n");

        Assert.StartsWith($"{ConfigPath}:5: ", error.Message);
        Assert.Contains("username needs a password: password_env", error.Message);
    }

    [Fact]
    public void Read_BothPasswordEnvAndFile_IsRejected()
    {
        var error = ReadFails(Valid + "\nusername = \"u\"\npassword_env = \"P\"\npassword_file = \"p\"\n");

        Assert.Contains("has both password_env and password_file", error.Message);
    }

    [Fact]
    public void Read_PasswordEnvNotAVariableName_IsRejected()
    {
        var error = ReadFails(Valid + "\nusername = \"u\"\npassword_env = \"$HOME\"\n");

        Assert.StartsWith($"{ConfigPath}:6: ", error.Message);
        Assert.Contains("must be the name of an environment variable", error.Message);
    }

    [Fact]
    public void Read_MissingFrom_SaysWhatFromIs()
    {
        var error = ReadFails(Valid.Replace("from = \"Xen Project <announce@xenproject.org>\"", string.Empty, StringComparison.Ordinal));

        Assert.StartsWith($"{ConfigPath}: ", error.Message);
        Assert.Contains("[mail] needs 'from'", error.Message);
    }

    [Theory]
    [InlineData("announce")]
    [InlineData("Xen Project <announce@>")]
    [InlineData("not an address at all")]
    public void Read_BadFrom_NamesTheKeyAndValue(string from)
    {
        var error = ReadFails(Valid.Replace("Xen Project <announce@xenproject.org>", from, StringComparison.Ordinal));

        Assert.StartsWith($"{ConfigPath}:3: ", error.Message);
        Assert.Contains($"mail.from \"{from}\" is not an email address", error.Message);
    }

    [Fact]
    public void Read_BadListAddress_NamesTheList()
    {
        var error = ReadFails(Valid.Replace("xen-announce@lists.xenproject.org", "xen-announce", StringComparison.Ordinal));

        Assert.StartsWith($"{ConfigPath}:4: ", error.Message);
        Assert.Contains("mail.lists: \"xen-announce\" is not an email address", error.Message);
    }

    [Fact]
    public void Read_NoLists_SaysWhatListsAre()
    {
        var error = ReadFails(Valid.Replace("lists = [\"xen-devel@lists.xenproject.org\", \"xen-announce@lists.xenproject.org\"]", string.Empty, StringComparison.Ordinal));

        Assert.Contains("[mail] needs 'lists'", error.Message);
    }

    [Fact]
    public void Read_RetrySettings_AreRead()
    {
        var mail = Read(Valid + "\nretries = 0\nretry_delay_seconds = 30\n")!;

        Assert.Equal(0, mail.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), mail.RetryDelay);
    }

    [Fact]
    public void Load_HeraldToml_HasTheMailSettings()
    {
        using var repo = RepoBuilder.Create().Commit("Initial import");
        repo.WriteFile(ConfigLoader.FileName, Valid + "\n");

        var config = ConfigLoader.Load(GitRepository.Open(repo.Path), null, repo.Path);

        Assert.Equal("announce@xenproject.org", MailSettings.ParseAddress(config.Mail!.From)!.Address);
    }

    private MailSettings? Read(string toml)
    {
        var path = _files.WriteFile(ConfigLoader.FileName, toml);
        return MailSettings.Read(TomlSection.Root(TomlDocument.Load(path), MailSettings.Key, "project"));
    }

    private HeraldException ReadFails(string toml) => Assert.Throws<HeraldException>(() => Read(toml));
}
