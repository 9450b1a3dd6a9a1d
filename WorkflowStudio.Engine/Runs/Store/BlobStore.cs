using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Runs.Store;

/// <summary>
/// Large node outputs are stored once in the <c>blobs</c> table; the journal row then holds a small reference
/// <c>{"$blob": ID, "bytes": N, "preview": "…"}</c>. Bindings read through it (<see cref="ExpandAsync"/>).
/// </summary>
internal sealed class BlobStore
{
    public const string ReferenceProperty = "$blob";
    private const int PreviewChars = 200;
    private readonly int _inlineLimit;

    public BlobStore(IOptions<StorageOptions> options) => _inlineLimit = options.Value.MaxInlineOutputBytes;

    /// <summary>Returns the value to journal: the output itself when small, else a reference to the stored blob.</summary>
    public async ValueTask<string?> StoreIfLargeAsync(DbConnection connection, DbTransaction transaction, string runId, string? output, long at)
    {
        if (output is null || Encoding.UTF8.GetByteCount(output) <= _inlineLimit)
        {
            return output;
        }
        var id = Guid.CreateVersion7().ToString("N");
        var bytes = Encoding.UTF8.GetByteCount(output);
        await connection.ExecuteAsync(
            "INSERT INTO blobs (id, run_id, content, bytes, created_at) VALUES (@id, @runId, @output, @bytes, @at)",
            new { id, runId, output, bytes, at }, transaction);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [ReferenceProperty] = id,
            ["bytes"] = bytes,
            ["preview"] = output.Length <= PreviewChars ? output : output[..PreviewChars] + "…",
        });
    }

    /// <summary>Replaces blob references in outputs with the stored content.</summary>
    public async ValueTask<IReadOnlyList<NodeRunRecord>> ExpandAsync(DbConnection connection, List<NodeRunRecord> rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (ReferenceOf(rows[i].Output) is { } id)
            {
                var content = await connection.QuerySingleAsync<string>(
                    new CommandDefinition("SELECT content FROM blobs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
                rows[i] = rows[i] with { Output = content };
            }
        }
        return rows;
    }

    internal static string? ReferenceOf(string? output)
    {
        if (output is null || !output.StartsWith("{\"" + ReferenceProperty, StringComparison.Ordinal))
        {
            return null;
        }
        using var document = JsonDocument.Parse(output);
        return document.RootElement.TryGetProperty(ReferenceProperty, out var id) ? id.GetString() : null;
    }
}
