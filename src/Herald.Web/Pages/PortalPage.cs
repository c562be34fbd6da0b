using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages;

/// <summary>What every page shares: the snapshot, the database, and a 404 that says what was not found.</summary>
public abstract class PortalPage(PortalState state) : PageModel
{
    /// <summary>The snapshot being served.</summary>
    public IndexSnapshot Snapshot { get; private set; } = null!;

    /// <summary>What was asked for and not found, or null.</summary>
    public string? Missing { get; private set; }

    private PortalView? _view;

    /// <summary>The portal state (its counters and mirror reports).</summary>
    protected PortalState State => state;

    /// <summary>What is served, read once for this request: every part of the page comes from the same view.</summary>
    protected PortalView View => _view ??= state.View;

    /// <summary>Checks the index is ready; null when it is, else the 503 to return.</summary>
    protected IActionResult? Ready()
    {
        if (View.Snapshot is not { } snapshot)
        {
            return new ContentResult { StatusCode = 503, Content = "The index is being built; try again in a minute.", ContentType = "text/plain" };
        }

        Snapshot = snapshot;
        ViewData["Project"] = snapshot.ProjectName;
        return null;
    }

    /// <summary>A 404 page naming what was not found.</summary>
    protected IActionResult NotFoundPage(string what)
    {
        Missing = what;
        ViewData["Title"] = "Not found";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>A new database context (the caller disposes it).</summary>
    protected HeraldDbContext Database() => View.Database?.CreateContext() ?? throw new InvalidOperationException("the index database is not open yet.");
}
