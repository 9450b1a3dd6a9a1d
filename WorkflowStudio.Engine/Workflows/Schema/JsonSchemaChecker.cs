using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Schema;

/// <summary>
/// Checks a JSON value against a JSON Schema, practical subset: type (one or several; integer vs number),
/// enum, const, minimum/maximum/exclusiveMinimum/exclusiveMaximum (number or draft-4 boolean form),
/// minLength/maxLength, pattern, minItems/maxItems/uniqueItems, items/prefixItems (and the draft-7 tuple
/// form with additionalItems), required, properties, patternProperties, additionalProperties,
/// minProperties/maxProperties, propertyNames, allOf/anyOf/oneOf/not, if/then/else, boolean schemas and local <c>$ref</c>
/// (<c>#/$defs/…</c>, <c>#/definitions/…</c>, any <c>#/…</c> pointer). Other keywords (format, remote refs…) are ignored.
/// </summary>
internal static class JsonSchemaChecker
{
    /// <summary>
    /// Every mismatch, located below <paramref name="jsonPath"/>. With <paramref name="deferBindings"/>, string
    /// values holding a <c>{{ binding }}</c> are not checked (they are resolved at run time) but still count as present.
    /// </summary>
    public static IReadOnlyList<ValidationError> Check(JsonElement schema, JsonElement value, string jsonPath, bool deferBindings = false)
    {
        var errors = new List<ValidationError>();
        if (schema.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
        {
            new SchemaWalker(schema, deferBindings).Check(schema, value, jsonPath, errors, 0);
        }
        return errors;
    }

    /// <summary>True when <paramref name="value"/> is of JSON Schema type <paramref name="type"/> (unknown type names match).</summary>
    public static bool IsOfType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };

    /// <summary>A number with no fractional part (<c>1.0</c> counts, as in JSON Schema).</summary>
    public static bool IsInteger(JsonElement number)
    {
        if (number.TryGetDecimal(out var exact))
        {
            return decimal.Truncate(exact) == exact;
        }
        var approximate = number.GetDouble();
        return double.IsFinite(approximate) && Math.Floor(approximate) == approximate;
    }
}
