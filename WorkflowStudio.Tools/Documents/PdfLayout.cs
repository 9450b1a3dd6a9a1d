using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace WorkflowStudio.Tools.Documents;

/// <summary>A top-down A4 page flow over PdfPig's builder: wrapped text, tables, images, new pages when full. Standard-14 fonts (no font files needed).</summary>
internal sealed class PdfLayout
{
    private const double Margin = 50;
    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private PdfPageBuilder _page;
    private double _y;

    public PdfLayout()
    {
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
        _page = NewPage();
    }

    public int Pages { get; private set; } = 1;

    private double Width => _page.PageSize.Width - 2 * Margin;

    public void Text(string text, double size = 11, bool bold = false, double after = 4)
    {
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            foreach (var line in Wrap(paragraph, size, bold ? _bold : _regular, Width))
            {
                Space(size * 1.35);
                _page.AddText(line, size, new PdfPoint(Margin, _y), bold ? _bold : _regular);
            }
        }
        _y -= after;
    }

    public void Gap(double points) => _y -= points;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void KeepTogether(double height)
    {
        if (_y - height < Margin)
        {
            _page = NewPage();
            Pages++;
        }
    }

    public void Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, double size = 9)
    {
        // Columns share the width by how long their texts are (between 4 and 40 characters' worth).
        var weights = columns.Select((c, i) => (double)Math.Clamp(rows.Select(r => i < r.Count ? r[i].Length : 0).Append(c.Length).Max(), 4, 40)).ToArray();
        var total = weights.Sum();
        var lefts = new double[columns.Count + 1];
        for (var c = 0; c < columns.Count; c++)
        {
            lefts[c + 1] = lefts[c] + Width * weights[c] / total;
        }
        var row = size * 1.8;
        void Line(IReadOnlyList<string> cells, PdfDocumentBuilder.AddedFont font)
        {
            Space(row);
            for (var c = 0; c < columns.Count; c++)
            {
                var text = Fit(Clean(c < cells.Count ? cells[c] : ""), size, font, lefts[c + 1] - lefts[c] - 6);
                _page.AddText(text, size, new PdfPoint(Margin + lefts[c] + 3, _y + size * 0.4), font);
            }
            _page.DrawLine(new PdfPoint(Margin, _y - 2), new PdfPoint(Margin + Width, _y - 2), 0.3);
        }
        Line(columns, _bold);
        foreach (var values in rows)
        {
            Line(values, _regular);
        }
        _y -= 8;
    }

    public void Image(byte[] png, double maxWidth)
    {
        var (width, height) = PngSize(png);
        var scale = Math.Min(1, Math.Min(maxWidth, Width) / width);
        var w = width * scale;
        var h = height * scale;
        Space(h + 6);
        _page.AddPng(png, new PdfRectangle(Margin, _y, Margin + w, _y + h));
        _y -= 8;
    }

    public byte[] Build() => _builder.Build();

    private void Space(double height)
    {
        if (_y - height < Margin)
        {
            _page = NewPage();
            Pages++;
        }
        _y -= height;
    }

    private PdfPageBuilder NewPage()
    {
        var page = _builder.AddPage(PageSize.A4);
        _y = page.PageSize.Height - Margin;
        return page;
    }

    private double Measure(string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }

    private IEnumerable<string> Wrap(string paragraph, double size, PdfDocumentBuilder.AddedFont font, double width)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(candidate, size, font) > width)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }
        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private string Fit(string text, double size, PdfDocumentBuilder.AddedFont font, double width)
    {
        if (Measure(text, size, font) <= width)
        {
            return text;
        }
        while (text.Length > 1 && Measure(text + "...", size, font) > width)
        {
            text = text[..^1];
        }
        return text + "...";
    }

    /// <summary>Characters the standard fonts can draw (WinAnsi); common typography mapped to ASCII, others to '?'.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r", "", StringComparison.Ordinal))
        {
            builder.Append(c switch
            {
                '\n' => '\n',
                '\t' => ' ',
                '\u2018' or '\u2019' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                '\u2022' => '*',
                '\u2026' => '.',
                _ when c is >= ' ' and <= '~' => c,
                _ when c is >= '\u00A0' and <= '\u00FF' => c,
                _ => '?',
            });
        }
        return builder.ToString();
    }

    private static (double Width, double Height) PngSize(byte[] png)
    {
        if (png.Length < 24 || png[0] != 0x89 || png[1] != (byte)'P')
        {
            throw new ToolArgumentException("an image is not a PNG file.");
        }
        static int Int(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (Int(png, 16) * 0.75, Int(png, 20) * 0.75);
    }
}
