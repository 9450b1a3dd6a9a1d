using UglyToad.PdfPig;

namespace WorkflowStudio.Tests.Tools.Documents;

public sealed class DocumentToolsTests
{
    [Fact]
    public async Task DataQuery_Csv_GroupsAggregatesAndSorts()
    {
        await using var host = ToolHost.Create();
        const string csv = "region,product,amount\nnorth,a,10\nsouth,a,5\nnorth,b,7.5\n\"east, far\",a,1\n";

        var output = await host.OkAsync("data_query", new
        {
            csv, groupBy = new[] { "region" },
            aggregates = new object[] { new { op = "sum", field = "amount", @as = "total" }, new { op = "count", @as = "n" } },
            orderBy = new[] { new { field = "total", desc = true } },
        });

        var rows = output.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["north", "south", "east, far"], rows.Select(r => r.GetProperty("region").GetString()));
        Assert.Equal(17.5, rows[0].GetProperty("total").GetDouble());
        Assert.Equal(2, rows[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task DataQuery_RowsWithWhereSelectAndLimit()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("data_query", new
        {
            path = "demo/feeds/marketing-trends.json", rowsProperty = "items",
            where = new object[] { new { field = "score", op = "gte", value = 80 }, new { field = "topic", op = "in", value = new[] { "AI automation" } } },
            select = new[] { "title", "score" }, orderBy = new[] { new { field = "score" } }, limit = 2,
        });

        Assert.Equal(8, output.GetProperty("inputRows").GetInt32());
        Assert.Equal([85, 88], output.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("score").GetInt32()));
        Assert.False(output.GetProperty("rows")[0].TryGetProperty("topic", out _));
    }

    [Fact]
    public async Task DataQuery_TwoSources_IsAnError()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("data_query", new { csv = "a\n1", rows = Array.Empty<object>() });

