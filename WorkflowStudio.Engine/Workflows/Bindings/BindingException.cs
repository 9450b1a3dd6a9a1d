namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>A binding could not be resolved at run time; the message names the binding and why.</summary>
public sealed class BindingException : Exception
{
    public BindingException(string message) : base(message)
    {
    }
}
