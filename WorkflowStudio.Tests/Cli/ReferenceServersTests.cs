using System.Text.Json;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Cli;

/// <summary>
/// One workflow over the four reference MCP servers (server-everything, server-filesystem, server-memory and
/// server-sequential-thinking 2026.8.31, over stdio, as a user configures them), run with <c>studio run</c>: every kind of
/// content they answer with (annotated text, image, audio, resource links, embedded resources, structured content) becomes
/// a node output, and one node's output feeds the next. The write is destructive, so the workflow says it may run unattended.
/// </summary>
public sealed class ReferenceServersTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Run_WorkflowOverTheFourReferenceServers_EveryContentKindBecomesAnOutput()
    {
        var files = Directory.CreateDirectory(Path.Combine(workspace.Root, "files")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(files, "tone.wav"), Wav());
        var config = workspace.Write("reference-mcp.json", JsonSerializer.Serialize(new
        {
            mcpServers = new Dictionary<string, object>
            {
                ["everything"] = new { command = TestServers.ReferenceServerBin("everything"), args = new[] { "stdio" } },
                ["filesystem"] = new { command = TestServers.ReferenceServerBin("filesystem"), args = new[] { files } },
                ["memory"] = new { command = TestServers.ReferenceServerBin("memory"), env = new { MEMORY_FILE_PATH = Path.Combine(files, "memory.jsonl") } },
                ["thinking"] = new { command = TestServers.ReferenceServerBin("sequential-thinking") },
            },
        }));
        var workflow = workspace.Write("reference.json", $$$"""
            { "name": "reference-servers",
              "nodes": [
                { "id": "annotated", "tool": "everything/get-annotated-message", "args": { "messageType": "success", "includeImage": true } },
                { "id": "image", "tool": "everything/get-tiny-image", "args": {} },
                { "id": "links", "tool": "everything/get-resource-links", "args": { "count": 2 } },
                { "id": "embedded", "tool": "everything/get-resource-reference", "args": { "resourceType": "Text", "resourceId": 2 } },
                { "id": "audio", "tool": "filesystem/read_media_file", "args": { "path": {{{JsonSerializer.Serialize(Path.Combine(files, "tone.wav"))}}} } },
                { "id": "note", "tool": "filesystem/write_file", "approval": "auto",
                  "args": { "path": {{{JsonSerializer.Serialize(Path.Combine(files, "note.txt"))}}}, "content": "embedded: {{ steps.embedded.output[1].text }}" } },
                { "id": "read_note", "tool": "filesystem/read_text_file",
                  "args": { "path": {{{JsonSerializer.Serialize(Path.Combine(files, "note.txt"))}}} }, "dependsOn": ["note"] },
                { "id": "remember", "tool": "memory/create_entities",
                  "args": { "entities": [ { "name": "tiny-image", "entityType": "artefact", "observations": ["{{ steps.image.output[1].mimeType }}"] } ] } },
                { "id": "graph", "tool": "memory/read_graph", "args": {}, "dependsOn": ["remember"] },
                { "id": "think", "tool": "thinking/sequentialthinking",
                  "args": { "thought": "The graph holds {{ steps.graph.output.entities[0].name }}", "thoughtNumber": 1, "totalThoughts": 1, "nextThoughtNeeded": false } }
              ] }
            """);

        var output = await workspace.StudioAsync("run", workflow, "--mcp-config", config, "--json");

        Assert.True(output.ExitCode == 0, output.ToString());
        var result = CliWorkspace.Json(output.Stdout);
        Assert.Equal("success", result.GetProperty("status").GetString());
        var nodes = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("action_id").GetString()!, r => r.GetProperty("result"));
        Assert.Contains(Blocks(nodes["annotated"]), b => b.GetProperty("type").GetString() == "text");
        Assert.Contains(Blocks(nodes["image"]), b => b.GetProperty("type").GetString() == "image" && b.GetProperty("mimeType").GetString() == "image/png" && b.GetProperty("bytes").GetInt32() > 0);
        Assert.Equal(2, Blocks(nodes["links"]).Count(b => b.GetProperty("type").GetString() == "resource_link"));
        // read_media_file declares an output schema, so its structured content (the audio block, data included) is the output.
        var audio = nodes["audio"].GetProperty("content")[0];
        Assert.Equal(("audio", "audio/wav"), (audio.GetProperty("type").GetString(), audio.GetProperty("mimeType").GetString()));
        Assert.Equal(Wav(), Convert.FromBase64String(audio.GetProperty("data").GetString()!));
        var embeddedText = Blocks(nodes["embedded"]).Single(b => b.GetProperty("type").GetString() == "resource").GetProperty("text").GetString();
        Assert.False(string.IsNullOrEmpty(embeddedText));
        Assert.Contains($"embedded: {embeddedText}", nodes["read_note"].ToString(), StringComparison.Ordinal);
        Assert.Contains("image/png", nodes["graph"].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, nodes["think"].GetProperty("thoughtNumber").GetInt32());
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement output) =>
        output.ValueKind == JsonValueKind.Array ? output.EnumerateArray() : throw new Xunit.Sdk.XunitException($"expected content blocks, got {output}");

    /// <summary>A 10 ms mono 8 kHz 8-bit PCM WAV file.</summary>
    private static byte[] Wav()
    {
        const int samples = 80;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(8000);
        writer.Write((short)1);
        writer.Write((short)8);
        writer.Write("data"u8);
        writer.Write(samples);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((byte)(128 + (i % 16 < 8 ? 40 : -40)));
        }
        writer.Flush();
        return stream.ToArray();
    }
}
