namespace WorkflowStudio.Web.Studio;

/// <summary>How a tool argument is edited: a text box, a number box, a switch, a select, or raw JSON.</summary>
public enum SchemaFieldKind
{
    String,
    Number,
    Integer,
    Boolean,
    Enum,
    Json,
}
