using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Templates;

public sealed class EmbeddedTemplateCatalogTests
{
    public static TheoryData<string> TemplateIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var template in new EmbeddedTemplateCatalog().Templates)
            {
                data.Add(template.Id);
            }
            return data;
        }
    }

    [Fact]
    public void Templates_AreLoadedWithCards()
    {
        var catalog = new EmbeddedTemplateCatalog();

        Assert.NotEmpty(catalog.Templates);
        Assert.All(catalog.Templates, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Title));
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
            Assert.Same(t, catalog.Find(t.Id));
        });
        Assert.Null(catalog.Find("no-such-template"));
    }

    [Fact]
    public void Gallery_HasAtLeastTwentyTemplates_EachWithTagsAndTypedDescribedInputsThatHaveDefaults()
    {
        var catalog = new EmbeddedTemplateCatalog();

        Assert.True(catalog.Templates.Count >= 20, $"{catalog.Templates.Count} templates");
        Assert.All(catalog.Templates, t =>
        {
            Assert.NotEmpty(t.Tags);
            Assert.Contains("offline", t.Tags);
            Assert.All(t.Workflow.Inputs, i =>
            {
                Assert.False(i.Value.IsRequired, $"{t.Id}: input '{i.Key}' has no default, so the template does not run as it is");
                Assert.False(string.IsNullOrWhiteSpace(i.Value.Description), $"{t.Id}: input '{i.Key}' has no description");
            });
        });
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public async Task Template_ValidatesAgainstTheBuiltinTools(string id)
    {
        await using var services = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        var template = new EmbeddedTemplateCatalog().Find(id)!;

        var errors = await WorkflowValidator.ValidateAsync(template.Workflow, services.GetRequiredService<IToolCatalog>());

        Assert.Empty(errors);
    }
}
