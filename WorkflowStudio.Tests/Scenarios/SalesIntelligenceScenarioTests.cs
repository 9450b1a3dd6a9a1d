using UglyToad.PdfPig;

namespace WorkflowStudio.Tests.Scenarios;

public sealed class SalesIntelligenceScenarioTests : IClassFixture<ScenarioFixture>
{
    private readonly ScenarioFixture _fixture;

    public SalesIntelligenceScenarioTests(ScenarioFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SalesIntelligence_Q3_WritesChartsAndPdf_EmailsExecutives_TelegramsSales()
    {
        var host = _fixture.Host;

        var result = await host.RunTemplateAsync("sales-intelligence", "period=Q3_2024");

        ScenarioHost.AssertSucceeded(result);
        var output = result.Output!.Value;
        Assert.Equal(714750, output.GetProperty("revenue").GetDouble());
        Assert.Equal(12.7, output.GetProperty("growth_pct").GetDouble());
        var artifacts = output.GetProperty("artifacts");

        var report = artifacts.GetProperty("report").GetString()!;
        Assert.StartsWith(host.FilesRoot, report, StringComparison.Ordinal);
        using (var pdf = PdfDocument.Open(report))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Sales intelligence: Q3 2024", text, StringComparison.Ordinal);
            Assert.Contains("Q3 2024 revenue was EUR 714,750, up 12.7 %", text, StringComparison.Ordinal);
            Assert.Contains("Leads to Qualified", text, StringComparison.Ordinal);
            Assert.Contains("Follow up 12 stalled", text, StringComparison.Ordinal);
            Assert.Equal(2, pdf.GetPages().SelectMany(p => p.GetImages()).Count());
        }
        var charts = artifacts.GetProperty("charts").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(4, charts.Count);
        Assert.All(charts, c => Assert.True(new FileInfo(c).Length > 1000, c));

        var mail = Assert.Single(_fixture.MailsTo("ceo@example.com"));
        Assert.Equal(["ceo@example.com", "cfo@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Sales intelligence Q3 2024: executive report", mail.Subject);
        Assert.Equal("sales-intelligence-Q3_2024.pdf", Assert.Single(mail.Attachments).ContentDisposition?.FileName);
        Assert.Equal("smtp", artifacts.GetProperty("email").GetProperty("delivered").GetString());

        var telegram = artifacts.GetProperty("telegram");
        Assert.Equal("outbox", telegram.GetProperty("delivered").GetString());
        Assert.Contains("revenue EUR 714750", await File.ReadAllTextAsync(telegram.GetProperty("file").GetString()!), StringComparison.Ordinal);

        var analysis = result.Results.Single(r => r.ActionId == "analysis");
        Assert.True(analysis.RecoveryAttempted);
    }

    [Fact]
    public async Task SalesIntelligence_UnknownPeriod_FailsNamingIt()
    {
        var result = await _fixture.Host.RunTemplateAsync("sales-intelligence", "period=Q1_2031");

        Assert.Equal("failed", result.Status);
        var revenue = result.Results.Single(r => r.ActionId == "revenue");
        Assert.Contains("the query returned no rows (params: period=Q1_2031)", revenue.Error, StringComparison.Ordinal);
        Assert.Equal("skipped", result.Results.Single(r => r.ActionId == "email_executives").Status);
    }
}
