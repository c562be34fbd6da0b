using Herald.News;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>A category's archive: its name and description, its published posts newest first, ten a page.</summary>
public sealed class CategoryModel(PortalState state) : NewsPage(state)
{
    /// <summary>The category.</summary>
    public Category? Category { get; private set; }

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string category)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Category = News.FindCategory(category);
        if (Category is null)
        {
            return NotFoundPage($"There is no category {category}.");
        }

        ViewData["Title"] = "Category Archives: " + Category.Name;
        return ShowPage(News.InCategory(Category.Slug), "Category " + Category.Name) ?? Page();
    }
}
