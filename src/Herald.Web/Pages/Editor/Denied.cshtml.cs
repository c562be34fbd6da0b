using Herald.Web.Editing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages.Editor;

/// <summary>Where a signed-in account is sent when its roles do not allow what it asked for: a 403.</summary>
public sealed class DeniedModel : PageModel
{
    /// <summary>The roles the account holds.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>Says why, with 403.</summary>
    public void OnGet()
    {
        ViewData["Title"] = "Not allowed";
        Roles = EditingAuth.Roles(User).ToArray();
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
