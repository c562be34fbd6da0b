using System.Diagnostics;

namespace Herald.Web.Serving;

/// <summary>Hands every request to the <see cref="AccessLogWriter"/> once it has been answered.</summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, AccessLogWriter log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        // Captured first: re-executed error pages change the path while they run.
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value;
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var response = context.Response;
            var status = failed && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode;
            log.Add(new AccessLogEntry(clock.GetUtcNow(), method, path, query, status, started, Stopwatch.GetTimestamp(), context.Connection.RemoteIpAddress));
        }
    }
}
