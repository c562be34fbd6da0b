using System.Security.Claims;
using System.Threading.RateLimiting;
using Herald.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Editing;

/// <summary>
/// Who may edit, in one place: the session cookie, the policies by role, antiforgery, the limits on
/// sign-in attempts and where the keys protecting cookies live. A new role's pages (a security team's)
/// need one more policy here and an <c>[Authorize(Policy = …)]</c> on them.
/// </summary>
public static class EditingAuth
{
    /// <summary>The authentication scheme of a signed-in account (a cookie).</summary>
    public const string Scheme = "herald-account";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "herald-session";

    /// <summary>An account on the security team (<see cref="Role.IsSecurityTeam"/>): every advisory, drafts included.</summary>
    public const string SecurityTeam = "security";

    /// <summary>Any signed-in account, whatever its roles (signing out, the page saying what a role may not do).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>An account that may write, publish and mail news (<see cref="Role.CanEditNews"/>).</summary>
    public const string NewsEditor = "news-editor";

    /// <summary>The rate-limiter policy of the sign-in form: every attempt, per client address.</summary>
    public const string SignInAttempts = "sign-in-attempts";

    /// <summary>The claim carrying the account's <see cref="Account.Stamp"/> when it signed in.</summary>
    public const string StampClaim = "herald:stamp";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/editor/sign-in";

    /// <summary>Registers authentication, authorization, antiforgery, data protection and the sign-in limits.</summary>
    public static void AddEditing(WebApplicationBuilder builder, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var services = builder.Services;
        var protection = services.AddDataProtection().SetApplicationName("herald");
        if (options.Data is { } data)
        {
            // Beside Herald's other keys, outside the repository: sessions and forms survive a restart. The
            // key files are not encrypted at rest (no key store on Linux), so only their owner may read them.
            protection.PersistKeysToFileSystem(KeyFolder(data));
        }

        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            Serving.SessionCookies.Apply(cookie, CookieName, SignInPath);
            cookie.LogoutPath = "/editor/sign-out";
            cookie.AccessDeniedPath = "/editor/denied";
            cookie.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(policies =>
        {
            policies.AddPolicy(SignedIn, Account().Build());
            policies.AddPolicy(NewsEditor, Account().RequireAssertion(c => Role.CanEditNews(Roles(c.User))).Build());
            policies.AddPolicy(SecurityTeam, Account().RequireAssertion(c => Role.IsSecurityTeam(Roles(c.User))).Build());
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "herald-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<RazorPagesOptions>(pages =>
        {
            // Every page under /editor needs a session unless it says otherwise (fail closed), and is an editing answer.
            pages.Conventions.AuthorizeFolder("/Editor", SignedIn);
            pages.Conventions.AllowAnonymousToPage("/Editor/SignIn");
            pages.Conventions.AddFolderApplicationModelConvention("/Editor", page => page.EndpointMetadata.Add(EditingEndpoint.Instance));
            pages.Conventions.AddPageRoute("/Editor/Post", "editor/new");
            // A member's sign-in and sign-out take forms and set a session: answers for one person, like editing.
            pages.Conventions.AddPageApplicationModelConvention("/Advisories/SignIn", page => page.EndpointMetadata.Add(EditingEndpoint.Instance));
            pages.Conventions.AddPageApplicationModelConvention("/Advisories/SignOut", page => page.EndpointMetadata.Add(EditingEndpoint.Instance));
        });
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PostMailer>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A cap on attempts of any outcome, so that the password hashing cannot be made to run without end
            // from one address; SignInThrottle counts the failures, per address and per name.
            limiter.AddPolicy(SignInAttempts, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(SignInThrottle.AddressOf(context), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = 30,
                    Window = SignInThrottle.Window,
                    SegmentsPerWindow = 5,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address; wait a few minutes and try again.", cancellationToken);
            };
        });
    }

    /// <summary>The principal of <paramref name="account"/> as a session carries it: name, roles and stamp.</summary>
    public static ClaimsPrincipal Principal(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(StampClaim, account.Stamp) };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The roles <paramref name="user"/> holds.</summary>
    public static IEnumerable<string> Roles(ClaimsPrincipal user) =>
        user?.FindAll(ClaimTypes.Role).Select(c => c.Value) ?? [];

    /// <summary>The folder of the keys that protect sessions and forms, under the data folder <paramref name="data"/>.</summary>
    public static DirectoryInfo KeyFolder(string data)
    {
        var path = Path.Combine(data, "keys", "dataprotection");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static AuthorizationPolicyBuilder Account() => new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser();

    // Pages go to the sign-in (or the refusal) page, by a path on this site (not an absolute address built from
    // the Host header); the API answers with the bare status, which its clients understand.
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
        context.Response.Redirect(target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri);
        return Task.CompletedTask;
    }
}
