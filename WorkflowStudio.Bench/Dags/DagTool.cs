namespace WorkflowStudio.Bench.Dags;

/// <summary>The tool every node of a benchmark DAG calls, and the argument that carries the node's latency in milliseconds.</summary>
internal sealed record DagTool(string Tool, string LatencyArgument, string Label)
{
    /// <summary>In-process <c>sim/work</c> (the bench's own tool source): engine overhead is all that differs between runners.</summary>
    public static readonly DagTool Simulated = new("sim/work", "ms", "in-process sim/work");

    /// <summary><c>builtin/delay</c>: every studio process has it, so separate worker processes can run the DAG.</summary>
    public static readonly DagTool BuiltinDelay = new("builtin/delay", "milliseconds", "builtin/delay");

    /// <summary>McpTestServer's <c>sleep</c> over stdio, configured as the MCP server <c>bench</c>.</summary>
    public static readonly DagTool McpSleep = new("bench/sleep", "ms", "MCP stdio bench/sleep");
}
