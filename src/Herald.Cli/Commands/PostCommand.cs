using System.CommandLine;
using Herald.News;

namespace Herald.Cli.Commands;

/// <summary><c>herald post new|edit|list|delete</c>: news posts other than release announcements.</summary>
internal static class PostCommand
{
    private const int MaxBodyBytes = 1_000_000;

    public static Command Create(CliConsole console)
    {
        var command = new Command("post", "News posts on the portal (a new driver, a change of download server): 'new', 'edit', 'list', 'delete', 'category'.");
        command.Subcommands.Add(New(console));
        command.Subcommands.Add(Edit(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Delete(console));
        command.Subcommands.Add(CategoryCommand(console));
        return command;
    }

    private static Command CategoryCommand(CliConsole console)
    {
        var access = new ProjectDatabase();
        var name = new Argument<string>("NAME") { Description = "The category's name (its address is made from it: Drivers → /news/category/drivers)." };
        var description = new Option<string>("--description")
        {
            Description = "What it holds: the heading of its archive under \"Category Archives: NAME\".",
            Required = true,
            HelpName = "TEXT",
        };
        var command = new Command("category", """
            Makes a category of posts, or changes its description. Categories are also made when a post
            names a new one; this gives them the description their archive shows.

            Example:
              herald post category Drivers --description "New drivers and their development builds"
            """);
        command.Arguments.Add(name);
        command.Options.Add(description);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var category = await new NewsStore(database, console.Clock).SaveCategoryAsync(result.GetRequiredValue(name), result.GetRequiredValue(description), cancellationToken);
            var url = project.Config.PortalLink("/news/category/" + category.Slug);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(new { slug = category.Slug, name = category.Name, description = category.Description, url }));
            }
            else
            {
                console.Out.WriteLine($"{category.Name}: {category.Description}");
                console.Out.WriteLine(url);
            }

