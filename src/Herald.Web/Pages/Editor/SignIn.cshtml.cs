using System.ComponentModel.DataAnnotations;
using Herald.Accounts;
using Herald.Web.Editing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Herald.Web.Pages.Editor;

/// <summary>
/// The sign-in form: a name and a password checked against the accounts; then back to the local page
/// that sent the visitor here. Failures are logged and counted (<see cref="SignInThrottle"/>).
/// </summary>
[EnableRateLimiting(EditingAuth.SignInAttempts)]
public sealed partial class SignInModel(PortalState state, TimeProvider clock, SignInThrottle throttle, ILogger<SignInModel> logger) : PageModel
{
    /// <summary>The account name.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Give your account name.")]
    [StringLength(64, ErrorMessage = "An account name has at most 64 characters.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The password (never shown again, never logged).</summary>
    [BindProperty]
    [Required(ErrorMessage = "Give your password.")]
    [StringLength(256, ErrorMessage = "A password has at most 256 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    /// <summary>Where to go after signing in: a path on this site, else the list of posts.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether attempts are refused for a while.</summary>
    public bool TooMany { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet() => Prepare();

    /// <summary>Checks the name and password; signs in and goes back, or shows the form again with why not.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Prepare();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var address = SignInThrottle.AddressOf(HttpContext);
        if (throttle.IsBlocked(address, Name))
        {
            LogThrottled(logger, SignInThrottle.Printable(Name), address);
            TooMany = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (state.View.Database is not { } database)
        {
            ModelState.AddModelError(string.Empty, "The portal is still starting; try again in a minute.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        var account = await new AccountStore(database, clock).VerifyAsync(Name, Password, HttpContext.RequestAborted);
        Password = string.Empty;
        if (account is null)
        {
            throttle.Failed(address, Name);
            LogFailed(logger, SignInThrottle.Printable(Name), address);
            ModelState.AddModelError(string.Empty, "The name or the password is wrong.");
            return Page();
        }

        await HttpContext.SignInAsync(EditingAuth.Scheme, EditingAuth.Principal(account), new AuthenticationProperties { IsPersistent = false });
        LogSignedIn(logger, account.Name, address);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/editor");
    }

    private void Prepare()
    {
        ViewData["Title"] = "Sign in";
        if (state.View.Snapshot is { } snapshot)
        {
            ViewData["Project"] = snapshot.ProjectName;
        }

        // Only a path on this site is ever followed; anything else is dropped here, not just at the redirect.
        if (!Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for {Name} from {Address}.")]
    private static partial void LogFailed(ILogger logger, string name, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {Name} from {Address}: too many failures.")]
    private static partial void LogThrottled(ILogger logger, string name, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name} signed in from {Address}.")]
    private static partial void LogSignedIn(ILogger logger, string name, string address);
}
