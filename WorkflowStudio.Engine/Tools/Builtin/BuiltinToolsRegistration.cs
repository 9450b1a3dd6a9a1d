using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools.Builtin.Ai;
using WorkflowStudio.Engine.Tools.Builtin.Data;
using WorkflowStudio.Engine.Tools.Builtin.Database;
using WorkflowStudio.Engine.Tools.Builtin.Documents;
using WorkflowStudio.Engine.Tools.Builtin.Email;
using WorkflowStudio.Engine.Tools.Builtin.Files;
using WorkflowStudio.Engine.Tools.Builtin.Http;
using WorkflowStudio.Engine.Tools.Builtin.Memory;
using WorkflowStudio.Engine.Tools.Builtin.Messaging;
using WorkflowStudio.Engine.Tools.Builtin.OpenApi;
using WorkflowStudio.Engine.Tools.Builtin.Vectors;

namespace WorkflowStudio.Engine.Tools.Builtin;

/// <summary>Registers the business built-in tools, their options (sections <c>Tools:*</c>) and shared services.</summary>
internal static class BuiltinToolsRegistration
{
    public static IServiceCollection AddBusinessTools(this IServiceCollection services)
    {
        Bind<FilesToolOptions>(services, FilesToolOptions.SectionName);
        Bind<HttpToolOptions>(services, HttpToolOptions.SectionName);
        Bind<SmtpToolOptions>(services, SmtpToolOptions.SectionName);
        Bind<TelegramToolOptions>(services, TelegramToolOptions.SectionName);
        Bind<ClickUpToolOptions>(services, ClickUpToolOptions.SectionName);
        Bind<DatabaseToolOptions>(services, DatabaseToolOptions.SectionName);
        Bind<OpenApiToolOptions>(services, OpenApiToolOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenApiToolOptions>, OpenApiToolOptionsValidator>());

        // The engine registers the studio database first (SQLite or PostgreSQL); alone, the tools use the embedded file.
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<DataOptions>>().Value.DatabasePath));
        services.TryAddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.TryAddSingleton<ToolPaths>();
        services.TryAddSingleton<DemoDataInstaller>();
        services.TryAddSingleton<ToolDataStore>();
        services.TryAddSingleton<PostgresTenantLogins>();
        services.TryAddSingleton<DataSources>();
        services.TryAddSingleton<TextEmbedder>();
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