        Assert.Contains("give exactly one of 'rows', 'csv' or 'path' (got rows, csv)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line")]
    [InlineData("bar")]
    [InlineData("funnel")]
    public async Task ChartRender_WritesPngAndSvg(string type)
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("chart_render", new
        {
            type, name = $"chart-{type}", title = "Revenue",
            rows = new[] { new { m = "Jul", v = 10, t = 9 }, new { m = "Aug", v = 12, t = 11 }, new { m = "Sep", v = 15, t = 12 } },
            x = "m", y = type == "funnel" ? (object)"v" : new[] { "v", "t" },
        });

        var png = await File.ReadAllBytesAsync(output.GetProperty("pngFile").GetString()!);
        var svg = await File.ReadAllTextAsync(output.GetProperty("svgFile").GetString()!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Equal($"artifacts/charts/chart-{type}.png", output.GetProperty("png").GetString());
    }

    [Fact]
    public async Task ChartRender_NonNumericValue_NamesTheRow()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("chart_render", new { type = "bar", name = "x", rows = new[] { new { m = "Jul", v = "ten" } }, x = "m", y = "v" });

        Assert.Contains("rows[0].v is not a number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPdf_WritesAPdfWhoseTextCanBeExtracted()
    {
        await using var host = ToolHost.Create();
        var chart = await host.OkAsync("chart_render", new { type = "bar", name = "c", labels = new[] { "a", "b" }, series = new[] { new { name = "s", values = new[] { 1.0, 2.0 } } } });

        var output = await host.OkAsync("report_pdf", new
        {
            name = "q3", title = "Quarterly report \u2013 Q3", subtitle = "For the board",
            sections = new object[]
            {
                new { heading = "Summary", text = "Revenue grew 12.7 % on the previous quarter.\n\nA second paragraph.", bullets = new[] { "Won 160 deals" } },
                new { heading = "Figures", table = new { rows = new[] { new { month = "Jul", revenue = 219600 }, new { month = "Aug", revenue = 236250 } } }, images = new[] { chart.GetProperty("png").GetString() } },
            },
        });

        using var pdf = PdfDocument.Open(output.GetProperty("file").GetString()!);
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Quarterly report - Q3", text, StringComparison.Ordinal);
        Assert.Contains("Revenue grew 12.7 % on the previous quarter.", text, StringComparison.Ordinal);
        Assert.Contains("219,600", text, StringComparison.Ordinal);
        Assert.Contains("Won 160 deals", text, StringComparison.Ordinal);
        Assert.NotEmpty(pdf.GetPages().SelectMany(p => p.GetImages()));
        Assert.Equal("artifacts/reports/q3.pdf", output.GetProperty("path").GetString());
    }

    [Fact]
    public async Task ReportPdf_TableColumns_ShowReadableHeadersOrTheGivenLabels()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("report_pdf", new
        {
            name = "labels", title = "Figures",
            sections = new object[]
            {
                new { table = new { columns = new[] { "region", "target_pct", "avg_deal" }, labels = new { avg_deal = "Average deal (EUR)" },
                    rows = new[] { new { region = "North", target_pct = 104.2, avg_deal = 12650 } } } },
            },
        });

        using var pdf = PdfDocument.Open(output.GetProperty("file").GetString()!);
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Target %", text, StringComparison.Ordinal);
        Assert.Contains("Average deal (EUR)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("target_pct", text, StringComparison.Ordinal);
        Assert.DoesNotContain("avg_deal", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPdf_HeadingNearThePageFoot_MovesToTheNextPageWithItsSection()
    {
        await using var host = ToolHost.Create();

        // Whatever the length of the first section, the second heading shares its page with the start of its text.
        for (var bullets = 38; bullets <= 52; bullets++)
        {
            var output = await host.OkAsync("report_pdf", new
            {
                name = $"foot-{bullets}", title = "Report",
                sections = new object[]
                {
                    new { heading = "Details", bullets = Enumerable.Range(1, bullets).Select(i => $"Item {i}").ToArray() },
                    new { heading = "Closing remarks", text = "Closing text follows its heading." },
                },
            });

            using var pdf = PdfDocument.Open(output.GetProperty("file").GetString()!);
            var page = pdf.GetPages().Single(p => p.Text.Contains("Closing remarks", StringComparison.Ordinal));
            Assert.True(page.Text.Contains("Closing text follows", StringComparison.Ordinal), $"with {bullets} bullets the heading ends page {page.Number} alone");
        }
    }

    [Fact]
    public async Task TemplateRender_InlineWithModel_WritesTheOutputFile()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("template_render", new
        {
            template = "Hello {{ name }}: {{ for i in items }}{{ i.n * 2 }}{{ if !for.last }}, {{ end }}{{ end }} ({{ total | math.format \"N0\" }})",
            model = new { name = "Maria", items = new[] { new { n = 1 }, new { n = 2 } }, total = 12345 },
            outputPath = "out/hello.txt",
        });

        Assert.Equal("Hello Maria: 2, 4 (12,345)", output.GetProperty("text").GetString());
        Assert.Equal("Hello Maria: 2, 4 (12,345)", await File.ReadAllTextAsync(Path.Combine(host.FilesRoot, "out", "hello.txt")));
    }

    [Theory]
    [InlineData("{{ if }}", "does not parse")]
    [InlineData("{{ missing.value }}", "the template failed")]
    public async Task TemplateRender_BadTemplate_SaysWhy(string template, string expected)
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("template_render", new { template });

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeoCheck_MeasuresDensityReadabilityAndHeadings()
    {
        await using var host = ToolHost.Create();
        var body = string.Join(" ", Enumerable.Repeat("Teams save time when they automate one simple report each week.", 30));
        var text = $"# AI automation for small teams\n\n## Why\n\n{body} AI automation helps. AI automation works.\n\n## How\n\nStart small.";

        var output = await host.OkAsync("seo_check", new { text, keyword = "AI automation" });

        Assert.Equal(3, output.GetProperty("keywordCount").GetInt32());
        Assert.True(output.GetProperty("keywordInTitle").GetBoolean());
        Assert.Equal(3, output.GetProperty("headings").GetInt32());
        Assert.True(output.GetProperty("readingEase").GetDouble() > 60);
        Assert.True(output.GetProperty("passed").GetBoolean(), output.GetRawText());
    }
}
