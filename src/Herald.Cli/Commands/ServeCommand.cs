using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using System.CommandLine;
using System.Net.Sockets;
using Herald.Storage;
using Herald.Web;
using Herald.Web.Serving;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Herald.Cli.Commands;

/// <summary><c>herald serve</c>: the portal.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var database = IndexCommand.DatabaseOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080", HelpName = "URLS" };
        var token = new Option<string?>("--admin-token") { Description = "Token for POST /api/refresh (Authorization: Bearer TOKEN); default: $HERALD_ADMIN_TOKEN.", HelpName = "TOKEN" };
        var accessLog = new Option<string>("--access-log") { Description = "Where the request log goes (one JSON line per request): - for standard output, a file to append to, or off.", DefaultValueFactory = _ => AccessLog.StandardOutput, HelpName = "FILE" };
        var inlineIo = new Option<bool>("--inline-io") { Description = "Expert: handle requests on the socket threads that read them instead of the thread pool (default false; +27-46% requests/s on a cached release page in docs/benchmarks.md, but anything that blocks there stalls other connections; see docs/serving.md).", DefaultValueFactory = _ => false, HelpName = "true|false" };
        var blockPool = new Option<bool>("--block-pool") { Description = "Send and receive through herald's pool of 64 KiB blocks (default true); false uses Kestrel's own 4 KiB blocks.", DefaultValueFactory = _ => true, HelpName = "true|false" };
        // A diagnostic for tests and for checking a deployment: each response names the kind of thread its endpoint started on.
        var threadHeader = new Option<bool>("--thread-header") { Description = "Name the kind of thread (socket, pool, other) each endpoint started on in the X-Herald-Thread header.", Hidden = true };
        var knownProxy = new Option<string[]>("--known-proxy") { Description = "A reverse proxy whose X-Forwarded-For/-Proto/-Host headers are believed (repeatable; also [portal] known_proxies); from others they are ignored.", HelpName = "IP", AllowMultipleArgumentsPerToken = false };
        var interval = new Option<int>("--refresh") { Description = "Seconds between index refreshes.", DefaultValueFactory = _ => 300, HelpName = "SECONDS" };
        var command = new Command("serve", """
            The release portal: indexes the repository on start, then serves pages (/, /releases,
            /releases/VERSION, /series/SERIES, /log/REF, /commit/SHA, /acknowledgements/VERSION, /news,
            /news/SLUG, /news/category/CATEGORY), Atom feeds (/feeds/releases.atom, /feeds/series/SERIES.atom,
            /feeds/news.atom, /feeds/category/CATEGORY.atom), the JSON API (/api/releases,
            /api/releases/VERSION, /api/series, /api/status, /api/contains/SHA, /api/news, /api/news/SLUG,
            /openapi/v1.json) and /healthz. Editors ('herald user add NAME --role editor') sign in at
            /editor to write and publish posts. Refreshes on an interval and on POST /api/refresh with the
            admin token; posts written by 'herald post' or 'herald announce --publish' show within 2 s.

            Example:
              herald serve --repo ~/src/xen --urls http://0.0.0.0:8080
            """);
        common.AddTo(command);
        command.Options.Add(database);
        command.Options.Add(urls);
        command.Options.Add(token);
        command.Options.Add(interval);
        command.Options.Add(accessLog);
        command.Options.Add(inlineIo);
        command.Options.Add(blockPool);
        command.Options.Add(threadHeader);
        command.Options.Add(knownProxy);
        command.SetAction(async (result, cancellationToken) =>
        {
            // What can be checked without the repository is checked before the process environment changes.
            var listen = result.GetRequiredValue(urls);
            CheckUrls(listen);
            var log = result.GetRequiredValue(accessLog);
            // Fail before indexing, naming the file, rather than when the server starts.
            AccessLog.CheckWritable(log);
            // Then, before the repository is opened: the runtime reads this switch once, when the process first
            // uses a socket, and on Linux reading a child process's output asynchronously (git, when the project
            // is opened) does. Without --inline-io the environment is left alone.
            var proxies = KnownProxies(result.GetValue(knownProxy) ?? []);
            var inline = result.GetValue(inlineIo);
            SocketThreads.PrepareProcess(inline);
            var project = common.Open(result, console);
            // Else the portal would start and answer 503 for ever, its index never written. (The data folder's
            // default is named after the project, so it is known only once the repository is open.)
            DataFolder.EnsureWritable(project.DataDirectory);

            var options = new PortalOptions
            {
                Repository = project.Repository.Path,
                Config = project.Config.SourcePath,
                Data = project.DataDirectory,
                Database = result.GetValue(database),
                AdminToken = result.GetValue(token) ?? Environment.GetEnvironmentVariable("HERALD_ADMIN_TOKEN"),
                RefreshInterval = TimeSpan.FromSeconds(Math.Max(5, result.GetValue(interval))),
                AccessLog = log,
                InlineIo = inline,
                BlockPool = result.GetValue(blockPool),
                ThreadHeader = result.GetValue(threadHeader),
                KnownProxies = [.. proxies.Concat(project.Config.Portal.KnownProxies).Distinct()],
            };
            // While it starts, the host's own report of a failure (with a stack trace) is left out: the one line below says it.
            var starting = true;
            var app = PortalApp.Build([], options, builder =>
            {
                builder.WebHost.UseUrls(listen);
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Information && !Volatile.Read(ref starting));
            });
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                throw new HeraldException($"--urls '{listen}': the address is already in use by another process; stop that process or pass a free port, e.g. --urls http://127.0.0.1:8081.", e);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Unable to configure HTTPS endpoint", StringComparison.Ordinal))
            {
                throw new HeraldException($"--urls '{listen}': HTTPS needs a certificate and none is configured; set Kestrel__Certificates__Default__Path (and __Password), or listen on http:// behind a TLS proxy.", e);
            }
            catch (Exception e) when (e is IOException or SocketException or FormatException or ArgumentException)
            {
                throw new HeraldException($"--urls '{listen}': cannot listen there ({e.Message.TrimEnd('.')}); pass an address this machine has and a free port, e.g. --urls http://127.0.0.1:8081.", e);
            }

            Volatile.Write(ref starting, false);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static List<System.Net.IPAddress> KnownProxies(string[] values)
    {
        var proxies = new List<System.Net.IPAddress>();
        foreach (var value in values)
        {
            if (!System.Net.IPAddress.TryParse(value, out var address) || value.Count(c => c == '.') is not (0 or 3))
            {
                throw new HeraldException($"--known-proxy '{value}': not an IP address; pass the reverse proxy's address, e.g. --known-proxy 127.0.0.1.");
            }

            proxies.Add(address);
        }

        return proxies;
    }

    /// <summary>Refuses what Kestrel would reject (with a stack trace) when it starts.</summary>
    private static void CheckUrls(string value)
    {
        foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty(string.Empty))
        {
            // Kestrel's wildcard hosts are not host names to Uri; unix sockets have no port.
            var probe = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
            var valid = Uri.TryCreate(probe, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && (uri.Host.Length > 0 || probe.Contains("://unix:", StringComparison.OrdinalIgnoreCase));
            if (!valid)
            {
                throw new HeraldException($"--urls '{value}': '{url}' is not an address to listen on; write it as http://HOST:PORT (port 0-65535), e.g. --urls http://127.0.0.1:8080.");
            }
        }
    }
}
