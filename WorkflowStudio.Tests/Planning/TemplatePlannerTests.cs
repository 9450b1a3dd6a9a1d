using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Planning;

public sealed class TemplatePlannerTests
{
    private readonly FixedCatalog _set = FixedCatalog.Load();

    [Fact]
    public async Task PlanAsync_RealGalleryAndBuiltinTools_ChoosesParallelResearchAndFillsTheTopic()
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Research \"tidal energy\" from news, papers and forums in parallel" });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("parallel-research", result.Workflow!.Name);
        Assert.Equal("tidal energy", result.Workflow.Inputs["topic"].Default!.Value.GetString());
        Assert.Contains("template 'parallel-research'", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(3, result.Metadata!.MaxParallelism);
        Assert.Equal(["server:builtin"], result.Metadata.ResourceRequirements);
    }

    [Fact]
    public async Task PlanAsync_NothingFits_SaysSoWithTheClosestCandidatesAndWhatNothingCovers()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Book a flight to Lisbon and a hotel near the sales office" });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Nothing fits \"Book a flight", error, StringComparison.Ordinal);
        Assert.Contains("(a plan needs 0.60; closest: template '", error, StringComparison.Ordinal);
        Assert.Matches(@"No template or tool here covers: [^.]*\bflight\b[^.]*\bhotel\b", error);
        Assert.Contains("configure a model (Llm:Model)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_RequestNamingARunId_RanksWithoutTheIdAndNeverListsItsPiecesAsMissing()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Book a flight for run 01a25374fa0e79668bcca616bba01792 to Lisbon" });

        var error = Assert.Single(result.Errors);
        Assert.Matches(@"No template or tool here covers: [^.]*\bflight\b", error);
        Assert.DoesNotMatch(@"\b(bcca|bba|fa)\b", error.Replace("01a25374fa0e79668bcca616bba01792", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Analyze Q3 sales and build the executive report", "Q3_2024")]
    [InlineData("Analyze 2025 Q1 sales and build the executive report", "Q1_2025")]
    [InlineData("Analyze Q4 of 2023 sales and build the executive report", "Q4_2023")]
    public async Task PlanAsync_QuarterInTheRequest_FillsThePeriod(string request, string period)
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = request });

        Assert.Equal("sales-intelligence", result.Workflow?.Name);
        Assert.Equal(period, result.Workflow!.Inputs["period"].Default!.Value.GetString());
    }

    [Fact]
    public async Task PlanAsync_GivenInputs_OverrideTheRequestAndAreCoercedToTheDeclaredType()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());
        var inputs = new Dictionary<string, JsonElement>
        {
            ["refund_limit"] = JsonSerializer.SerializeToElement("75"),
            ["customer_id"] = JsonSerializer.SerializeToElement("C-9"),
        };

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Customer C-1 complains about billing", Inputs = inputs });

        Assert.Equal(75, result.Workflow!.Inputs["refund_limit"].Default!.Value.GetDouble());
        Assert.Equal("C-9", result.Workflow.Inputs["customer_id"].Default!.Value.GetString());
        Assert.Contains("still needs --input customer_message=...", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_UnknownGivenInputOrTemplate_IsAnErrorListingWhatExists()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var badInput = await host.Planner.PlanAsync(new PlanRequest
        {
            Request = "Analyze Q3 sales and build the executive report",
            Inputs = new Dictionary<string, JsonElement> { ["perod"] = JsonSerializer.SerializeToElement("Q1_2024") },
        });
        var badTemplate = await host.Planner.PlanAsync(new PlanRequest { Request = "anything", TemplateId = "nope" });

        Assert.Contains("has no input 'perod'; its inputs are: period, recipients, telegram_chat", Assert.Single(badInput.Errors), StringComparison.Ordinal);
        Assert.Contains("There is no template 'nope'. Templates: sales-intelligence, customer-support-refund", Assert.Single(badTemplate.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_OneToolFits_PlansItWithItsArgumentsAsInputs()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Send an email to ann@example.com and bob@example.com" });

        var node = Assert.Single(result.Workflow!.Nodes);
        Assert.Equal("builtin/email_send", node.Tool);
        Assert.Equal(["ann@example.com", "bob@example.com"], result.Workflow.Inputs["to"].Default!.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.True(result.Workflow.Inputs["subject"].IsRequired);
        Assert.Equal("{{ inputs.to }}", node.Args!.Value.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("Order pizza for the sales team on Friday", "pizza")]
    [InlineData("Translate the Q3 report into French", "Translate")]
    public async Task PlanAsync_RequestTheGalleryCannotDo_IsRefusedNamingTheClosestAndWhatIsMissing(string request, string missing)
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = request });

        Assert.False(result.Succeeded, result.Explanation);
        var error = Assert.Single(result.Errors);
        Assert.Contains("closest: ", error, StringComparison.Ordinal);
        Assert.Matches($@"No template or tool here covers: [^.]*\b{missing}\b", error);
    }

    [Theory]
    [InlineData("Order pizza for the sales team on Friday", new[] { "pizza", "Friday" })]
    [InlineData("Translate the Q3 report into French", new[] { "Translate", "French" })]
    public async Task PlanAsync_LexicalRetrieval_RequestTheGalleryCannotDo_IsAWeakMatchThatNamesTheWordsOnEachSide(string request, string[] unmatched)
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog(),
            new Dictionary<string, string?> { ["Planning:Retrieval"] = PlanningOptions.LexicalRetrieval });

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = request });

        var confidence = result.Confidence!;
        Assert.True(confidence.IsWeak, $"score {confidence.Score} should be below {confidence.ConfidentScore}");
        Assert.Equal(PlanningOptions.DefaultConfidentScore, confidence.ConfidentScore);
        Assert.Equal(("template", "sales-intelligence"), (confidence.MatchedKind, confidence.MatchedId));
        Assert.All(unmatched, word => Assert.Contains(word, confidence.UnmatchedWords));
        Assert.All(confidence.MatchedWords.Concat(confidence.UnmatchedWords), word => Assert.Contains(word, request, StringComparison.Ordinal));
        Assert.Contains("a weak match", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_RequestInTheTemplatesWords_IsConfidentAndSaysTheUsersWordsNotStems()
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Analyze Q3 sales and email the executives a PDF report" });

        var confidence = result.Confidence!;
        Assert.Equal("sales-intelligence", confidence.MatchedId);
        Assert.False(confidence.IsWeak, result.Explanation);
        Assert.Equal(["Analyze", "sales", "email", "executives", "PDF", "report"], confidence.MatchedWords);
        Assert.Empty(confidence.UnmatchedWords);
        Assert.Contains("matched your words: Analyze, sales, email, executives, PDF, report", result.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("analyz,", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_RequestTwoToolsCoverTogether_ChainsThemInTheRequestsOrder()
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "Score the sentiment of a customer message and post it to Telegram" });
        var chart = await host.Planner.PlanAsync(new PlanRequest { Request = "Query the monthly revenue from the database and draw a line chart" });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("tools", result.Confidence!.MatchedKind);
        Assert.Equal(["builtin/sentiment", "builtin/telegram_send"], result.Workflow!.Nodes.Select(n => n.Tool));
        Assert.Equal(["sentiment"], result.Workflow.Nodes[1].DependsOn);
        Assert.Contains("{{ steps.sentiment.output }}", result.Workflow.Nodes[1].Args!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["builtin/db_query", "builtin/chart_render"], chart.Workflow?.Nodes.Select(n => n.Tool));
    }

    [Fact]
    public async Task PlanAsync_TemplateAskedForById_HasNoScoreToReport()
    {
        await using var host = await PlanningHost.StartAsync(_set.Catalog(), _set.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = "anything", TemplateId = _set.Gallery().Templates[0].Id });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Null(result.Confidence);
    }
}
