using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.Web.Serving;

/// <summary>What every session cookie of the portal is (an editor's, a pre-disclosure member's): one rule for both.</summary>
internal static class SessionCookies
{
    /// <summary>How long a session lasts without a request (each request moves it on).</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(8);

    /// <summary>
    /// Sets <paramref name="cookie"/> to a session cookie named <paramref name="name"/>: not readable by scripts, not
    /// sent by other sites' forms, secure when the request was, sliding for <see cref="Length"/>, signing in at
    /// <paramref name="signInPath"/>.
    /// </summary>
    public static void Apply(CookieAuthenticationOptions cookie, string name, string signInPath)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.Name = name;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = Length;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = signInPath;
    }
}
