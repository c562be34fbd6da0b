using System.Security.Claims;
using Herald.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.Web.Editing;

/// <summary>
/// Checks a session against its account on every editing request: a session whose account is gone, or whose
/// stamp is not the account's now (a new password, other roles), is refused and its cookie removed.
/// </summary>
internal static partial class SessionCheck
{
    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        // Only editing routes take the session, and the viewer of advisories (the security team): other public pages
        // are the same for everyone and read no account.
        if (!EditingEndpoint.Is(http) && !http.Items.ContainsKey(Security.ViewerMiddleware.ResolvingKey))
        {
            context.RejectPrincipal();
            return;
        }

        var name = context.Principal?.FindFirstValue(ClaimTypes.Name);
        var stamp = context.Principal?.FindFirstValue(EditingAuth.StampClaim);
        var database = http.RequestServices.GetRequiredService<PortalState>().View.Database;
        Account? account = null;
        if (name is not null && stamp is not null && database is not null)
        {
            account = await new AccountStore(database, http.RequestServices.GetRequiredService<TimeProvider>()).FindAsync(name, http.RequestAborted);
        }

        if (account is null || !string.Equals(account.Stamp, stamp, StringComparison.Ordinal))
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionCheck));
            LogRefused(logger, SignInThrottle.Printable(name ?? "?"), account is null ? "the account no longer exists" : "the account's password or roles changed");
            context.RejectPrincipal();
            await http.SignOutAsync(EditingAuth.Scheme);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session of {Name} refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string name, string reason);
}
