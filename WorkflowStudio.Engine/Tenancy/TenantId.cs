namespace WorkflowStudio.Engine.Tenancy;

/// <summary>
/// The id of a <see cref="Tenant"/>, checked when made: below the front door (<c>TenantRuns</c>) a run's tenant is never
/// optional and never an unchecked string. <see cref="ToString"/> is the id as stored.
/// </summary>
public readonly record struct TenantId
{
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid tenant id (the message says what is).</exception>
    public TenantId(string value)
    {
        if (!Tenant.IsValidId(value))
        {
            throw new ArgumentException(
                $"Tenant id '{value}' is not valid: use 1 to {Tenant.MaxIdLength} lower-case letters, digits, '-' or '_', starting with a letter or digit.",
                nameof(value));
        }
        _value = value;
    }

    private readonly string? _value;

    /// <summary>The tenant of everything made before tenants existed, and of the local CLI: the operator's.</summary>
    public static TenantId Default { get; } = new(Tenant.DefaultId);

    /// <summary>
    /// No tenant: owns nothing, so every read through it finds nothing and a start is refused. Stands for a caller who
    /// is not signed in although users exist. <c>default(TenantId)</c> is the same.
    /// </summary>
    public static TenantId None => default;

    public string Value => _value ?? string.Empty;

    /// <summary>True for <see cref="None"/> (and <c>default</c>).</summary>
    public bool IsNone => Value.Length == 0;

    /// <summary>True when <paramref name="tenantId"/> (a stored owner) is this tenant; never for <see cref="None"/>.</summary>
    public bool Owns(string? tenantId) => !IsNone && string.Equals(Value, tenantId, StringComparison.Ordinal);

    public override string ToString() => Value;
}
