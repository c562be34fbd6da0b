namespace Herald.Mail;

/// <summary>Whether a plain <c>smtp://</c> connection is upgraded with STARTTLS (<c>[mail] starttls</c>).</summary>
public enum MailStartTls
{
    /// <summary>When the server offers it (<c>"auto"</c>, the default).</summary>
    Auto,

    /// <summary>Always: a server that does not offer it is a failure (<c>"required"</c>).</summary>
    Required,

    /// <summary>Never: the connection stays in plain text (<c>"never"</c>), e.g. a relay on localhost.</summary>
    Never,
}