            return 0;
        });
        return command;
    }

    private static Option<string[]> CategoryOption() => new("--category")
    {
        Description = "A category (made when new: News, Security, Drivers …); repeat for several.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "NAME",
    };

    private static Option<string?> FileOption() => new("--file")
    {
        Description = "The body, a Markdown file (UTF-8).",
        HelpName = "BODY.md",
    };

    private static Command New(CliConsole console)
    {
        var access = new ProjectDatabase();
        var title = new Option<string>("--title") { Description = "The title.", Required = true, HelpName = "TITLE" };
        var categories = CategoryOption();
        var file = FileOption();
        file.Required = true;
        var slug = new Option<string?>("--slug") { Description = "The address under /news/ (default: made from the title).", HelpName = "SLUG" };
        var author = new Option<string?>("--author") { Description = "Who writes it (default: the user running herald).", HelpName = "NAME" };
        var draft = new Option<bool>("--draft") { Description = "Store it unpublished; publish it later with 'herald post edit SLUG --publish'." };
        var command = new Command("new", """
            Writes a post from a Markdown file and publishes it (unless --draft). The body's HTML is
            sanitised when shown: scripts, event attributes and javascript:/data: links are removed.

            Example:
              herald post new --title "Download server moved" --category News --file moved.md
            """);
        command.Options.Add(title);
        command.Options.Add(categories);
        command.Options.Add(file);
        command.Options.Add(slug);
        command.Options.Add(author);
        command.Options.Add(draft);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var body = await ReadBodyAsync(result.GetValue(file)!, console, cancellationToken);
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var post = await new NewsStore(database, console.Clock).CreateAsync(
                new PostDraft(result.GetRequiredValue(title), body, result.GetValue(author) ?? Environment.UserName, result.GetValue(categories) ?? [], !result.GetValue(draft)) { Slug = result.GetValue(slug) },
                cancellationToken);
            Print(console, project, post, result.GetValue(access.Common.Json), post.Published ? "published" : "saved as a draft");
            return 0;
        });
        return command;
    }

    private static Command Edit(CliConsole console)
    {
        var access = new ProjectDatabase();
        var slug = new Argument<string>("SLUG") { Description = "The post to change." };
        var title = new Option<string?>("--title") { Description = "A new title.", HelpName = "TITLE" };
        var categories = CategoryOption();
        categories.Description = "New categories, replacing the post's; repeat for several.";
        var file = FileOption();
        file.Description = "A new body, a Markdown file (UTF-8).";
        var publish = new Option<bool>("--publish") { Description = "Publish it (a draft, or an unpublished post)." };
        var unpublish = new Option<bool>("--unpublish") { Description = "Take it off the portal (kept, as a draft)." };
        var command = new Command("edit", """
            Changes a post: what is given replaces what was; the rest is kept.

            Example:
              herald post edit download-server-moved --file moved-v2.md
              herald post edit download-server-moved --unpublish
            """);
        command.Arguments.Add(slug);
        command.Options.Add(title);
        command.Options.Add(categories);
        command.Options.Add(file);
        command.Options.Add(publish);
        command.Options.Add(unpublish);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(publish) && result.GetValue(unpublish))
            {
                throw new HeraldException("--publish and --unpublish contradict each other; give one.");
            }

            var body = result.GetValue(file) is { } path ? await ReadBodyAsync(path, console, cancellationToken) : null;
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var change = new PostChange
            {
                Title = result.GetValue(title),
                Markdown = body,
                Categories = result.GetResult(categories) is null ? null : result.GetValue(categories) ?? [],
                Published = result.GetValue(publish) ? true : result.GetValue(unpublish) ? false : null,
            };
            var post = await new NewsStore(database, console.Clock).UpdateAsync(result.GetRequiredValue(slug), change, cancellationToken);
            Print(console, project, post, result.GetValue(access.Common.Json), post.Published ? "updated" : "updated (not published)");
            return 0;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var access = new ProjectDatabase();
        var command = new Command("list", "Lists every post, drafts too, newest first.");
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (project, database) = await access.OpenAsync(result, console, cancellationToken);
            var posts = await new NewsStore(database, console.Clock).ListAsync(cancellationToken);
            if (result.GetValue(access.Common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(posts.Select(p => Document(project, p, withBody: false))));
                return 0;
            }

            foreach (var post in posts)
            {
                var categories = string.Join(", ", post.Categories.Select(c => c.Name));
                console.Out.WriteLine($"{post.Date:yyyy-MM-dd}  {(post.Published ? "published" : "draft    ")}  {post.Slug}  {post.Title}{(categories.Length > 0 ? "  [" + categories + "]" : string.Empty)}");
            }

            return 0;
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var access = new ProjectDatabase();
        var slug = new Argument<string>("SLUG") { Description = "The post to delete." };
        var command = new Command("delete", "Deletes a post for good (to take it off the portal but keep it: 'herald post edit SLUG --unpublish').");
        command.Arguments.Add(slug);
        access.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var (_, database) = await access.OpenAsync(result, console, cancellationToken);
            var which = result.GetRequiredValue(slug);
            if (!await new NewsStore(database, console.Clock).DeleteAsync(which, cancellationToken))
            {
                throw new HeraldException($"no post has slug '{which}'; 'herald post list' shows the posts.");
            }

            console.Out.WriteLine($"deleted {which}");
            return 0;
        });
        return command;
    }

    private static async Task<string> ReadBodyAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file, console.CurrentDirectory);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new HeraldException($"{file}: no such file; give the post's Markdown body with --file.");
        }

        if (info.Length > MaxBodyBytes)
        {
            throw new HeraldException($"{file}: {info.Length:N0} bytes; a post's body has at most {MaxBodyBytes:N0}.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new HeraldException($"{file}: not UTF-8 text; save the body as UTF-8.");
        }
    }

    private static void Print(CliConsole console, HeraldProject project, Post post, bool json, string what)
    {
        if (json)
        {
            console.Out.WriteLine(HeraldJson.Serialize(Document(project, post, withBody: true)));
            return;
        }

        console.Out.WriteLine($"{what}: {post.Title}");
        console.Out.WriteLine(NewsUrl(project, post.Slug));
    }

    private static string NewsUrl(HeraldProject project, string slug) => PostMail.Url(slug, project.Config.PortalUrl);

    private static PostDocument Document(HeraldProject project, Post post, bool withBody) => PostDocument.From(post, NewsUrl(project, post.Slug), withBody);
}
