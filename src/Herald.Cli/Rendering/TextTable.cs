using System.Text;
using Spectre.Console;

namespace Herald.Cli.Rendering;

/// <summary>
/// A table that renders as a Spectre table on a terminal and as plain, space-aligned columns when piped
/// (stable for scripts: no borders, no colour, one row a line, a header line first).
/// </summary>
internal sealed class TextTable
{
    private readonly List<(string Header, bool Right)> _columns = [];
    private readonly List<string[]> _rows = [];

    public string? Title { get; init; }

    /// <summary>Colours a cell on a terminal: (row, column) → colour, or null for the default.</summary>
    public Func<int, int, Color?>? Styler { get; set; }

    public TextTable Column(string header, bool right = false)
    {
        _columns.Add((header, right));
        return this;
    }

    public TextTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    public void Write(CliConsole console)
    {
        if (console.OutputIsTerminal)
        {
            var table = new Table().Border(TableBorder.Rounded);
            if (Title is not null)
            {
                table.Title = new TableTitle(Markup.Escape(Title));
            }

            foreach (var (header, right) in _columns)
            {
                var column = new TableColumn(new Markup($"[bold]{Markup.Escape(header)}[/]"));
                table.AddColumn(right ? column.RightAligned() : column);
            }

            for (var r = 0; r < _rows.Count; r++)
            {
                var row = _rows[r];
                var index = r;
                table.AddRow(row.Select((cell, c) => (Spectre.Console.Rendering.IRenderable)new Text(cell, Styler?.Invoke(index, c) is { } colour ? new Style(colour) : Style.Plain)).ToArray());
            }

            console.Ansi.Write(table);
            return;
        }

        if (Title is not null)
        {
            console.Out.WriteLine(Title);
        }

        var widths = _columns.Select((c, i) => Math.Max(c.Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        console.Out.WriteLine(Line(_columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in _rows)
        {
            console.Out.WriteLine(Line(row, widths));
        }
    }

    private string Line(string[] cells, int[] widths)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _columns.Count; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            if (i > 0)
            {
                builder.Append("  ");
            }

            var last = i == _columns.Count - 1;
            builder.Append(_columns[i].Right ? cell.PadLeft(widths[i]) : last ? cell : cell.PadRight(widths[i]));
        }

        return builder.ToString().TrimEnd();
    }
}
