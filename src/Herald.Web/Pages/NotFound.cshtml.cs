using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages;

/// <summary>The page for addresses nothing answers (and other error statuses).</summary>
public sealed class NotFoundModel : PageModel
{
    /// <summary>What was not found.</summary>
    public string Message { get; private set; } = "Nothing is here.";

    /// <summary>Renders the page.</summary>
    public void OnGet(int? code)
    {
        var feature = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var path = feature?.OriginalPath ?? Request.Path.Value ?? "/";
        Message = code is null or 404 ? $"Nothing is at {path}." : $"{path} answered {code}.";
        ViewData["Title"] = "Not found";
        if (feature is null)
        {
            Response.StatusCode = 404;
        }
    }
}
