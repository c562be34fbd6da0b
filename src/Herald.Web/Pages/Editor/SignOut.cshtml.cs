using Herald.Web.Editing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages.Editor;

/// <summary>Ends the session (a form, so that no link or image can sign anyone out).</summary>
public sealed class SignOutModel : PageModel
{
    /// <summary>Shows the button.</summary>
    public void OnGet() => ViewData["Title"] = "Sign out";

    /// <summary>Removes the session cookie, then shows the sign-in page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(EditingAuth.Scheme);
        return LocalRedirect(EditingAuth.SignInPath);
    }
}
