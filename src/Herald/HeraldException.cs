namespace Herald;

/// <summary>
/// An error the user can cause and fix: a bad configuration, an unknown tag or ref, malformed input,
/// a repository Herald cannot read. The message names the value and says what to do; front ends print
/// it without a stack trace and exit with code 1.
/// </summary>
public sealed class HeraldException : Exception
{
    /// <summary>Creates an error with a message meant for the user.</summary>
    public HeraldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message meant for the user and the exception that caused it.</summary>
    public HeraldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
