using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Schema;

internal sealed partial class SchemaWalker
{
    private void CheckObject(JsonElement schema, JsonElement value, string path, List<ValidationError> errors, int depth)
    {
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add(new ValidationError(path, $"missing required property '{name}'"));
                }
            }
        }
        var names = schema.TryGetProperty("propertyNames", out var nameSchema) ? nameSchema : default;
        var count = 0;
        var properties = schema.TryGetProperty("properties", out var declared) && declared.ValueKind == JsonValueKind.Object ? declared : default;
        var patterns = schema.TryGetProperty("patternProperties", out var patterned) && patterned.ValueKind == JsonValueKind.Object ? patterned : default;
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            count++;
            var propertyPath = JsonPathText.Property(path, property.Name);
            if (names.ValueKind != JsonValueKind.Undefined)
            {
                var nameErrors = new List<ValidationError>();
                Check(names, JsonSerializer.SerializeToElement(property.Name), propertyPath, nameErrors, depth + 1);
                errors.AddRange(nameErrors.Select(e => e with { Message = $"property name '{property.Name}': {e.Message}" }));
            }
            var matched = false;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                matched = true;
                Check(propertySchema, property.Value, propertyPath, errors, depth + 1);
            }
            if (patterns.ValueKind == JsonValueKind.Object)
            {
                foreach (var pattern in patterns.EnumerateObject())
                {
                    if (Matches(property.Name, pattern.Name) == true)
                    {
                        matched = true;
                        Check(pattern.Value, property.Value, propertyPath, errors, depth + 1);
                    }
                }
            }
            if (matched || !hasAdditional)
            {
                continue;
            }
            if (additional.ValueKind == JsonValueKind.False)
            {
                var known = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
                var suggestion = Suggestions.DidYouMean(property.Name, known);
                var allowed = suggestion.Length == 0 && known.Count > 0 ? $" (allowed: {string.Join(", ", known)})" : string.Empty;
                errors.Add(new ValidationError(propertyPath, $"unknown property{suggestion}{allowed}"));
            }
            else
            {
                Check(additional, property.Value, propertyPath, errors, depth + 1);
            }
        }
        if (Number(schema, "minProperties") is { } min && count < min)
        {
            errors.Add(new ValidationError(path, $"must have at least {min} propert{(min == 1 ? "y" : "ies")}, got {count}"));
        }
        if (Number(schema, "maxProperties") is { } max && count > max)
        {
            errors.Add(new ValidationError(path, $"must have at most {max} propert{(max == 1 ? "y" : "ies")}, got {count}"));
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string path, List<ValidationError> errors, int depth)
    {
        var length = value.GetArrayLength();
        if (Number(schema, "minItems") is { } min && length < min)
        {
            errors.Add(new ValidationError(path, $"must have at least {min} item(s), got {length}"));
        }
        if (Number(schema, "maxItems") is { } max && length > max)
        {
            errors.Add(new ValidationError(path, $"must have at most {max} item(s), got {length}"));
        }
        // Positional schemas: 2020-12 prefixItems (then items for the rest), or the older tuple form of items (then additionalItems).
        var hasItems = schema.TryGetProperty("items", out var items);
        JsonElement tuple = default, rest = default;
        if (schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
        {
            tuple = prefix;
            rest = hasItems ? items : default;
        }
        else if (hasItems && items.ValueKind == JsonValueKind.Array)
        {
            tuple = items;
            rest = schema.TryGetProperty("additionalItems", out var additionalItems) ? additionalItems : default;
        }
        else if (hasItems)
        {
            rest = items;
        }
        var tupleLength = tuple.ValueKind == JsonValueKind.Array ? tuple.GetArrayLength() : 0;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPathText.Index(path, index);
            var itemSchema = index < tupleLength ? tuple[index] : rest;
            if (itemSchema.ValueKind != JsonValueKind.Undefined)
            {
                Check(itemSchema, item, itemPath, errors, depth + 1);
            }
            index++;
        }
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            CheckUnique(value, path, errors);
        }
    }

    private static void CheckUnique(JsonElement value, string path, List<ValidationError> errors)
    {
        var seen = new List<JsonElement>();
        foreach (var item in value.EnumerateArray())
        {
            var twin = seen.FindIndex(s => JsonElement.DeepEquals(s, item));
            if (twin >= 0)
            {
                errors.Add(new ValidationError(path, $"items [{twin}] and [{seen.Count}] are equal; items must be unique"));
                return;
            }
            seen.Add(item);
        }
    }
}
