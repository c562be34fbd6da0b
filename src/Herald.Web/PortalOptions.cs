namespace Herald.Web;

/// <summary>What the portal serves and how: the repository, configuration, data folder and database.</summary>
public sealed record PortalOptions
{
    /// <summary>The repository to index.</summary>
    public string Repository { get; init; } = ".";

    /// <summary>The configuration file, or null to look beside the repository.</summary>
    public string? Config { get; init; }

    /// <summary>The data folder, or null for the default.</summary>
    public string? Data { get; init; }

    /// <summary>A PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    public string? Database { get; init; }

    /// <summary>The token <c>POST /api/refresh</c> requires (Bearer); null disables the endpoint.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Where the request log goes: <c>-</c> for standard output, a file to append to, or <c>off</c> (also null).</summary>
    public string? AccessLog { get; init; }

    /// <summary>
    /// Whether requests are handled on the socket event threads that read them (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>) instead of being handed to the thread pool. With
    /// <see cref="SocketThreads.InlineCompletionsVariable"/> set for the process (<c>herald serve</c> does), this
    /// serves about a quarter more requests per second with a shorter tail. Safe here because a cached answer
    /// is only copied out of memory: what the output cache does not answer leaves for the thread pool
    /// (<see cref="SocketThreads.LeaveAsync"/>), and background loops run through <see cref="BackgroundWork"/>.
    /// </summary>
    public bool InlineIo { get; init; } = true;

    /// <summary>How often the index is refreshed.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often, between refreshes, a local artifact store is looked at for new publishes.</summary>
    public TimeSpan PublishCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads options from <c>--Herald:Repository=…</c> style arguments and <c>HERALD_*</c> variables.</summary>
    public static PortalOptions FromConfiguration(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("HERALD_")
            .AddCommandLine(args)
            .Build();
        return new PortalOptions
        {
            Repository = configuration["Repository"] ?? configuration["Herald:Repository"] ?? ".",
            Config = configuration["Config"] ?? configuration["Herald:Config"],
            Data = configuration["Data"] ?? configuration["Herald:Data"],
            Database = configuration["Database"] ?? configuration["Herald:Database"],
            AdminToken = configuration["AdminToken"] ?? configuration["Herald:AdminToken"],
            AccessLog = configuration["AccessLog"] ?? configuration["Herald:AccessLog"] ?? Herald.Web.AccessLog.StandardOutput,
        };
    }
}
