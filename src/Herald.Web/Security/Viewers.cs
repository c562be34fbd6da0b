using Herald.Advisories;
using Herald.Web.Editing;

namespace Herald.Web.Security;

/// <summary>
/// Who asks, resolved once per request by <see cref="ViewerMiddleware"/>, and whether the request came with
/// credentials at all (then its answer belongs to that one visitor: never stored, never validated, never
/// served from the output cache).
/// </summary>
public static class Viewers
{
    /// <summary>The viewer of <paramref name="context"/>: anonymous unless credentials were checked and accepted.</summary>
    public static Viewer Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ViewerFeature>()?.Viewer ?? Viewer.Anonymous;
    }

    /// <summary>
    /// Whether <paramref name="context"/> carries any credentials (an <c>Authorization</c> header, a member's or an
    /// account's session cookie), valid or not. Read from the request alone, so that the output cache and the
    /// validators can decide before anything is checked.
    /// </summary>
    public static bool HaveCredentials(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return request.Headers.Authorization.Count > 0
            || request.Cookies.ContainsKey(MemberAuth.CookieName)
            || request.Cookies.ContainsKey(EditingAuth.CookieName);
    }

    /// <summary>Sets the viewer of <paramref name="context"/>.</summary>
    internal static void Set(HttpContext context, Viewer viewer) => context.Features.Set(new ViewerFeature(viewer));
}

/// <summary>The viewer of a request, as a request feature.</summary>
/// <param name="Viewer">Who asks.</param>
public sealed record ViewerFeature(Viewer Viewer);
