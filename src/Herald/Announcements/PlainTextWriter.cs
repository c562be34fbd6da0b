using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Herald.Announcements;

/// <summary>Writes a parsed Markdown document as plain text, for <see cref="MarkdownRenderer.ToPlainText"/>.</summary>
internal static class PlainTextWriter
{
    public static string Write(MarkdownDocument document)
    {
        var builder = new StringBuilder();
        WriteBlocks(builder, document, string.Empty);
        return builder.ToString().TrimEnd('\n') + "\n";
    }

    private static void WriteBlocks(StringBuilder builder, ContainerBlock container, string indent)
    {
        foreach (var block in container)
        {
            WriteBlock(builder, block, indent);
        }
    }

    private static void WriteBlock(StringBuilder builder, Block block, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var title = Inlines(heading.Inline);
                Line(builder, indent, title);
                if (heading.Level <= 2)
                {
                    Line(builder, indent, new string(heading.Level == 1 ? '=' : '-', Math.Max(3, title.Length)));
                }

                builder.Append('\n');
                break;
            case ParagraphBlock paragraph:
                foreach (var line in Inlines(paragraph.Inline).Split('\n'))
                {
                    Line(builder, indent, line);
                }

                builder.Append('\n');
                break;
            case ListBlock list:
                WriteList(builder, list, indent);
                break;
            case QuoteBlock quote:
                WriteBlocks(builder, quote, indent + "> ");
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    Line(builder, indent, "    " + line.Slice.ToString());
                }

                builder.Append('\n');
                break;
            case ThematicBreakBlock:
                Line(builder, indent, "----");
                builder.Append('\n');
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    var cells = row.OfType<TableCell>().Select(cell => string.Join(' ', cell.OfType<ParagraphBlock>().Select(p => Inlines(p.Inline).Replace('\n', ' '))));
                    Line(builder, indent, string.Join(" | ", cells));
                }

                builder.Append('\n');
                break;
            case HtmlBlock:
                break;
            case ContainerBlock other:
                WriteBlocks(builder, other, indent);
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                Line(builder, indent, Inlines(leaf.Inline));
                builder.Append('\n');
                break;
            default:
                break;
        }
    }

    private static void WriteList(StringBuilder builder, ListBlock list, string indent)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var itemText = new StringBuilder();
            WriteBlocks(itemText, item, string.Empty);
            var lines = itemText.ToString().TrimEnd('\n').Split('\n');
            var continuation = new string(' ', marker.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    // Blank lines inside an item (loose lists) are dropped: the marker already separates items.
                    continue;
                }

                Line(builder, indent, (i == 0 ? marker : continuation) + lines[i]);
            }
        }

        builder.Append('\n');
    }

    private static void Line(StringBuilder builder, string indent, string text) =>
        builder.Append((indent + text).TrimEnd()).Append('\n');

    private static string Inlines(ContainerInline? container)
    {
        var builder = new StringBuilder();
        if (container is not null)
        {
            AppendInlines(builder, container);
        }

        return builder.ToString();
    }

    private static void AppendInlines(StringBuilder builder, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var text = Inlines(link);
                    var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty;
                    if (link.IsImage)
                    {
                        builder.Append(text.Length > 0 ? $"[{text}] ({url})" : $"({url})");
                    }
                    else if (text.Length == 0 || text == url || url.Length == 0)
                    {
                        builder.Append(text.Length == 0 ? url : text);
                    }
                    else
                    {
                        builder.Append(text).Append(" (").Append(url).Append(')');
                    }

                    break;
                case LineBreakInline lineBreak:
                    builder.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline:
                    break;
                case ContainerInline nested:
                    AppendInlines(builder, nested);
                    break;
                default:
                    break;
            }
        }
    }
}
