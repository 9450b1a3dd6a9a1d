// A real MCP server built on the official TypeScript SDK (stdio), for the engine's integration tests: content the C#
// SDK finds hard to read (annotated blocks) served beside a slow, non-idempotent side effect whose calls are appended
// to the file named by LEDGER. scripts/test installs the SDK into .tools/npm; NODE_PATH points there.
const fs = require("node:fs");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms ?? 0));
const server = new McpServer({ name: "ledger", version: "1.0.0" });

server.registerTool("annotated", {
    description: "After delayMs, answers with a text block and an embedded text resource, both with content annotations.",
    inputSchema: { delayMs: z.number().int().optional() },
    annotations: { readOnlyHint: true, idempotentHint: true, destructiveHint: false, openWorldHint: false },
}, async ({ delayMs }) => {
    await sleep(delayMs);
    const annotations = { audience: ["user"], priority: 0.9 };
    return {
        content: [
            { type: "text", text: "annotated hello", annotations },
            { type: "resource", resource: { uri: "test://note", mimeType: "text/plain", text: "a note" }, annotations },
        ],
    };
});

server.registerTool("side_effect", {
    description: "After delayMs, appends the idempotency key and value to the LEDGER file.",
    inputSchema: { value: z.string(), delayMs: z.number().int().optional() },
    annotations: { readOnlyHint: false, idempotentHint: false, destructiveHint: false, openWorldHint: false },
}, async ({ value, delayMs }, extra) => {
    await sleep(delayMs);
    const key = extra?._meta?.["io.workflowstudio/idempotency-key"] ?? "-";
    fs.appendFileSync(process.env.LEDGER, `${key}\t${value}\n`);
    return { content: [{ type: "text", text: "written" }] };
});

server.connect(new StdioServerTransport()).catch((error) => {
    console.error(`ledger server: ${error}`);
    process.exit(1);
});
