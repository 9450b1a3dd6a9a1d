using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Understanding;
using WorkflowStudio.Tools;
using WorkflowStudio.Tools.Ai;
using WorkflowStudio.Tools.Data;
using WorkflowStudio.Tools.Database;
using WorkflowStudio.Tools.Documents;
using WorkflowStudio.Tools.Email;
using WorkflowStudio.Tools.Files;
using WorkflowStudio.Tools.Http;
using WorkflowStudio.Tools.Memory;
using WorkflowStudio.Tools.Messaging;
using WorkflowStudio.Tools.OpenApi;
using WorkflowStudio.Tools.Vectors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the built-in business tools of WorkflowStudio.Tools (docs/tools.md) on the engine's tool catalog.</summary>
public static class BuiltinToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in business tools (email, Telegram, ClickUp, SQL, files, charts, PDF, templates, vectors, AI) and the
    /// <c>openapi</c> server, their options (configuration sections <c>Tools:*</c>) and shared services; adds the catalog
    /// itself with <see cref="ToolsServiceCollectionExtensions.AddWorkflowStudioTools"/> when it is not there yet.
    /// Call it after <c>AddWorkflowStudioEngine</c>, so the tools keep their data in the engine's database.
    /// </summary>
    public static IServiceCollection AddBuiltinTools(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflowStudioTools();
        Bind<FilesToolOptions>(services, FilesToolOptions.SectionName);
        Bind<HttpToolOptions>(services, HttpToolOptions.SectionName);
        Bind<SmtpToolOptions>(services, SmtpToolOptions.SectionName);
        Bind<TelegramToolOptions>(services, TelegramToolOptions.SectionName);
        Bind<ClickUpToolOptions>(services, ClickUpToolOptions.SectionName);
        Bind<DatabaseToolOptions>(services, DatabaseToolOptions.SectionName);
        Bind<OpenApiToolOptions>(services, OpenApiToolOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenApiToolOptions>, OpenApiToolOptionsValidator>());
        // The engine registers the embedding model first (Embeddings:*); alone, the tools bring the same default.
        Bind<EmbeddingOptions>(services, EmbeddingOptions.SectionName);
        services.TryAddEmbeddingGenerator();

        // The engine registers the studio database first (SQLite or PostgreSQL); alone, the tools use the embedded file.
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<DataOptions>>().Value.DatabasePath));
        services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.TryAddSingleton<ToolPaths>();
        services.TryAddSingleton<ITenantFileLocator, TenantFileLocator>(); // the front door's artefacts
        services.TryAddSingleton<DemoDataInstaller>();
        services.TryAddSingleton<ToolDataStore>();
        services.TryAddSingleton<PostgresTenantLogins>();
        services.TryAddSingleton<DataSources>();
        services.TryAddSingleton<TextEmbedder>();
        services.TryAddSingleton<VectorStore>();
        services.TryAddSingleton<HttpCaller>();
        services.TryAddSingleton<HttpGetTool>();
        services.TryAddSingleton<OpenApiRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolSource, OpenApiToolSource>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, HttpGetTool>(sp => sp.GetRequiredService<HttpGetTool>()));
        Tool<HttpRequestTool>(services);
        Tool<EmailSendTool>(services);
        Tool<TelegramSendTool>(services);
        Tool<ClickUpCreateTaskTool>(services);
        Tool<ClickUpListTasksTool>(services);
        Tool<DbQueryTool>(services);
        Tool<DbExecuteTool>(services);
        Tool<MemoryPutTool>(services);
        Tool<MemoryGetTool>(services);
        Tool<MemorySearchTool>(services);
        Tool<VectorUpsertTool>(services);
        Tool<VectorSearchTool>(services);
        Tool<FilesReadTool>(services);
        Tool<FilesWriteTool>(services);
        Tool<FilesListTool>(services);
        Tool<DataQueryTool>(services);
        Tool<ChartRenderTool>(services);
        Tool<ReportPdfTool>(services);
        Tool<TemplateRenderTool>(services);
        Tool<SeoCheckTool>(services);
        Tool<AiChatTool>(services);
        Tool<SentimentTool>(services);
        Tool<ScheduleFollowupTool>(services);
        Tool<OpenApiImportTool>(services);
        return services;
    }

    private static void Tool<T>(IServiceCollection services)
        where T : class, IBuiltinTool =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, T>());

    /// <summary>Binds options from the host's configuration when there is one (a bare service collection keeps the defaults).</summary>
    private static void Bind<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(section).Bind(options));
}
