using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using System.CommandLine;
using Herald.Web;

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
        var inlineIo = new Option<bool>("--inline-io") { Description = "Handle requests on the socket threads that read them (faster; false hands each to the thread pool).", DefaultValueFactory = _ => true, HelpName = "true|false" };
        var interval = new Option<int>("--refresh") { Description = "Seconds between index refreshes.", DefaultValueFactory = _ => 300, HelpName = "SECONDS" };
        var command = new Command("serve", """
            The release portal: indexes the repository on start, then serves pages (/, /releases,
            /releases/VERSION, /series/SERIES, /log/REF, /commit/SHA, /acknowledgements/VERSION), Atom
            feeds (/feeds/releases.atom, /feeds/series/SERIES.atom), the JSON API (/api/releases,
            /api/releases/VERSION, /api/series, /api/status, /api/contains/SHA, /openapi/v1.json) and
            /healthz. Refreshes on an interval and on POST /api/refresh with the admin token.

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
        command.SetAction(async (result, cancellationToken) =>
        {
            // First of all: the runtime reads this switch once, when the process first uses a socket, and on
            // Linux reading a child process's output asynchronously (git, when the project is opened) does.
            var inline = result.GetValue(inlineIo);
            SocketThreads.PrepareProcess(inline);
            var project = common.Open(result, console);
            var log = result.GetRequiredValue(accessLog);
            // Fail before indexing, naming the file, rather than when the server starts.
            AccessLog.CheckWritable(log);

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
            };
            var app = PortalApp.Build([], options, builder => builder.WebHost.UseUrls(result.GetRequiredValue(urls)));
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
