using System.Collections.Concurrent;
using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Herald.Announcements;

/// <summary>
/// The Liquid templates of announcements (Fluid): Herald's own, embedded, or a project's override in a
/// <c>templates</c> folder beside its <c>herald.toml</c>. One parser; each template is parsed once and
/// kept (an override again when its file changes). Output is Markdown, so nothing is HTML-encoded.
/// </summary>
public static class AnnouncementTemplates
{
    /// <summary>The template of maintenance releases.</summary>
    public const string Point = "announce-point.liquid";

    /// <summary>The template of a major release (X.Y.0).</summary>
    public const string Major = "announce-major.liquid";

    /// <summary>The folder beside the configuration file that holds overrides.</summary>
    public const string OverrideFolder = "templates";

    private static readonly FluidParser s_parser = new();
    private static readonly TemplateOptions s_options = CreateOptions();
    private static readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, IFluidTemplate Template)> s_overrides = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IFluidTemplate> s_embedded = new(StringComparer.Ordinal);

    /// <summary>The override of <paramref name="name"/> in <paramref name="configFolder"/>'s templates folder, or null when there is none (or no folder).</summary>
    public static string? OverridePath(string name, string? configFolder)
    {
        if (configFolder is null)
        {
            return null;
        }

        var path = Path.Combine(configFolder, OverrideFolder, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Parses <paramref name="name"/> (the override, else Herald's) ahead of <see cref="Render"/>, which then finds it parsed.</summary>
    /// <exception cref="HeraldException">The override is not valid Liquid.</exception>
    public static void Prepare(string name, string? configFolder)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = OverridePath(name, configFolder);
        _ = path is null ? Embedded(name) : Override(path);
    }

    /// <summary>
    /// Renders <paramref name="name"/> (<see cref="Point"/> or <see cref="Major"/>) with <paramref name="model"/>:
    /// the override beside the configuration in <paramref name="configFolder"/> when there is one, else Herald's.
    /// </summary>
    /// <exception cref="HeraldException">The override is not valid Liquid (the message names the file and Fluid's error).</exception>
    public static string Render(string name, AnnouncementModel model, string? configFolder)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(model);
        var path = OverridePath(name, configFolder);
        var template = path is null ? Embedded(name) : Override(path);
        var context = new TemplateContext(model, s_options);
        try
        {
            return Normalise(template.Render(context, NullEncoder.Default));
        }
        catch (InvalidOperationException e) when (path is not null)
        {
            throw new HeraldException($"{path}: the template failed: {e.Message}", e);
        }
    }

    private static IFluidTemplate Embedded(string name) => s_embedded.GetOrAdd(name, static n =>
    {
        var resource = "Herald.Announcements.Templates." + n;
        using var stream = typeof(AnnouncementTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded template {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return s_parser.TryParse(text, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"embedded template {n} does not parse: {error}");
    });

    private static IFluidTemplate Override(string path)
    {
        var info = new FileInfo(path);
        if (s_overrides.TryGetValue(path, out var cached) && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.Template;
        }

        var text = File.ReadAllText(path);
        if (!s_parser.TryParse(text, out var template, out var error))
        {
            var oneLine = string.Join(' ', error.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new HeraldException($"{path}: Liquid syntax error: {oneLine}; fix the template or remove it to use Herald's.");
        }

        s_overrides[path] = (info.LastWriteTimeUtc, info.Length, template);
        return template;
    }

    // Liquid tags leave blank lines where they stood; Markdown reads two or more as one.
    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join('\n', result).TrimEnd('\n') + "\n";
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<AnnouncementModel>();
        options.MemberAccessStrategy.Register<AnnouncedRelease>();
        options.MemberAccessStrategy.Register<AnnouncedFile>();
        options.MemberAccessStrategy.Register<AnnouncementStats>();
        options.MemberAccessStrategy.Register<MarkdownSection>();
        // {{ n | count_noun: "review" }} is "1 review" or "1820 reviews" (a second argument gives an irregular plural).
        options.Filters.AddFilter("count_noun", (input, arguments, _) =>
        {
            var count = input.ToNumberValue();
            var singular = arguments.At(0).ToStringValue();
            var plural = arguments.Count > 1 ? arguments.At(1).ToStringValue() : singular + "s";
            return new ValueTask<FluidValue>(new StringValue(count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural)));
        });
        return options;
    }
}
