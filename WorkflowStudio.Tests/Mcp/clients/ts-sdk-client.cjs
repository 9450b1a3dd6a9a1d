// A real MCP client built on the official TypeScript SDK, for the tests of our /mcp endpoint: it connects over
// Streamable HTTP with the API key in MCP_API_KEY, lists the tools and prompts, calls the tool named by the first argument
// with the JSON arguments in the second, reads the first resource link of the result, and prints {"tools": [...],
// "prompts": [...], "result": ..., "linked": ...} on stdout. The SDK checks structured content against each tool's output
// schema and every answer against the protocol's schemas, as any standard client does. NODE_PATH points at .tools/npm/node_modules.
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");

async function main() {
    const [url, tool, args] = process.argv.slice(2);
    const transport = new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${process.env.MCP_API_KEY}` } },
    });
    const client = new Client({ name: "ts-sdk-test-client", version: "1.0.0" });
    await client.connect(transport);
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name).sort();
    const result = await client.callTool({ name: tool, arguments: JSON.parse(args) }, undefined, { timeout: 120000 });
    const link = (result.content ?? []).find((c) => c.type === "resource_link");
    const linked = link ? await client.readResource({ uri: link.uri }) : null;
    console.log(JSON.stringify({ tools, prompts, result, linked }));
    await client.close();
}

main().catch((error) => {
    console.error(`ts-sdk client: ${error?.stack ?? error}`);
    process.exit(1);
});
