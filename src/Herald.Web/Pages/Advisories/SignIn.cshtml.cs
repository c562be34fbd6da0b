using System.ComponentModel.DataAnnotations;
using Herald.Advisories;
using Herald.Web.Editing;
using Herald.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages.Advisories;

/// <summary>
/// A pre-disclosure member signs in with the token: a session of its own (<see cref="MemberAuth"/>), then the
/// advisories. Failures are counted per address (<see cref="TokenThrottle"/>) and logged, never the token.
/// </summary>
public sealed partial class SignInModel(PortalState state, TimeProvider clock, TokenThrottle throttle, ILogger<SignInModel> logger) : PageModel
{
    /// <summary>The token (never shown again, never logged).</summary>
    [BindProperty]
    [Required(ErrorMessage = "Paste your token.")]
    [StringLength(100, ErrorMessage = "A token has 47 characters.")]
    [DataType(DataType.Password)]
    public string Token { get; set; } = string.Empty;

    /// <summary>Whether attempts are refused for a while.</summary>
    public bool TooMany { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet() => Prepare();

    /// <summary>Checks the token; signs in and shows the advisories, or shows the form again with why not.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Prepare();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var address = SignInThrottle.AddressOf(HttpContext);
        if (throttle.IsBlocked(address))
        {
            LogThrottled(logger, address);
            TooMany = true;
            Token = string.Empty;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (state.View.Database is not { } database)
        {
            ModelState.AddModelError(string.Empty, "The portal is still starting; try again in a minute.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        var token = Token.Trim();
        Token = string.Empty;
        var member = await new PredisclosureList(database, clock).FindByTokenAsync(token, HttpContext.RequestAborted);
        if (member is null)
        {
            throttle.Failed(address);
            LogFailed(logger, address);
            ModelState.AddModelError(string.Empty, "The token is not valid.");
            return Page();
        }

        await HttpContext.SignInAsync(MemberAuth.Scheme, MemberAuth.Principal(member, token), new AuthenticationProperties { IsPersistent = false });
        LogSignedIn(logger, member.Email, address);
        return LocalRedirect("/advisories");
    }

    private void Prepare()
    {
        ViewData["Title"] = "Pre-disclosure sign-in";
        if (state.View.Snapshot is { } snapshot)
        {
            ViewData["Project"] = snapshot.ProjectName;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-disclosure sign-in failed from {Address}.")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-disclosure sign-in refused from {Address}: too many failures.")]
    private static partial void LogThrottled(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-disclosure member {Email} signed in from {Address}.")]
    private static partial void LogSignedIn(ILogger logger, string email, string address);
}
