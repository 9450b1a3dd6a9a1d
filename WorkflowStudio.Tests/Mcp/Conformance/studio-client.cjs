// The MCP conformance suite's client under test is WorkflowStudio itself, driven only through its command line, as a user
// would: `conformance client --command "node THIS studio.dll"` appends the scenario server's URL. This script writes that
// URL into an mcpServers file, lists the server's tools with `studio tools --json`, and runs one workflow that calls each
// tool once (with the arguments the scenario asks for in MCP_CONFORMANCE_CONTEXT, else values made from the tool's input
// schema) with `studio run`. When the server asks a question, the node waits for a person: this script answers it as one would,
// with `studio answer RUN NODE --accept '{}'` (the form's defaults). It exits with studio's exit code, so a refused
// configuration or a crashed run is visible.
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const [studioDll, url] = process.argv.slice(2);
const server = "conformance";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "wfs-conformance-client-"));

function studio(...args) {
    const result = spawnSync("dotnet", [studioDll, ...args], { cwd: work, encoding: "utf8", timeout: 60000 });
    process.stderr.write(`studio ${args.join(" ")} -> exit ${result.status}\n${result.stderr ?? ""}`);
    return result;
}

// A value that satisfies a (simple) JSON schema: the default or first enum member when there is one, else by type.
function sample(schema) {
    if (!schema || typeof schema !== "object") return "x";
    if ("default" in schema) return schema.default;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
    switch (type) {
        case "number": case "integer": return schema.minimum ?? 1;
        case "boolean": return true;
        case "array": return [];
        case "object": return argumentsFor(schema);
        default: return "x";
    }
}

function argumentsFor(schema) {
    const args = {};
    // Composed schemas: every allOf part applies, the first anyOf/oneOf alternative is the one satisfied, and an if/then/else
    // is satisfied through its else branch (the if's required properties are not given).
    const collect = (part) => {
        if (!part || typeof part !== "object") return;
        for (const name of part.required ?? []) args[name] ??= sample(schema?.properties?.[name] ?? part.properties?.[name]);
        for (const inner of part.allOf ?? []) collect(inner);
        collect((part.anyOf ?? part.oneOf ?? [])[0]);
        if (part.if) collect(part.else);
    };
    collect(schema);
    return args;
}

// Arguments as a workflow author writes them: a null means "not given", so it is left out.
function withoutNulls(args) {
    return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null));
}

function main() {
    fs.writeFileSync(path.join(work, "mcp.json"), JSON.stringify({ mcpServers: { [server]: { url } } }));
    const listed = studio("tools", "--mcp-config", "mcp.json", "--json");
    if (listed.status !== 0) return listed.status ?? 1;
    const tools = JSON.parse(listed.stdout).filter((t) => t.name.startsWith(`${server}/`));
    const context = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
    const asked = Array.isArray(context.toolCalls) ? context.toolCalls : null;
    const calls = asked
        ? asked.filter((c) => tools.some((t) => t.name === `${server}/${c.name}`)).map((c) => ({ tool: `${server}/${c.name}`, args: withoutNulls(c.arguments ?? {}) }))
        : tools.map((t) => ({ tool: t.name, args: argumentsFor(t.input_schema) }));
    // json-schema-2020-12-preservation asks the client to send back, verbatim, the input schema it observed for a tool.
    for (const call of calls) {
        const echoed = /The inputSchema the client observed for (\S+), passed back verbatim/.exec(
            tools.find((t) => t.name === call.tool)?.input_schema?.properties?.schema?.description ?? "");
        const observed = echoed && tools.find((t) => t.name === `${server}/${echoed[1]}`);
        if (observed) call.args = { schema: observed.input_schema };
    }
    if (calls.length === 0) {
        process.stderr.write("the server lists no tool to call; nothing to run\n");
        return 0;
    }
    const workflow = {
        name: `conformance-${process.env.MCP_CONFORMANCE_SCENARIO ?? "client"}`,
        nodes: calls.map((c, i) => ({ id: `call_${i + 1}`, tool: c.tool, args: c.args, continueOnError: true })),
    };
    fs.writeFileSync(path.join(work, "workflow.json"), JSON.stringify(workflow, null, 2));
    return runAnswering();
}

// `studio run`, answering each question the run prints ("NODE TOOL asks: … studio answer RUN NODE --accept …").
function runAnswering() {
    return new Promise((resolve) => {
        const run = spawn("dotnet", [studioDll, "run", "workflow.json", "--mcp-config", "mcp.json", "--json"], { cwd: work });
        const timer = setTimeout(() => run.kill("SIGINT"), 60000);
        let pending = "";
        run.stdout.pipe(process.stdout);
        run.stderr.on("data", (chunk) => {
            process.stderr.write(chunk);
            pending += chunk.toString();
            const lines = pending.split("\n");
            pending = lines.pop();
            for (const line of lines) {
                const asked = / asks: .*studio answer (\S+) (\S+) --accept/.exec(line);
                if (asked) studio("answer", asked[1], asked[2], "--accept", "{}");
            }
        });
        run.on("close", (status) => {
            clearTimeout(timer);
            resolve(status ?? 1);
        });
    });
}

async function start() {
    let code = 1;
    try {
        code = await main();
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    process.exit(code);
}

start();
