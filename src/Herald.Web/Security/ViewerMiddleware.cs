using System.Security.Claims;
using Herald.Accounts;
using Herald.Advisories;
using Herald.Web.Editing;
using Microsoft.AspNetCore.Authentication;

namespace Herald.Web.Security;

/// <summary>
/// Resolves the viewer of a request that carries credentials, once, before the endpoint: a pre-disclosure token
/// (<c>Authorization: Bearer hpd_…</c>), a member's session (<see cref="MemberAuth"/>), an account's session
/// (<see cref="EditingAuth"/>: the security team when the account has <see cref="Role.Security"/>). The most
/// privileged of what is valid wins. A request without credentials is not touched (anonymous, no database read).
/// </summary>
/// <remarks>
/// A wrong or malformed member token is refused with 401 and <c>WWW-Authenticate: Bearer</c>, the same whatever was
/// asked (never a hint whether an advisory exists); failures are counted per client address
/// (<see cref="TokenThrottle"/>: then 429) and logged with the address, never the token. A bearer token that is
/// not a member's (the admin token of <c>/api/refresh</c>) is left to its endpoint, except on the advisory routes.
/// </remarks>
internal sealed partial class ViewerMiddleware(RequestDelegate next, PortalState state, TimeProvider clock, TokenThrottle throttle, ILogger<ViewerMiddleware> logger)
{
    /// <summary>Set in <see cref="HttpContext.Items"/> while the account session is checked for a viewer (outside editing routes).</summary>
    internal const string ResolvingKey = "herald:resolving-viewer";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Viewers.HaveCredentials(context))
        {
            await next(context);
            return;
        }

        var viewer = Viewer.Anonymous;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            if (token.StartsWith(PredisclosureList.TokenPrefix, StringComparison.Ordinal) || IsAdvisoryRoute(context.Request.Path))
            {
                var member = await MemberByTokenAsync(context, token);
                if (member is null)
                {
                    return;
                }

                viewer = member.AsViewer();
            }
        }

        if (context.Request.Cookies.ContainsKey(MemberAuth.CookieName) && await MemberBySessionAsync(context) is { } sessionMember)
        {
            viewer = Higher(viewer, sessionMember.AsViewer());
        }

        if (context.Request.Cookies.ContainsKey(EditingAuth.CookieName) && await AccountAsync(context) is { } account)
        {
            viewer = Higher(viewer, account);
        }

        Viewers.Set(context, viewer);
        await next(context);
    }

    /// <summary>The routes where any bearer token is taken as a member's.</summary>
    internal static bool IsAdvisoryRoute(PathString path) =>
        path.StartsWithSegments("/advisories") || path.StartsWithSegments("/api/advisories")
        || path.Equals("/advisories.json", StringComparison.OrdinalIgnoreCase) || path.Equals("/feeds/advisories.atom", StringComparison.OrdinalIgnoreCase);

    private static Viewer Higher(Viewer a, Viewer b) => Rank(b.Kind) > Rank(a.Kind) ? b : a;

    private static int Rank(ViewerKind kind) => kind switch
    {
        ViewerKind.Security => 3,
        ViewerKind.Member => 2,
        ViewerKind.Account => 1,
        _ => 0,
    };

    // The member of a bearer token, or null after answering 401 (wrong, removed, malformed) or 429 (too many failures).
    private async Task<PredisclosureMember?> MemberByTokenAsync(HttpContext context, string token)
    {
        var address = Editing.SignInThrottle.AddressOf(context);
        if (throttle.IsBlocked(address))
        {
            LogThrottled(logger, address);
            await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many wrong tokens from this address; wait a few minutes and try again.");
            return null;
        }

        PredisclosureMember? member = null;
        if (state.View.Database is { } database)
        {
            member = await new PredisclosureList(database, clock).FindByTokenAsync(token, context.RequestAborted);
        }

        if (member is null)
        {
            throttle.Failed(address);
            LogRefused(logger, address);
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "The token is not valid.");
        }

        return member;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string text)
    {
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    // The member of a session cookie, checked against the list: a removed member (or a new token) ends the session.
    private async Task<PredisclosureMember?> MemberBySessionAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(MemberAuth.Scheme);
        if (!result.Succeeded || state.View.Database is not { } database)
        {
            return null;
        }

        var email = result.Principal.FindFirstValue(ClaimTypes.Name);
        var hash = result.Principal.FindFirstValue(MemberAuth.TokenHashClaim);
        PredisclosureMember? member = null;
        if (email is not null && hash is not null)
        {
            member = await new PredisclosureList(database, clock).FindByHashAsync(email, hash, context.RequestAborted);
        }

        if (member is null)
        {
            LogSessionEnded(logger, Editing.SignInThrottle.Printable(email ?? "?"), Editing.SignInThrottle.AddressOf(context));
            await context.SignOutAsync(MemberAuth.Scheme);
        }

        return member;
    }

    // The account of a session cookie (SessionCheck compares its stamp with the account's now).
    private static async Task<Viewer?> AccountAsync(HttpContext context)
    {
        context.Items[ResolvingKey] = true;
        try
        {
            var result = await context.AuthenticateAsync(EditingAuth.Scheme);
            if (!result.Succeeded)
            {
                return null;
            }

            var name = result.Principal.FindFirstValue(ClaimTypes.Name);
            return new Viewer(Role.IsSecurityTeam(EditingAuth.Roles(result.Principal)) ? ViewerKind.Security : ViewerKind.Account, name);
        }
        finally
        {
            context.Items.Remove(ResolvingKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-disclosure token refused from {Address}.")]
    private static partial void LogRefused(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-disclosure token attempts refused from {Address}: too many failures.")]
    private static partial void LogThrottled(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member session of {Email} from {Address} ended: no longer on the pre-disclosure list with that token.")]
    private static partial void LogSessionEnded(ILogger logger, string email, string address);
}
