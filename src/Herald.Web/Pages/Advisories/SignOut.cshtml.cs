using Herald.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages.Advisories;

/// <summary>Ends a member's session (a form, so that no link or image can sign anyone out).</summary>
public sealed class SignOutModel : PageModel
{
    /// <summary>Shows the button.</summary>
    public void OnGet() => ViewData["Title"] = "Sign out";

    /// <summary>Removes the member's session cookie, then shows the advisories.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(MemberAuth.Scheme);
        return LocalRedirect("/advisories");
    }
}
