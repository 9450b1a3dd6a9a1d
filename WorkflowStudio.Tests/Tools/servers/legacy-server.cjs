// An MCP server the way many were written before the 2026-07-28 revision: newline-delimited JSON-RPC over stdio with
// the initialize handshake, and a catch-all that answers any other method with an empty result ({}), so it answers the
// server/discover probe with {} instead of an error. One tool, legacy_echo. No dependencies.
const readline = require("node:readline");

const supported = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];
const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");

function answer(method, params) {
    switch (method) {
        case "initialize":
            return {
                protocolVersion: supported.includes(params?.protocolVersion) ? params.protocolVersion : supported[0],
                capabilities: { tools: {} },
                serverInfo: { name: "legacy", version: "0.9.0" },
            };
        case "tools/list":
            return {
                tools: [{
                    name: "legacy_echo",
                    description: "Answers with the text it was given.",
                    inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
                    annotations: { readOnlyHint: true, idempotentHint: true },
                }],
            };
        case "tools/call":
            return { content: [{ type: "text", text: `legacy: ${params?.arguments?.text ?? ""}` }] };
        default:
            return {};
    }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
    if (!line.trim()) {
        return;
    }
    const message = JSON.parse(line);
    if (message.id !== undefined && message.method) {
        send({ jsonrpc: "2.0", id: message.id, result: answer(message.method, message.params) });
    }
});
