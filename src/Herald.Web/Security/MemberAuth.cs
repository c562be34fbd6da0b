using System.Security.Claims;
using Herald.Advisories;

namespace Herald.Web.Security;

/// <summary>
/// A pre-disclosure member's browser session: a cookie of its own scheme, made by <c>/advisories/sign-in</c> from the
/// member's token. It carries the member's address and the token's hash (never the token), and is checked against
/// the list on every request: a removed member, or one given a new token, is signed out at the next request.
/// </summary>
public static class MemberAuth
{
    /// <summary>The authentication scheme of a member's session.</summary>
    public const string Scheme = "herald-member";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "herald-member";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/advisories/sign-in";

    /// <summary>The claim carrying the SHA-256 of the token the member signed in with.</summary>
    public const string TokenHashClaim = "herald:token-hash";

    /// <summary>The claim carrying the member's organisation.</summary>
    public const string OrgClaim = "herald:org";

    /// <summary>Registers the member's cookie scheme and the counter of failed token attempts.</summary>
    public static void AddMembers(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            Serving.SessionCookies.Apply(cookie, CookieName, SignInPath);
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddSingleton<TokenThrottle>();
    }

    /// <summary>The principal of a member's session: address, organisation and the token's hash.</summary>
    public static ClaimsPrincipal Principal(PredisclosureMember member, string token)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(token);
        Claim[] claims = [new(ClaimTypes.Name, member.Email), new(OrgClaim, member.Org), new(TokenHashClaim, PredisclosureList.Hash(token))];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
