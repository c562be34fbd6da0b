using Herald.Announcements;
using Herald.News;
using Herald.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Pages.Editor;

/// <summary>
/// Writes a new post (<c>/editor/new</c>) or changes one (<c>/editor/edit/{slug}</c>): preview, save,
/// publish, unpublish, delete (after a confirmation) and send to the mailing lists.
/// </summary>
[Authorize(Policy = EditingAuth.NewsEditor)]
public sealed class PostModel(PortalState state, TimeProvider clock, IOutputCacheStore cache, PostMailer mailer) : EditorPage(state, clock, cache)
{
    /// <summary>The title.</summary>
    [BindProperty]
    public string Title { get; set; } = string.Empty;

    /// <summary>The existing categories ticked.</summary>
    [BindProperty]
    public List<string> Categories { get; set; } = [];

    /// <summary>New categories, separated by commas.</summary>
    [BindProperty]
    public string? NewCategories { get; set; }

    /// <summary>The body in Markdown.</summary>
    [BindProperty]
    public string Markdown { get; set; } = string.Empty;

    /// <summary>The post as stored, or null for a new one.</summary>
    public Post? Stored { get; private set; }

    /// <summary>Every category there is, to tick.</summary>
    public IReadOnlyList<Category> AllCategories { get; private set; } = [];

    /// <summary>The rendered body, after Preview (sanitised HTML).</summary>
    public string? PreviewHtml { get; private set; }

    /// <summary>What the last action did, or null.</summary>
    public string? Notice { get; private set; }

    /// <summary>Whether the page asks to confirm the deletion.</summary>
    public bool ConfirmDelete { get; private set; }

    /// <summary>What sending to the lists did, or null.</summary>
    public PostMailOutcome? Mail { get; private set; }

    /// <summary>Shows the form, empty or with post <paramref name="slug"/>.</summary>
    public async Task<IActionResult> OnGetAsync(string? slug, string? done)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }

        if (Stored is { } post)
        {
            Fill(post);
        }

        Notice = done switch
        {
            "saved" => "Saved.",
            "published" => "Published: visitors see it now.",
            "unpublished" => "Unpublished: visitors no longer see it.",
            _ => null,
        };
        return Page();
    }

    /// <summary>Renders the body as it would be published, without saving anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? slug)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }

        PreviewHtml = MarkdownRenderer.ToHtml(Markdown);
        return Page();
    }

    /// <summary>Saves the post as it is (a draft stays a draft, a published post stays published).</summary>
    public Task<IActionResult> OnPostSaveAsync(string? slug) => SaveAsync(slug, published: null, "saved");

    /// <summary>Saves and publishes the post.</summary>
    public Task<IActionResult> OnPostPublishAsync(string? slug) => SaveAsync(slug, published: true, "published");

    /// <summary>Saves the post and takes it off the public pages.</summary>
    public Task<IActionResult> OnPostUnpublishAsync(string? slug) => SaveAsync(slug, published: false, "unpublished");

    /// <summary>Asks to confirm, then (with <paramref name="confirmed"/>) deletes the post.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? slug, bool confirmed)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }

        if (Stored is not { } post)
        {
            return RedirectToPage("/Editor/Index");
        }

        if (!confirmed)
        {
            ConfirmDelete = true;
            return Page();
        }

        await News!.DeleteAsync(post.Slug, HttpContext.RequestAborted);
        await ShowPublicAsync();
        return LocalRedirect("/editor?done=deleted");
    }

    /// <summary>Sends the published post, as stored, to the mailing lists.</summary>
    public async Task<IActionResult> OnPostMailAsync(string? slug)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }

        if (Stored is not { } post)
        {
            return RedirectToPage("/Editor/Index");
        }

        Fill(post);
        if (!post.Published)
        {
            ModelState.AddModelError(string.Empty, "Only a published post can be sent to the mailing lists; publish it first.");
            return Page();
        }

        Mail = await mailer.MailPostAsync(post);
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string? slug, bool? published, string done)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), "Give the post a title.");
            return Page();
        }

        // Browsers send a textarea's lines ending in CR LF; posts are stored with LF, as the CLI writes them.
        Markdown = Markdown.ReplaceLineEndings("\n");
        var categories = Categories.Concat((NewCategories ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Post post;
        try
        {
            post = Stored is { } stored
                ? await News!.UpdateAsync(stored.Slug, new PostChange { Title = Title, Markdown = Markdown, Categories = categories, Published = published }, HttpContext.RequestAborted)
                : await News!.CreateAsync(new PostDraft(Title, Markdown, AccountName, categories, published == true), HttpContext.RequestAborted);
        }
        catch (HeraldException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }

        await ShowPublicAsync();
        return LocalRedirect($"/editor/edit/{post.Slug}?done={done}");
    }

    // The stored post and the categories; an answer instead when there is none to show.
    private async Task<IActionResult?> LoadAsync(string? slug)
    {
        NameProject();
        if (News is not { } news)
        {
            return NotReady();
        }

        AllCategories = await news.CategoriesAsync(HttpContext.RequestAborted);
        if (slug is not null)
        {
            Stored = await news.FindAsync(slug, HttpContext.RequestAborted);
            if (Stored is null)
            {
                ViewData["Title"] = "Not found";
                return new NotFoundObjectResult($"There is no post {slug}.");
            }
        }

        ViewData["Title"] = Stored is null ? "New post" : $"Edit: {Stored.Title}";
        return null;
    }

    private void Fill(Post post)
    {
        Title = post.Title;
        Markdown = post.Markdown;
        Categories = post.Categories.Select(c => c.Name).ToList();
        NewCategories = null;
    }
}
