using System.Text.RegularExpressions;
using Herald.Configuration;
using MimeKit;

namespace Herald.Mail;

/// <summary>
/// <c>[mail]</c>: the SMTP server posts are sent through, who they come from and the mailing lists they go
/// to. The password is never in the file: it is read, when mail is sent, from an environment variable
/// (<c>password_env</c>) or a file (<c>password_file</c>).
/// </summary>
public sealed partial record MailSettings
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "mail";

    private static readonly string[] Keys =
        ["smtp", "starttls", "from", "lists", "username", "password_env", "password_file", "retries", "retry_delay_seconds"];

    /// <summary>
    /// The server (<c>smtp</c>): <c>smtp://host:port</c> (port 25 when absent; STARTTLS as <see cref="StartTls"/>
    /// says) or <c>smtps://host:port</c> (TLS from the first byte; port 465 when absent).
    /// </summary>
    public required Uri Server { get; init; }

    /// <summary>Whether an <c>smtp://</c> connection is upgraded with STARTTLS; not used for <c>smtps://</c>.</summary>
    public MailStartTls StartTls { get; init; } = MailStartTls.Auto;

    /// <summary>The sender (<c>from</c>), an address with an optional name, e.g. <c>Xen Project &lt;announce@xenproject.org&gt;</c>.</summary>
    public required string From { get; init; }

    /// <summary>The mailing lists (<c>lists</c>) a post goes to, each as a message of its own; at least one.</summary>
    public required IReadOnlyList<string> Lists { get; init; }

    /// <summary>The user name to authenticate as (<c>username</c>), or null to send without authentication.</summary>
    public string? Username { get; init; }

    /// <summary>The environment variable holding the password (<c>password_env</c>), or null.</summary>
    public string? PasswordEnvironmentVariable { get; init; }

    /// <summary>The file holding the password (<c>password_file</c>, absolute; one trailing line break ignored), or null.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>How many times a transient failure is retried (<c>retries</c>, 0 to 10; 3 by default).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>
    /// The wait before the first retry (<c>retry_delay_seconds</c>, 0 to 600; 1 second by default); it doubles
    /// before each further one, up to <see cref="Mailer.MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether <see cref="Server"/> is <c>smtps://</c>: TLS from the first byte.</summary>
    public bool UsesTlsOnConnect => Server.Scheme == "smtps";

    /// <summary>The server's port: the URL's, else 465 for <c>smtps://</c> and 25 for <c>smtp://</c>.</summary>
    public int Port => Server.IsDefaultPort || Server.Port < 0 ? (UsesTlsOnConnect ? 465 : 25) : Server.Port;

    /// <summary>
    /// The password of <see cref="Username"/>, read now from <see cref="PasswordEnvironmentVariable"/> or
    /// <see cref="PasswordFile"/>; null without a user name. A variable that is not set, or a file that cannot
    /// be read or is empty, is a <see cref="HeraldException"/> naming it.
    /// </summary>
    internal string? ReadPassword()
    {
        if (Username is null)
        {
            return null;
        }

        if (PasswordEnvironmentVariable is { } variable)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrEmpty(value)
                ? throw new HeraldException($"the environment variable {variable} ([mail] password_env) is not set; set it to the SMTP password of '{Username}'.")
                : value;
        }

        if (PasswordFile is { } file)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HeraldException($"{file}: cannot read the SMTP password ([mail] password_file): {e.Message}", e);
            }

            var password = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.TrimEnd('\n');
            return password.Length == 0
                ? throw new HeraldException($"{file}: the SMTP password file ([mail] password_file) is empty; write the password of '{Username}' in it.")
                : password;
        }

        throw new HeraldException($"[mail] username is '{Username}' but no password_env or password_file says where its password is.");
    }

    /// <summary>Reads <c>[mail]</c> of <paramref name="root"/>; null when the file has none.</summary>
    internal static MailSettings? Read(TomlSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.RejectKeyIn(Key, "password", $"{Key}.password: the SMTP password must not be written in the configuration file; use password_env = \"HERALD_SMTP_PASSWORD\" (an environment variable) or password_file = \"/run/secrets/smtp\" (a file) instead.");
        var section = root.Table(Key, Keys);
        if (!section.IsPresent)
        {
            return null;
        }

        var server = ReadServer(section);
        var lists = section.Strings("lists")
            ?? throw section.Error($"[{Key}] needs 'lists', the mailing lists posts go to, e.g. lists = [\"xen-devel@lists.xenproject.org\"].");
        foreach (var list in lists)
        {
            _ = ParseAddress(list) ?? throw section.Error("lists", $"{section.NameOf("lists")}: \"{list}\" is not an email address, e.g. \"xen-devel@lists.xenproject.org\".");
        }

        var from = section.String("from") ?? throw section.Error($"[{Key}] needs 'from', the sender, e.g. from = \"Xen Project <announce@xenproject.org>\".");
        _ = ParseAddress(from) ?? throw section.Error("from", $"{section.NameOf("from")} \"{from}\" is not an email address with an optional name, e.g. \"Xen Project <announce@xenproject.org>\".");

        var (username, variable, file) = ReadCredentials(section);
        return new MailSettings
        {
            Server = server,
            StartTls = ReadStartTls(section, server),
            From = from,
            Lists = lists,
            Username = username,
            PasswordEnvironmentVariable = variable,
            PasswordFile = file,
            Retries = section.Integer("retries", 0, 10) ?? 3,
            RetryDelay = TimeSpan.FromSeconds(section.Integer("retry_delay_seconds", 0, 600) ?? 1),
        };
    }

    /// <summary>
    /// <paramref name="text"/> as one mailbox (an address with a domain, optionally with a name), or null when
    /// it is none.
    /// </summary>
    internal static MailboxAddress? ParseAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < mailbox.Address.Length - 1
            ? mailbox
            : null;
    }

    private static Uri ReadServer(TomlSection section)
    {
        var text = section.String("smtp") ?? throw section.Error($"[{Key}] needs 'smtp', the server, e.g. smtp = \"smtp://mail.example.org:587\" or \"smtps://mail.example.org:465\".");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw section.Error("smtp", $"{section.NameOf("smtp")} \"{text}\" must be smtp://host:port (STARTTLS when offered) or smtps://host:port (TLS on connect), e.g. \"smtp://mail.example.org:587\".");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw section.Error("smtp", $"{section.NameOf("smtp")} must not hold a user name or password; write username = \"...\" and password_env or password_file instead.");
        }

        return uri;
    }

    private static MailStartTls ReadStartTls(TomlSection section, Uri server)
    {
        var text = section.String("starttls");
        if (text is null)
        {
            return MailStartTls.Auto;
        }

        if (server.Scheme == "smtps")
        {
            throw section.Error("starttls", $"{section.NameOf("starttls")} is only read with smtp:// (smtps:// is TLS on connect); remove it or use an smtp:// server.");
        }

        return text switch
        {
            "auto" => MailStartTls.Auto,
            "required" => MailStartTls.Required,
            "never" => MailStartTls.Never,
            _ => throw section.Error("starttls", $"{section.NameOf("starttls")} \"{text}\" must be \"auto\" (when the server offers it), \"required\" or \"never\"."),
        };
    }

    private static (string? Username, string? Variable, string? File) ReadCredentials(TomlSection section)
    {
        var username = section.String("username");
        var variable = section.String("password_env");
        var file = section.String("password_file");
        if (username is not null && username.Length == 0)
        {
            throw section.Error("username", $"{section.NameOf("username")} is empty; remove it to send without authentication.");
        }

        if (variable is not null && !EnvironmentVariableName().IsMatch(variable))
        {
            throw section.Error("password_env", $"{section.NameOf("password_env")} \"{variable}\" must be the name of an environment variable, e.g. \"HERALD_SMTP_PASSWORD\".");
        }

        if (file is not null && (file.Length == 0 || file.Any(char.IsControl)))
        {
            throw section.Error("password_file", $"{section.NameOf("password_file")} must be a file path, e.g. \"/run/secrets/smtp\".");
        }

        if (variable is not null && file is not null)
        {
            throw section.Error("password_file", $"[{Key}] has both password_env and password_file; keep one.");
        }

        if (username is null && (variable ?? file) is not null)
        {
            throw section.Error(variable is not null ? "password_env" : "password_file", $"[{Key}] has a password but no username; add username = \"...\".");
        }

        if (username is not null && variable is null && file is null)
        {
            throw section.Error("username", $"[{Key}] username needs a password: password_env = \"HERALD_SMTP_PASSWORD\" (an environment variable) or password_file = \"/run/secrets/smtp\" (a file).");
        }

        return (username, variable, file is null ? null : Path.GetFullPath(file, section.Folder));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
